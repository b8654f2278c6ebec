import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditRecord, canonicalJson, findChainBreak, GENESIS_HASH, hashAuditRecord } from './hash-chain.js';

type Stored = AuditRecord & { hash: string };
type EventData = Omit<AuditRecord, 'id' | 'prevHash'>;

const nullableText = fc.option(fc.string({ maxLength: 24 }), { nil: null });
const eventData: fc.Arbitrary<EventData> = fc.record({
  occurredAt: fc
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  userId: fc.option(fc.uuid(), { nil: null }),
  organisationId: fc.option(fc.uuid(), { nil: null }),
  role: nullableText,
  action: fc.string({ minLength: 1, maxLength: 30 }),
  objectType: nullableText,
  objectId: nullableText,
  outcome: fc.constantFrom('success' as const, 'failure' as const, 'denied' as const),
  reason: nullableText,
  requestId: nullableText,
  clientIp: fc.option(fc.ipV4(), { nil: null }),
  details: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
});

/** Links event data into a chain exactly as AuditLog.record does (ids 1..n, each hash covering the previous). */
function buildChain(data: readonly EventData[], first: { id: number; hash: string } | null = null): Stored[] {
  const out: Stored[] = [];
  let prev = first;
  for (const d of data) {
    const record: AuditRecord = { ...d, id: prev ? prev.id + 1 : 1, prevHash: prev?.hash ?? GENESIS_HASH };
    const stored = { ...record, hash: hashAuditRecord(record) };
    out.push(stored);
    prev = stored;
  }
  return out;
}

const FIELDS = [
  'id',
  'occurredAt',
  'userId',
  'organisationId',
  'role',
  'action',
  'objectType',
  'objectId',
  'outcome',
  'reason',
  'requestId',
  'clientIp',
  'details',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof Stored)[];
type Field = (typeof FIELDS)[number];

const flipHex = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);
const otherText = (v: string | null) => (v === null ? '' : v === '' ? null : `${v}x`);

/** A copy of the event with exactly one field changed to a different value. */
function tamper(e: Stored, field: Field): Stored {
  const t: Stored = { ...e, details: { ...e.details } };
  switch (field) {
    case 'id':
      t.id = e.id + 1000;
      break;
    case 'occurredAt':
      t.occurredAt = new Date(Date.parse(e.occurredAt) + 1).toISOString();
      break;
    case 'outcome':
      t.outcome = e.outcome === 'success' ? 'denied' : 'success';
      break;
    case 'action':
      t.action = `${e.action}x`;
      break;
    case 'details':
      t.details = Object.hasOwn(e.details, 'tampered') ? {} : { ...e.details, tampered: true };
      break;
    case 'prevHash':
      t.prevHash = flipHex(e.prevHash);
      break;
    case 'hash':
      t.hash = flipHex(e.hash);
      break;
    default:
      t[field] = otherText(e[field]) as never;
  }
  return t;
}

