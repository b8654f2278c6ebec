/**
 * Envelope encryption of personal data: every record (person) has its own random data key; fields are sealed
 * with AES-256-GCM under that key; the data key is stored wrapped (sealed) by a master key of the key ring.
 * Pure: no I/O. Storage, the rotation command and erasure live with the data they protect (see
 * docs/decisions/0007).
 *
 * - Rotation: a new master key becomes `current`, the old one moves to `previous`; `rewrapDataKey` re-seals a
 *   wrapped key under the current master key and answers null when it already is, so a rotation run can be
 *   interrupted, resumed and repeated. Field ciphertexts never change.
 * - Crypto-shredding: destroying a record's wrapped data key makes all its field ciphertexts unreadable.
 * - Binding: a wrapped key is bound to its record id, a field ciphertext to its field context
 *   ("person:<id>:family_name"); a value copied to another record or field fails to open.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { deriveKey, KEY_PURPOSE } from './blind-index.js';
import { open, seal } from './secret-box.js';

/** A master key and the id that wrapped data keys record. Ids: 1–64 of A–Z a–z 0–9 _ - (no dots). */
export type MasterKey = { id: string; key: Buffer };
/** The master keys a server holds: `current` wraps new keys; `previous` only unwrap keys not yet re-wrapped. */
export type KeyRing = { current: MasterKey; previous: MasterKey[] };

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const WRAPPED_PREFIX = 'dk1';
const SEALED_PREFIX = 'v1';

/** Thrown when a wrapped data key names a master key that the ring does not hold. */
export class UnknownMasterKeyError extends Error {
  constructor(
    readonly keyId: string,
    ringIds: readonly string[],
  ) {
    super(
      `The data key was wrapped by master key "${keyId}", which is not in the key ring (it holds ${ringIds
        .map((id) => `"${id}"`)
        .join(', ')}); add the retired master key to the ring's previous keys until rotation has finished`,
    );
    this.name = 'UnknownMasterKeyError';
  }
}

/**
 * A stable, non-secret id for a master key: a 64-bit HMAC fingerprint of the key, base64url (11 characters).
 * Lets a ring be built from key material alone (OPENNRM_MASTER_KEY and the keys it replaces) without naming keys.
 */
export function masterKeyId(key: Buffer): string {
  checkKey(key, 'master key');
  return createHmac('sha256', key).update('opennrm:master-key-id:v1').digest().subarray(0, 8).toString('base64url');
}

/**
 * A validated key ring. Keys may be given as raw 32-byte buffers (their id is `masterKeyId(key)`) or with an
 * explicit id. Ids must be unique; the same key may not appear twice.
 */
export function createKeyRing(current: Buffer | MasterKey, previous: readonly (Buffer | MasterKey)[] = []): KeyRing {
  const toMaster = (k: Buffer | MasterKey): MasterKey => (Buffer.isBuffer(k) ? { id: masterKeyId(k), key: k } : k);
  const ring: KeyRing = { current: toMaster(current), previous: previous.map(toMaster) };
  const all = [ring.current, ...ring.previous];
  const ids = new Set<string>();
  for (const { id, key } of all) {
    if (!KEY_ID.test(id)) throw new Error(`Invalid master key id ${JSON.stringify(id)}: use 1–64 of A–Z a–z 0–9 _ -`);
    checkKey(key, `master key "${id}"`);
    if (ids.has(id)) throw new Error(`Master key id "${id}" appears twice in the key ring`);
    ids.add(id);
  }
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      if (all[i]!.key.equals(all[j]!.key)) throw new Error(`Master keys "${all[i]!.id}" and "${all[j]!.id}" are the same key`);
  return ring;
}

/** A fresh random 256-bit data key. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

/**
 * The data key sealed under the ring's current master key: "dk1.<masterKeyId>.<nonce>.<ciphertext+tag>".
 * The master key id and the record id are authenticated: the result opens only for this record.
 */
export function wrapDataKey(ring: KeyRing, dataKey: Buffer, recordId: string): string {
  checkKey(dataKey, 'data key');
  const { id } = ring.current;
  const sealed = seal(wrappingKey(ring.current), dataKey, wrapContext(id, recordId));
  return `${WRAPPED_PREFIX}.${id}.${sealed.slice(SEALED_PREFIX.length + 1)}`;
}

/** The data key of `recordId`, unwrapped with whichever master key of the ring wrapped it. */
export function unwrapDataKey(ring: KeyRing, wrapped: string, recordId: string): Buffer {
  const { keyId, sealed } = parseWrapped(wrapped);
  const master = findMasterKey(ring, keyId);
  let dataKey: Buffer;
  try {
    dataKey = open(wrappingKey(master), sealed, wrapContext(keyId, recordId));
  } catch {
    throw new Error(`The wrapped data key does not open for record ${recordId}: altered, or belongs to another record`);
  }
  if (dataKey.length !== 32) throw new Error('The unwrapped data key is not 32 bytes');
  return dataKey;
}

