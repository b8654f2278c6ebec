/**
 * npm run bench — the performance figures named in the issues, each next to a baseline measured in the
 * same process, so the ratio means something on any machine. See bench/README.md.
 *
 * Environment: BENCH_HTTP_SECONDS (default 10), BENCH_CONNECTIONS (default 50), BENCH_ONLY=login,geography,http,
 * BENCH_JSON=<file> to also write the figures as JSON, DEMO_PASSWORD (default Demo-Password-2026).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { loadConfig } from '../src/platform/config/config.js';
import { createContext } from '../src/platform/bootstrap.js';
import { openEmbeddedDatabase, type Database } from '../src/platform/db/db.js';
import { createPasswordHasher } from '../src/platform/auth/passwords.js';
import { totpCode } from '../src/platform/auth/totp.js';
import type { AppContext } from '../src/platform/http/context.js';
import { loadReferenceData } from '../src/modules/reference-data.js';
import { DEMO_TOTP_SECRET } from '../src/demo/demo-data.js';
import { startServer } from '../src/server.js';
import { benchGeographySearch } from './geography-search.js';

type Row = { figure: string; measured: string; baseline: string; ratio: string; target: string; verdict: string };
const rows: Row[] = [];
const json: Record<string, unknown> = {};
const only = new Set((process.env.BENCH_ONLY ?? 'login,geography,http').split(',').map((s) => s.trim()));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { median: percentile(s, 50), p95: percentile(s, 95), n: s.length };
};
const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(2)} ms` : `${(v * 1000).toFixed(1)} µs`);
const ratio = (a: number, b: number) => {
  if (!(b > 0)) return 'n/a';
  const r = a / b;
  return `${r >= 100 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toPrecision(2)}×`;
};
const progress = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** (a) One argon2id verification with the production cost, against a SHA-256 of the same password. */
async function benchLogin() {
  const cost = loadConfig({}).argon2;
  const password = 'Correct-Horse-Battery-2026';
  const hasher = createPasswordHasher(cost);
  const hash = await hasher.hash(password);
  for (let i = 0; i < 3; i++) await hasher.verify(hash, password); // warm-up
  const argon: number[] = [];
  const n = 40;
  progress(`login: ${n} argon2id verifications (m=${cost.memoryKib} KiB, t=${cost.timeCost}, p=${cost.parallelism})…`);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const ok = await hasher.verify(hash, password);
    argon.push(performance.now() - t0);
    if (!ok) throw new Error('argon2 verification failed');
  }
  const sha: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const t0 = performance.now();
    createHash('sha256').update(password).digest('hex');
    sha.push(performance.now() - t0);
  }
  const a = stats(argon);
  const b = stats(sha);
  const label = `argon2id m=${cost.memoryKib / 1024} MiB t=${cost.timeCost} p=${cost.parallelism}`;
  rows.push({
    figure: `login: password verification, median (${label})`,
    measured: ms(a.median),
    baseline: `SHA-256 of the same password: ${ms(b.median)}`,
    ratio: ratio(a.median, b.median),
    target: '≥ 50 ms (costly to guess), < 1 s',
    verdict: a.median >= 50 && a.median < 1000 ? 'ok' : 'CHECK',
  });
  rows.push({
    figure: 'login: password verification, p95',
    measured: ms(a.p95),
    baseline: `SHA-256: ${ms(b.p95)}`,
    ratio: ratio(a.p95, b.p95),
    target: '',
    verdict: '',
  });
  json.login = { argon2: { ...cost, medianMs: a.median, p95Ms: a.p95, n: a.n }, sha256: { medianMs: b.median, p95Ms: b.p95, n: b.n } };
}

/** Times `n` queries one after another, each on its own, as the geography harness does. */
async function timeQueries(db: Database, n: number, next: (i: number) => [string, unknown[]]) {
  for (let i = 0; i < Math.min(20, n); i++) await db.query(...next(i)); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const [sql, params] = next(i);
    const t0 = performance.now();
    await db.query(sql, params);
    samples.push(performance.now() - t0);
  }
  const s = stats(samples);
  return { p50Ms: s.median, p95Ms: s.p95, queries: n };
}

/** (b) Administrative-unit prefix search over all units, against a primary-key lookup of one unit. */
async function benchGeography() {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const db = await openEmbeddedDatabase(null);
  try {
    const ctx = await createContext(config, db, randomBytes(32));
    const t0 = performance.now();
    const silent = { info() {}, warn() {}, error() {}, debug() {} } as unknown as AppContext['log'];
    await loadReferenceData(ctx, silent);
    const { rows: count } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM admin_units');
    const units = count[0]!.n;
    progress(`geography: ${units} units loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s; searching…`);
    const search = await benchGeographySearch(db);
    const searchQueries = Array.isArray(search.queries) ? search.queries.length : Number(search.queries);
    const { rows: codes } = await db.query<{ code: string }>('SELECT code FROM admin_units ORDER BY md5(code) LIMIT 1000');
    const n = Number.isFinite(searchQueries) && searchQueries > 0 ? searchQueries : 500;
    const pk = await timeQueries(db, n, (i) => ['SELECT * FROM admin_units WHERE code = $1', [codes[i % codes.length]!.code]]);
    rows.push({
      figure: `administrative-unit prefix search, p95 (${units.toLocaleString('en')} units, ${n} queries)`,
      measured: ms(search.p95Ms),
      baseline: `primary-key lookup of one unit: ${ms(pk.p95Ms)}`,
      ratio: ratio(search.p95Ms, pk.p95Ms),
      target: '< 20 ms',
      verdict: search.p95Ms < 20 ? 'ok' : 'MISSED',
    });
    rows.push({ figure: 'administrative-unit prefix search, median', measured: ms(search.p50Ms), baseline: `primary-key lookup: ${ms(pk.p50Ms)}`, ratio: ratio(search.p50Ms, pk.p50Ms), target: '', verdict: '' });
    json.geography = { units, search: { p50Ms: search.p50Ms, p95Ms: search.p95Ms, queries: n }, primaryKey: pk };
  } finally {
    await db.close();
  }
}

