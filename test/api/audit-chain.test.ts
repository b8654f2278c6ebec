import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, rowToRecord, SYSTEM_ACTOR, type AuditActor } from '../../src/platform/audit/audit-log.js';
import { hashAuditRecord } from '../../src/platform/audit/hash-chain.js';
import { openEmbeddedDatabase, openServerDatabase, type Database } from '../../src/platform/db/db.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

let t: TestApp;
let audit: AuditLog;
const actor: AuditActor = {
  userId: randomUUID(),
  organisationId: randomUUID(),
  role: 'case_worker',
  requestId: 'req-audit-chain-test',
  clientIp: '192.0.2.10',
};

beforeAll(async () => {
  t = await createTestApp();
  audit = new AuditLog(t.db);
  for (let i = 0; i < 12; i++) {
    await audit.record(actor, {
      action: i % 3 === 0 ? 'case.read' : 'case.update',
      objectType: 'case',
      objectId: `case-${i}`,
      outcome: i === 5 ? 'denied' : 'success',
      details: { fields: ['status', 'notes'], n: i, nested: { b: 2, a: 1 } },
    });
  }
});
afterAll(async () => t?.close());

type AuditRow = Record<string, unknown> & { id: number };

/**
 * The table refuses UPDATE and DELETE by trigger; an attacker with superuser rights can switch triggers
 * off. The tests do just that (session_replication_role = replica skips ordinary triggers) to play the attacker.
 */
async function asAttacker(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    return (await tx.query(sql, params)).rowCount;
  });
}

async function row(id: number): Promise<AuditRow> {
  const { rows } = await t.db.query<AuditRow>('SELECT * FROM audit_events WHERE id = $1', [id]);
  return rows[0]!;
}

/** Puts a row back exactly as it was (the chain is shared by the tests in this file). */
async function restore(original: AuditRow): Promise<void> {
  await asAttacker(t.db, 'DELETE FROM audit_events WHERE id = $1', [original.id]);
  const cols = Object.keys(original);
  await asAttacker(
    t.db,
    `INSERT INTO audit_events (${cols.join(', ')}) VALUES (${cols.map((c, i) => (c === 'details' ? `$${i + 1}::jsonb` : `$${i + 1}`)).join(', ')})`,
    cols.map((c) => (c === 'details' ? JSON.stringify(original[c]) : original[c])),
  );
  expect((await audit.verify()).break).toBeNull();
}

async function eventCount(): Promise<number> {
  return (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0]!.n;
}

