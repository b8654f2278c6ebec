import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createKeyRing,
  decryptField,
  decryptJson,
  encryptField,
  encryptJson,
  masterKeyId,
  newDataKey,
  rewrapDataKey,
  unwrapDataKey,
  UnknownMasterKeyError,
  wrapDataKey,
  wrappedKeyId,
  type KeyRing,
} from './envelope.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const keyC = randomBytes(32);
const ringA = createKeyRing({ id: 'A', key: keyA });

/** Every single-bit change of the base64url parts after the first `skip` dot-separated parts. */
function* tampered(value: string, skip: number): Generator<string> {
  const parts = value.split('.');
  for (let p = skip; p < parts.length; p++) {
    const bytes = Buffer.from(parts[p]!, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i]! ^= 1 << (i % 8);
      const copy = [...parts];
      copy[p] = changed.toString('base64url');
      yield copy.join('.');
    }
  }
}

describe('key ring', () => {
  it('derives stable, distinct, non-secret ids from raw keys', () => {
    expect(masterKeyId(keyA)).toBe(masterKeyId(Buffer.from(keyA)));
    expect(masterKeyId(keyA)).not.toBe(masterKeyId(keyB));
    expect(masterKeyId(keyA)).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(masterKeyId(keyA)).not.toContain(keyA.toString('base64url').slice(0, 6));
    const ring = createKeyRing(keyB, [keyA]);
    expect(ring.current.id).toBe(masterKeyId(keyB));
    expect(ring.previous.map((k) => k.id)).toEqual([masterKeyId(keyA)]);
  });

  it('refuses short keys, bad or repeated ids, and the same key twice', () => {
    expect(() => createKeyRing(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => createKeyRing({ id: 'a.b', key: keyA })).toThrow(/Invalid master key id/);
    expect(() => createKeyRing({ id: '', key: keyA })).toThrow(/Invalid master key id/);
    expect(() => createKeyRing({ id: 'A', key: keyA }, [{ id: 'A', key: keyB }])).toThrow(/appears twice/);
    expect(() => createKeyRing({ id: 'A', key: keyA }, [{ id: 'B', key: keyA }])).toThrow(/same key/);
  });
});

describe('data keys', () => {
  it('are 32 random bytes', () => {
    const a = newDataKey();
    expect(a).toHaveLength(32);
    expect(a.equals(newDataKey())).toBe(false);
  });

  it('wrap and unwrap for the same record, recording the master key id', () => {
    const dataKey = newDataKey();
    const recordId = randomUUID();
    const wrapped = wrapDataKey(ringA, dataKey, recordId);
    expect(wrapped).toMatch(/^dk1\.A\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{64}$/);
    expect(wrappedKeyId(wrapped)).toBe('A');
    expect(unwrapDataKey(ringA, wrapped, recordId).equals(dataKey)).toBe(true);
    expect(wrapDataKey(ringA, dataKey, recordId)).not.toBe(wrapped); // fresh nonce every time
  });

  it('do not open for another record (a wrapped key moved to another row)', () => {
    const wrapped = wrapDataKey(ringA, newDataKey(), 'person-1');
    expect(() => unwrapDataKey(ringA, wrapped, 'person-2')).toThrow(/does not open for record person-2/);
  });

  it('detect any changed bit, a relabelled key id and a malformed value', () => {
    const wrapped = wrapDataKey(ringA, newDataKey(), 'r');
    let count = 0;
    for (const changed of tampered(wrapped, 2)) {
      expect(() => unwrapDataKey(ringA, changed, 'r')).toThrow();
      count++;
    }
    expect(count).toBe(12 + 48);
    // Claiming another key of the ring wrapped it: that key does not open it.
    const ring = createKeyRing({ id: 'B', key: keyB }, [{ id: 'A', key: keyA }]);
    expect(() => unwrapDataKey(ring, wrapped.replace(/^dk1\.A\./, 'dk1.B.'), 'r')).toThrow(/does not open/);
    for (const bad of ['', 'dk1', 'dk1.A.x', 'dk2.A.x.y', 'v1.x.y', 'dk1.A.x.y.z', 'dk1..x.y']) {
      expect(() => unwrapDataKey(ringA, bad, 'r')).toThrow(/Unrecognised wrapped data key format/);
    }
  });

  it('name the missing master key when the ring does not hold it', () => {
    const wrapped = wrapDataKey(ringA, newDataKey(), 'r');
    const ring = createKeyRing({ id: 'B', key: keyB }, [{ id: 'C', key: keyC }]);
    let error: unknown;
    try {
      unwrapDataKey(ring, wrapped, 'r');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnknownMasterKeyError);
    expect((error as UnknownMasterKeyError).keyId).toBe('A');
    expect((error as Error).message).toMatch(/master key "A", which is not in the key ring \(it holds "B", "C"\)/);
    expect(() => rewrapDataKey(ring, wrapped, 'r')).toThrow(UnknownMasterKeyError);
  });

  it('refuse a data key that is not 32 bytes', () => {
    expect(() => wrapDataKey(ringA, randomBytes(31), 'r')).toThrow(/data key must be 32 bytes/);
  });
});

describe('rotation', () => {
  /** A table of persons as the cases module would keep it: wrapped data key and sealed fields per record. */
  function makeStore(ring: KeyRing, n: number) {
    return Array.from({ length: n }, (_, i) => {
      const id = randomUUID();
      const dataKey = newDataKey();
      return {
        id,
        name: `Олена ${i}`,
        wrapped: wrapDataKey(ring, dataKey, id),
        familyName: encryptField(dataKey, `Коваленко ${i}`, `person:${id}:family_name`)!,
      };
    });
  }
  type Row = ReturnType<typeof makeStore>[number];
  /** One rotation pass; returns how many rows it rewrote. */
  function rotate(ring: KeyRing, rows: Row[], limit = Infinity): number {
    let written = 0;
    for (const row of rows) {
      if (written >= limit) break;
      const next = rewrapDataKey(ring, row.wrapped, row.id);
      if (next !== null) {
        row.wrapped = next;
        written++;
      }
    }
    return written;
  }
  const readAll = (ring: KeyRing, rows: Row[]) =>
    rows.map((r) => decryptField(unwrapDataKey(ring, r.wrapped, r.id), r.familyName, `person:${r.id}:family_name`));

  it('re-wraps every data key once, keeps every field readable, and a second run changes nothing', () => {
    const rows = makeStore(ringA, 50);
    const fieldsBefore = rows.map((r) => r.familyName);
    const expected = rows.map((_, i) => `Коваленко ${i}`);
    const ringB = createKeyRing({ id: 'B', key: keyB }, [{ id: 'A', key: keyA }]);
    expect(rotate(ringB, rows)).toBe(50);
    expect(rows.every((r) => wrappedKeyId(r.wrapped) === 'B')).toBe(true);
    expect(rows.map((r) => r.familyName)).toEqual(fieldsBefore); // field ciphertexts never change
    expect(readAll(ringB, rows)).toEqual(expected);
    expect(rotate(ringB, rows)).toBe(0);
    // The old master key can now be retired.
    expect(readAll(createKeyRing({ id: 'B', key: keyB }), rows)).toEqual(expected);
  });

  it('can be interrupted and resumed, and reads work in between', () => {
    const rows = makeStore(ringA, 30);
    const ringB = createKeyRing({ id: 'B', key: keyB }, [{ id: 'A', key: keyA }]);
    expect(rotate(ringB, rows, 12)).toBe(12);
    expect(readAll(ringB, rows)).toEqual(rows.map((_, i) => `Коваленко ${i}`)); // mixed A and B
    // A further rotation starts before the first finished: C current, B and A previous.
    const ringC = createKeyRing({ id: 'C', key: keyC }, [{ id: 'B', key: keyB }, { id: 'A', key: keyA }]);
    expect(rotate(ringC, rows)).toBe(30);
    expect(rotate(ringC, rows)).toBe(0);
    expect(readAll(createKeyRing({ id: 'C', key: keyC }), rows)).toEqual(rows.map((_, i) => `Коваленко ${i}`));
  });

  it('returns null for a key already under the current master key without opening it', () => {
    expect(rewrapDataKey(ringA, 'dk1.A.not.checked', 'r')).toBeNull();
  });
});

describe('field encryption', () => {
  const dataKey = newDataKey();

  it('round-trips any Unicode text, null stays null', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 60 }), (value, context) => {
        const sealed = encryptField(dataKey, value, context);
        expect(sealed).not.toBeNull();
        expect(decryptField(dataKey, sealed, context)).toBe(value);
      }),
      { numRuns: 300 },
    );
    expect(encryptField(dataKey, null, 'person:1:patronymic')).toBeNull();
    expect(decryptField(dataKey, null, 'person:1:patronymic')).toBeNull();
    expect(decryptField(dataKey, encryptField(dataKey, '', 'c'), 'c')).toBe('');
  });

  it('round-trips JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const sealed = encryptJson(dataKey, value, 'person:1:addresses');
        if (value === null) expect(sealed).toBeNull();
        // JSON has no -0: it comes back as 0, as from any JSON column.
        else expect(decryptJson(dataKey, sealed, 'person:1:addresses')).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
    const address = { settlement: 'UA05020030010063857', street: 'вул. Соборна, 1', since: '2024-01-01' };
    expect(decryptJson(dataKey, encryptJson(dataKey, address, 'person:1:address'), 'person:1:address')).toEqual(address);
    expect(() => encryptJson(dataKey, () => 1, 'x')).toThrow(/not representable as JSON/);
  });

  it('never shows the plaintext and never repeats a ciphertext', () => {
    const a = encryptField(dataKey, 'Коваленко', 'person:1:family_name')!;
    expect(a).not.toBe(encryptField(dataKey, 'Коваленко', 'person:1:family_name'));
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(a.split('.')[2]!, 'base64url').toString('utf8')).not.toContain('Коваленко');
  });

  it('binds the field context: swapped fields, another record, another key, text vs JSON all fail', () => {
    const id = randomUUID();
    const family = encryptField(dataKey, 'Коваленко', `person:${id}:family_name`)!;
    const given = encryptField(dataKey, 'Олена', `person:${id}:given_name`)!;
    expect(() => decryptField(dataKey, given, `person:${id}:family_name`)).toThrow(/does not open/);
    expect(() => decryptField(dataKey, family, `person:${id}:given_name`)).toThrow(/does not open/);
    expect(() => decryptField(dataKey, family, `person:${randomUUID()}:family_name`)).toThrow(/does not open/);
    expect(() => decryptField(newDataKey(), family, `person:${id}:family_name`)).toThrow(/does not open/);
    const json = encryptJson(dataKey, 'Коваленко', `person:${id}:family_name`)!;
    expect(() => decryptField(dataKey, json, `person:${id}:family_name`)).toThrow(/does not open/);
    expect(() => decryptJson(dataKey, family, `person:${id}:family_name`)).toThrow(/does not open/);
    expect(() => decryptField(dataKey, family, `person:${id}:family_name`)).not.toThrow();
  });

  it('detects any changed bit of nonce, ciphertext or tag', () => {
    const sealed = encryptField(dataKey, 'Коваленко Олена Іванівна', 'person:1:name')!;
    let count = 0;
    for (const changed of tampered(sealed, 1)) {
      expect(() => decryptField(dataKey, changed, 'person:1:name')).toThrow();
      count++;
    }
    expect(count).toBeGreaterThan(12 + 16);
    expect(() => decryptField(dataKey, 'v0.a.b', 'person:1:name')).toThrow();
  });

  it('crypto-shredding: without the data key nothing opens', () => {
    const lost = newDataKey();
    const sealed = encryptField(lost, 'Коваленко', 'person:1:family_name');
    lost.fill(0);
    expect(() => decryptField(lost, sealed, 'person:1:family_name')).toThrow();
  });
});