/**
 * The data key re-wrapped under the current master key, or null when it already is (nothing to write). Safe to
 * run over every record while the server serves requests: both forms open as long as the old key is in
 * `previous`; the caller should write with a compare-and-swap on the old value.
 */
export function rewrapDataKey(ring: KeyRing, wrapped: string, recordId: string): string | null {
  if (wrappedKeyId(wrapped) === ring.current.id) return null;
  const dataKey = unwrapDataKey(ring, wrapped, recordId);
  try {
    return wrapDataKey(ring, dataKey, recordId);
  } finally {
    dataKey.fill(0);
  }
}

/** The id of the master key that wrapped this data key (not secret: lets a rotation query find the rest). */
export function wrappedKeyId(wrapped: string): string {
  return parseWrapped(wrapped).keyId;
}

/**
 * A text field sealed under the record's data key, bound to `fieldContext` (e.g. "person:<id>:family_name").
 * null stays null (an absent value is not encrypted; that a field is empty is not hidden).
 */
export function encryptField(dataKey: Buffer, value: string | null, fieldContext: string): string | null {
  if (value === null) return null;
  checkKey(dataKey, 'data key');
  return seal(dataKey, value, fieldAad('text', fieldContext));
}

/** The text of a field sealed by `encryptField` with the same data key and context; throws on any change. */
export function decryptField(dataKey: Buffer, sealed: string | null, fieldContext: string): string | null {
  if (sealed === null) return null;
  return openField(dataKey, sealed, fieldAad('text', fieldContext), fieldContext).toString('utf8');
}

/** A JSON value (object, array, number, …) sealed like `encryptField`; a text ciphertext does not open as JSON. */
export function encryptJson(dataKey: Buffer, value: unknown, fieldContext: string): string | null {
  if (value === null || value === undefined) return null;
  checkKey(dataKey, 'data key');
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error(`encryptJson: the value for ${fieldContext} is not representable as JSON`);
  return seal(dataKey, json, fieldAad('json', fieldContext));
}

/** The JSON value sealed by `encryptJson`; the caller validates its shape (it is typed `unknown`). */
export function decryptJson(dataKey: Buffer, sealed: string | null, fieldContext: string): unknown {
  if (sealed === null) return null;
  return JSON.parse(openField(dataKey, sealed, fieldAad('json', fieldContext), fieldContext).toString('utf8')) as unknown;
}

// ---------------------------------------------------------------------------------------------------------

function checkKey(key: Buffer, what: string): void {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new Error(`The ${what} must be 32 bytes`);
}

const wrapContext = (keyId: string, recordId: string) => `opennrm:data-key:v1:${keyId}:${recordId}`;
const fieldAad = (type: 'text' | 'json', fieldContext: string) => `opennrm:field:v1:${type}:${fieldContext}`;

function openField(dataKey: Buffer, sealed: string, aad: string, fieldContext: string): Buffer {
  checkKey(dataKey, 'data key');
  try {
    return open(dataKey, sealed, aad);
  } catch {
    throw new Error(`The ciphertext of ${fieldContext} does not open: altered, another field's, or another key's`);
  }
}

/** Wrapping keys derived per master key (HKDF), cached by the key buffer. */
const wrappingKeys = new WeakMap<Buffer, Buffer>();
function wrappingKey(master: MasterKey): Buffer {
  let key = wrappingKeys.get(master.key);
  if (!key) {
    checkKey(master.key, `master key "${master.id}"`);
    key = deriveKey(master.key, KEY_PURPOSE.dataKeyWrap);
    wrappingKeys.set(master.key, key);
  }
  return key;
}

function findMasterKey(ring: KeyRing, keyId: string): MasterKey {
  if (ring.current.id === keyId) return ring.current;
  const found = ring.previous.find((k) => k.id === keyId);
  if (!found) throw new UnknownMasterKeyError(keyId, [ring.current.id, ...ring.previous.map((k) => k.id)]);
  return found;
}

function parseWrapped(wrapped: string): { keyId: string; sealed: string } {
  const parts = wrapped.split('.');
  const [prefix, keyId, nonce, body] = parts;
  if (parts.length !== 4 || prefix !== WRAPPED_PREFIX || !keyId || !KEY_ID.test(keyId) || !nonce || !body) {
    throw new Error('Unrecognised wrapped data key format');
  }
  return { keyId, sealed: `${SEALED_PREFIX}.${nonce}.${body}` };
}