describe(`audit hash chain (${process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('is intact after ordinary appends, and counts every event', async () => {
    const result = await audit.verify();
    expect(result.break).toBeNull();
    expect(result.checked).toBe(await eventCount());
    expect(result.checked).toBeGreaterThanOrEqual(12);
  });

  it('refuses a plain UPDATE, DELETE and TRUNCATE', async () => {
    expect(t.db.kind).toBe(process.env.TEST_DATABASE_URL ? 'server' : 'embedded');
    await expect(t.db.query("UPDATE audit_events SET action = 'x' WHERE id = 3")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db.query('DELETE FROM audit_events WHERE id = 3')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(t.db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(t.db.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    // Refused with SQLSTATE 42501 (insufficient_privilege), and nothing changed.
    const err = await t.db.query('UPDATE audit_events SET outcome = outcome').catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('42501');
    expect((await audit.verify()).break).toBeNull();
  });

  it.each([
    ['action', "action = 'case.delete'"],
    ['outcome', "outcome = 'success'"],
    ['occurred_at', "occurred_at = occurred_at + interval '1 second'"],
    ['user_id', 'user_id = NULL'],
    ['details (jsonb)', `details = jsonb_set(details, '{n}', '99')`],
    ['client_ip', "client_ip = '203.0.113.66'"],
    ['hash', "hash = repeat('0', 64)"],
  ])('finds a tampered %s at exactly that event', async (_what, assignment) => {
    const target = 6;
    const original = await row(target);
    expect(await asAttacker(t.db, `UPDATE audit_events SET ${assignment} WHERE id = $1`, [target])).toBe(1);
    expect((await audit.verify()).break).toEqual({ id: target, problem: 'hash_mismatch' });
    await restore(original);
  });

  it('finds a forgery whose own hash was recomputed, at the next event', async () => {
    const target = 4;
    const original = await row(target);
    // The forger rewrites the event and recomputes its hash, but the next event still names the old hash.
    const forged = rowToRecord({ ...(original as Parameters<typeof rowToRecord>[0]), action: 'case.delete' });
    await asAttacker(t.db, 'UPDATE audit_events SET action = $2, hash = $3 WHERE id = $1', [target, forged.action, hashAuditRecord(forged)]);
    expect((await audit.verify()).break).toEqual({ id: target + 1, problem: 'prev_hash_mismatch' });
    await restore(original);
  });

  it('reports a deleted event as missing at its id', async () => {
    const target = 8;
    const original = await row(target);
    expect(await asAttacker(t.db, 'DELETE FROM audit_events WHERE id = $1', [target])).toBe(1);
    expect((await audit.verify()).break).toEqual({ id: target, problem: 'missing_event' });
    await restore(original);
  });

  it('finds the break across batch boundaries too', async () => {
    const target = 9;
    const original = await row(target);
    await asAttacker(t.db, "UPDATE audit_events SET reason = 'edited' WHERE id = $1", [target]);
    for (const batch of [1, 2, 4, 5000]) {
      expect((await audit.verify(batch)).break).toEqual({ id: target, problem: 'hash_mismatch' });
    }
    await restore(original);
  });

  it('keeps one order under concurrent appends', async () => {
    const before = await eventCount();
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.record(SYSTEM_ACTOR, { action: 'test.concurrent', details: { i } })));
    const result = await audit.verify();
    expect(result.break).toBeNull();
    expect(result.checked).toBe(before + 20);
  });
});

/** The database the CLI will read: a new database on the test server, or an embedded one in a temp DATA_DIR. */
async function cliDatabase(): Promise<{ db: Database; env: Record<string, string>; reopen: () => Promise<Database>; cleanup: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `opennrm_cli_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    const open = () => openServerDatabase(url.toString(), 2);
    return {
      db: await open(),
      env: { DATABASE_URL: url.toString() },
      reopen: open,
      async cleanup() {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'opennrm-audit-cli-'));
  // loadConfig puts the embedded database in DATA_DIR/pg.
  const open = () => openEmbeddedDatabase(path.join(dataDir, 'pg'));
  return {
    db: await open(),
    env: { DATA_DIR: dataDir },
    reopen: open,
    cleanup: () => fs.rm(dataDir, { recursive: true, force: true }),
  };
}

function runCli(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'DATA_DIR', 'TEST_DATABASE_URL', 'NODE_OPTIONS'].includes(k) && !k.startsWith('VITEST')),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'audit-verify.ts')], {
      cwd: ROOT,
      env: { ...base, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run audit:verify (the CLI, end to end)', () => {
  it('says the chain is intact (exit 0), then names the tampered event (exit 1)', async () => {
    const target = await cliDatabase();
    try {
      let db = target.db;
      await migrate(db);
      const log = new AuditLog(db);
      for (let i = 0; i < 7; i++) await log.record(actor, { action: 'cli.test', objectId: String(i) });
      const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0]!.n;
      await db.close(); // an embedded database is opened by one process at a time

      const intact = await runCli(target.env);
      expect(intact.stderr).toBe('');
      expect(intact.stdout.trim()).toBe(`Audit chain intact: ${total} events`);
      expect(intact.code).toBe(0);

      db = await target.reopen();
      await asAttacker(db, "UPDATE audit_events SET object_id = 'forged' WHERE id = 5");
      await db.close();
      const broken = await runCli(target.env);
      expect(broken.stdout.trim()).toBe('Audit chain BROKEN at event 5 (hash_mismatch)');
      expect(broken.code).toBe(1);

      db = await target.reopen();
      await asAttacker(db, 'DELETE FROM audit_events WHERE id = 3');
      await db.close();
      const missing = await runCli(target.env);
      expect(missing.stdout.trim()).toBe('Audit chain BROKEN at event 3 (missing_event)');
      expect(missing.code).toBe(1);
    } finally {
      await target.cleanup();
    }
  });

  it('fails with one clear line on a bad configuration', async () => {
    const r = await runCli({ DATABASE_URL: 'mysql://nope' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^Configuration error: DATABASE_URL: /);
  });
});
