import type { Database, Queryable } from '../db/db.js';
import { type AuditRecord, type ChainBreak, findChainBreak, GENESIS_HASH, hashAuditRecord } from './hash-chain.js';

/** Arbitrary constant: the advisory lock that serialises appends so the chain has one order. */
const AUDIT_LOCK = 74_617_002;

/** Who acted: filled from the request by the HTTP layer. */
export type AuditActor = {
  userId: string | null;
  organisationId: string | null;
  role: string | null;
  requestId: string | null;
  clientIp: string | null;
};

export type AuditEvent = {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  reason?: string | null;
  /** Never personal data: ids, field names, counts. */
  details?: Record<string, unknown>;
};

export const SYSTEM_ACTOR: AuditActor = {
  userId: null,
  organisationId: null,
  role: 'system',
  requestId: null,
  clientIp: null,
};

type StoredRow = {
  id: number;
  occurred_at: Date | string;
  user_id: string | null;
  organisation_id: string | null;
  role: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: AuditRecord['outcome'];
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

export function rowToRecord(r: StoredRow): AuditRecord & { hash: string } {
  return {
    id: Number(r.id),
    occurredAt: new Date(r.occurred_at).toISOString(),
    userId: r.user_id,
    organisationId: r.organisation_id,
    role: r.role,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    outcome: r.outcome,
    reason: r.reason,
    requestId: r.request_id,
    clientIp: r.client_ip,
    details: r.details ?? {},
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export class AuditLog {
  constructor(private readonly db: Database) {}

  /**
   * Appends one event. Pass `tx` to write it in the caller's transaction (the change and its audit
   * event commit together); otherwise it commits on its own.
   */
  async record(actor: AuditActor, event: AuditEvent, tx?: Queryable): Promise<number> {
    if (tx) return appendEvent(tx, actor, event);
    return this.db.transaction((t) => appendEvent(t, actor, event));
  }

  /** Walks the whole chain in id order; returns the first broken event or null. */
  async verify(batchSize = 5000): Promise<{ checked: number; break: ChainBreak | null }> {
    let previous: { id: number; hash: string } | null = null;
    let checked = 0;
    for (;;) {
      const { rows }: { rows: StoredRow[] } = await this.db.query<StoredRow>(
        'SELECT * FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2',
        [previous?.id ?? 0, batchSize],
      );
      if (rows.length === 0) return { checked, break: null };
      const records: (AuditRecord & { hash: string })[] = rows.map(rowToRecord);
      const found = findChainBreak(records, previous);
      if (found) return { checked: checked + records.findIndex((r) => r.id >= found.id), break: found };
      checked += records.length;
      const last: AuditRecord & { hash: string } = records[records.length - 1]!;
      previous = { id: last.id, hash: last.hash };
    }
  }
}

async function appendEvent(tx: Queryable, actor: AuditActor, event: AuditEvent): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const { rows } = await tx.query<{ id: number; hash: string }>(
    'SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1',
  );
  const last = rows[0];
  const record: AuditRecord = {
    id: last ? Number(last.id) + 1 : 1,
    occurredAt: new Date().toISOString(),
    userId: actor.userId,
    organisationId: actor.organisationId,
    role: actor.role,
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId ?? null,
    outcome: event.outcome ?? 'success',
    reason: event.reason ?? null,
    requestId: actor.requestId,
    clientIp: actor.clientIp,
    details: event.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditRecord(record);
  await tx.query(
    `INSERT INTO audit_events (id, occurred_at, user_id, organisation_id, role, action, object_type, object_id,
       outcome, reason, request_id, client_ip, details, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [
      record.id,
      record.occurredAt,
      record.userId,
      record.organisationId,
      record.role,
      record.action,
      record.objectType,
      record.objectId,
      record.outcome,
      record.reason,
      record.requestId,
      record.clientIp,
      JSON.stringify(record.details),
      record.prevHash,
      hash,
    ],
  );
  return record.id;
}
