import { createHash } from 'node:crypto';

/** Pure hash-chain logic of the audit trail: no I/O, so it is tested exhaustively. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditRecord = {
  id: number;
  occurredAt: string; // ISO 8601 with milliseconds, UTC
  userId: string | null;
  organisationId: string | null;
  role: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  reason: string | null;
  requestId: string | null;
  clientIp: string | null;
  details: Record<string, unknown>;
  prevHash: string;
};

/** JSON with object keys sorted at every depth, so jsonb's reordering never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditRecord(r: AuditRecord): string {
  const material = canonicalJson([
    r.id,
    r.occurredAt,
    r.userId,
    r.organisationId,
    r.role,
    r.action,
    r.objectType,
    r.objectId,
    r.outcome,
    r.reason,
    r.requestId,
    r.clientIp,
    r.details,
    r.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

export type ChainBreak = { id: number; problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'missing_event' };

/**
 * Checks a run of stored events (in id order) continuing from `previous` (the last good event, or null
 * at the start). Returns the first break, or null when the run is intact.
 */
export function findChainBreak(
  events: Iterable<AuditRecord & { hash: string }>,
  previous: { id: number; hash: string } | null,
): ChainBreak | null {
  let expectedId = previous ? previous.id + 1 : 1;
  let expectedPrev = previous ? previous.hash : GENESIS_HASH;
  for (const e of events) {
    if (e.id !== expectedId) return { id: expectedId, problem: 'missing_event' };
    if (e.prevHash !== expectedPrev) return { id: e.id, problem: 'prev_hash_mismatch' };
    if (hashAuditRecord(e) !== e.hash) return { id: e.id, problem: 'hash_mismatch' };
    expectedId = e.id + 1;
    expectedPrev = e.hash;
  }
  return null;
}