/** Rebuilds an object with its keys (at every depth) in another order. */
function reorderKeys(value: unknown, reverse: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, reverse));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort();
  if (reverse) keys.reverse();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    Object.defineProperty(out, k, {
      value: reorderKeys((value as Record<string, unknown>)[k], reverse),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

describe('canonicalJson', () => {
  it('does not depend on key order at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        expect(canonicalJson(reorderKeys(v, true))).toBe(canonicalJson(reorderKeys(v, false)));
        expect(canonicalJson(reorderKeys(v, true))).toBe(canonicalJson(v));
      }),
    );
  });

  it('is valid JSON that reads back as the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        // Compared with what JSON itself reads back: JSON has no -0, so fast-check's -0 comes back as 0.
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('tells different values apart', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
        fc.pre(JSON.stringify(reorderKeys(a, false)) !== JSON.stringify(reorderKeys(b, false)));
        expect(canonicalJson(a)).not.toBe(canonicalJson(b));
      }),
    );
  });

  it('drops undefined members and writes undefined as null', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined] })).toBe('{"b":1,"c":[null]}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('hash chain', () => {
  it('accepts an untampered chain of any length', () => {
    fc.assert(
      fc.property(fc.array(eventData, { maxLength: 12 }), (data) => {
        expect(findChainBreak(buildChain(data), null)).toBeNull();
      }),
    );
  });

  it('finds any single-field tampering of any event at exactly that event', () => {
    fc.assert(
      fc.property(
        fc.array(eventData, { minLength: 1, maxLength: 10 }).chain((data) =>
          fc.tuple(fc.constant(data), fc.nat({ max: data.length - 1 }), fc.constantFrom(...FIELDS)),
        ),
        ([data, index, field]) => {
          const chain = buildChain(data);
          const original = chain[index]!;
          const tampered = [...chain];
          tampered[index] = tamper(original, field);
          const found = findChainBreak(tampered, null);
          expect(found).not.toBeNull();
          expect(found!.id).toBe(original.id);
          const expected = field === 'id' ? 'missing_event' : field === 'prevHash' ? 'prev_hash_mismatch' : 'hash_mismatch';
          expect(found!.problem).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds tampering even when the attacker recomputes the tampered event\u2019s own hash', () => {
    fc.assert(
      fc.property(
        fc.array(eventData, { minLength: 2, maxLength: 8 }).chain((data) => fc.tuple(fc.constant(data), fc.nat({ max: data.length - 2 }))),
        ([data, index]) => {
          const chain = buildChain(data);
          const forged = { ...chain[index]!, action: `${chain[index]!.action}-forged` };
          forged.hash = hashAuditRecord(forged);
          const tampered = [...chain];
          tampered[index] = forged;
          // The next event still names the original hash.
          expect(findChainBreak(tampered, null)).toEqual({ id: chain[index + 1]!.id, problem: 'prev_hash_mismatch' });
        },
      ),
    );
  });

  it('reports a deleted event (other than the newest) as missing at its id', () => {
    fc.assert(
      fc.property(
        fc.array(eventData, { minLength: 2, maxLength: 10 }).chain((data) => fc.tuple(fc.constant(data), fc.nat({ max: data.length - 2 }))),
        ([data, index]) => {
          const chain = buildChain(data);
          const without = chain.filter((_, i) => i !== index);
          expect(findChainBreak(without, null)).toEqual({ id: chain[index]!.id, problem: 'missing_event' });
        },
      ),
    );
  });

  it('detects two events swapped', () => {
    const chain = buildChain(fc.sample(eventData, 3));
    expect(findChainBreak([chain[1]!, chain[0]!, chain[2]!], null)).toEqual({ id: 1, problem: 'missing_event' });
  });

  it('is not fooled by reordering keys of details (jsonb may reorder them)', () => {
    fc.assert(
      fc.property(fc.array(eventData, { minLength: 1, maxLength: 5 }), (data) => {
        const chain = buildChain(data).map((e) => ({ ...e, details: reorderKeys(e.details, true) as Record<string, unknown> }));
        expect(findChainBreak(chain, null)).toBeNull();
      }),
    );
  });

  it('verifies in batches with the same result as in one pass', () => {
    fc.assert(
      fc.property(fc.array(eventData, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (data, batch) => {
        const chain = buildChain(data);
        let previous: { id: number; hash: string } | null = null;
        for (let i = 0; i < chain.length; i += batch) {
          const run = chain.slice(i, i + batch);
          expect(findChainBreak(run, previous)).toBeNull();
          const last = run[run.length - 1]!;
          previous = { id: last.id, hash: last.hash };
        }
        // A batch that does not continue from the previous one is a break.
        if (chain.length > 1) expect(findChainBreak(chain.slice(1), null)).toEqual({ id: 1, problem: 'missing_event' });
      }),
    );
  });

  it('starts from the genesis hash and hashes deterministically', () => {
    const [first] = buildChain(fc.sample(eventData, 1));
    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditRecord(first!)).toBe(first!.hash);
    expect(findChainBreak([{ ...first!, prevHash: 'f'.repeat(64) }], null)).toEqual({ id: 1, problem: 'prev_hash_mismatch' });
  });
});