type Load = { p50: number; p95: number; rps: number; total: number; non2xx: number; errors: number };

/** Runs autocannon against one URL; p95 is computed from every response time (autocannon reports p97.5, not p95). */
async function load(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<Load> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const s = stats(times);
  return { p50: s.median, p95: s.p95, rps: result.requests.average, total: result.requests.total, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

/** (c) Authenticated GET /api/v1/home under load, against the bare /healthz of the same server. */
async function benchHttp() {
  const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'opennrm-bench-'));
  const password = process.env.DEMO_PASSWORD || 'Demo-Password-2026';
  const config = loadConfig({
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: '1',
    DEMO_PASSWORD: password,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  });
  progress(`http: starting the server (${config.database.kind} database, demo data)…`);
  const t0 = performance.now();
  const server = await startServer(config);
  progress(`http: server ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const base = server.url.replace('localhost', '127.0.0.1');
    const cookie = await signIn(base, 'admin', password);
    const check = await fetch(`${base}/api/v1/home`, { headers: { cookie } });
    if (check.status !== 200) throw new Error(`GET /api/v1/home answered ${check.status}: ${await check.text()}`);
    progress(`http: GET /healthz, ${connections} connections, ${seconds} s…`);
    const bare = await load(`${base}/healthz`, {}, seconds, connections);
    progress(`http: GET /api/v1/home (signed in as admin), ${connections} connections, ${seconds} s…`);
    const home = await load(`${base}/api/v1/home`, { cookie }, seconds, connections);
    const flag = (l: Load) => (l.non2xx || l.errors ? ` (${l.non2xx} non-2xx, ${l.errors} errors!)` : '');
    rows.push({
      figure: `GET /api/v1/home signed in, p95 latency (${connections} connections, ${seconds} s)`,
      measured: `${ms(home.p95)}${flag(home)}`,
      baseline: `GET /healthz, same server: ${ms(bare.p95)}${flag(bare)}`,
      ratio: ratio(home.p95, bare.p95),
      target: '',
      verdict: home.non2xx || home.errors ? 'ERRORS' : '',
    });
    rows.push({
      figure: 'GET /api/v1/home signed in, requests/s',
      measured: `${home.rps.toFixed(0)} req/s (${home.total} requests)`,
      baseline: `GET /healthz: ${bare.rps.toFixed(0)} req/s`,
      ratio: ratio(home.rps, bare.rps),
      target: '',
      verdict: '',
    });
    json.http = { connections, seconds, database: config.database.kind, home, healthz: bare };
  } finally {
    await server.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** Password and TOTP over HTTP, as a browser would; returns the session cookie. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('nrm_session='))?.split(';')[0];
  const post = (url: string, body: unknown, cookie?: string) =>
    fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const first = await post('/api/v1/auth/login', { username, password });
  if (first.status !== 200) throw new Error(`sign-in as ${username} failed: ${first.status} ${await first.text()}`);
  const pending = cookieOf(first);
  const body = (await first.json()) as { mfaRequired: boolean };
  if (!body.mfaRequired) return pending!;
  const second = await post('/api/v1/auth/mfa', { code: totpCode(DEMO_TOTP_SECRET) }, pending);
  if (second.status !== 200) throw new Error(`second factor for ${username} failed: ${second.status} ${await second.text()}`);
  return cookieOf(second)!;
}

function printTable() {
  const header: Row = { figure: 'figure', measured: 'measured', baseline: 'baseline (same run)', ratio: 'ratio', target: 'target', verdict: '' };
  const keys = Object.keys(header) as (keyof Row)[];
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...[header, ...rows].map((r) => r[k].length))])) as Record<keyof Row, number>;
  const line = (r: Row) => keys.map((k) => r[k].padEnd(width[k])).join(' │ ').trimEnd();
  const rule = keys.map((k) => '─'.repeat(width[k])).join('─┼─');
  process.stdout.write(`\nOpenNRM benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB\n\n`);
  process.stdout.write(`${line(header)}\n${rule}\n${rows.map(line).join('\n')}\n\n`);
}

const started = performance.now();
if (only.has('login')) await benchLogin();
if (only.has('geography')) await benchGeography();
if (only.has('http')) await benchHttp();
printTable();
process.stdout.write(`Total bench time: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
if (process.env.BENCH_JSON) await fs.writeFile(process.env.BENCH_JSON, JSON.stringify(json, null, 2));
// The embedded database and autocannon may keep handles; the figures are out, so leave.
process.exit(0);
