// Envelope encryption with AES-256-GCM: records are sealed under a per-patient data key (DEK) bound by
// AAD to patient, record and version; DEKs and other secrets are sealed under the master key bound to a
// context string. Every sealed buffer is `0x01 ‖ 12-byte random IV ‖ ciphertext ‖ 16-byte tag`.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionFailed, Invalid } from './errors.ts';

export type RecordAad = { patientId: string; recordId: string; version: number };

const FORMAT_V1 = 0x01;
const KEY_BYTES = 32;
// A 96-bit random IV per message: NIST SP 800-38D allows 2^32 such messages per key, far above what one
// patient's data key or the master key ever seals.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES;
const RECORD_AAD_TAG = 'medconnect:record:v1';
const DEK_AAD_PREFIX = 'medconnect:dek:v1:';
const SEALED_AAD_PREFIX = 'medconnect:sealed:v1:';
// A lone surrogate encodes to U+FFFD in UTF-8, so two different strings could share one AAD.
const LONE_SURROGATE = /\p{Cs}/u;
const utf8 = new TextEncoder();

export function generateDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

export function encryptRecord(dek: Uint8Array, plaintext: Uint8Array, aad: RecordAad): Uint8Array {
  const encoded = encodeRecordAad(aad);
  if (encoded === undefined) throw new Invalid('Record AAD must have well-formed ids and an integer version');
  return seal(dek, plaintext, encoded);
}

export function decryptRecord(dek: Uint8Array, sealed: Uint8Array, aad: RecordAad): Uint8Array {
  const encoded = encodeRecordAad(aad);
  if (encoded === undefined) throw new DecryptionFailed();
  return open(dek, sealed, encoded);
}

/** Wraps a patient's data key under the master key; `context` is the patient id. */
export function wrapDataKey(masterKey: Uint8Array, dek: Uint8Array, context: string): Uint8Array {
  if (!isKey(dek)) throw new Invalid(`Data key must be ${KEY_BYTES} bytes`);
  return seal(masterKey, dek, contextAadOrThrow(DEK_AAD_PREFIX, context));
}

export function unwrapDataKey(masterKey: Uint8Array, wrapped: Uint8Array, context: string): Uint8Array {
  const aad = contextAad(DEK_AAD_PREFIX, context);
  if (aad === undefined) throw new DecryptionFailed();
  const dek = open(masterKey, wrapped, aad);
  if (dek.length !== KEY_BYTES) throw new DecryptionFailed();
  return dek;
}

/** Seals an arbitrary secret (a custodial account key, say) under the master key, bound to `context`. */
export function sealWithMasterKey(masterKey: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array {
  return seal(masterKey, plaintext, contextAadOrThrow(SEALED_AAD_PREFIX, context));
}

export function openWithMasterKey(masterKey: Uint8Array, sealed: Uint8Array, context: string): Uint8Array {
  const aad = contextAad(SEALED_AAD_PREFIX, context);
  if (aad === undefined) throw new DecryptionFailed();
  return open(masterKey, sealed, aad);
}

function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  if (!isKey(key)) throw new Invalid(`Encryption key must be ${KEY_BYTES} bytes`);
  if (!(plaintext instanceof Uint8Array)) throw new Invalid('Plaintext must be bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  const last = cipher.final();
  const out = new Uint8Array(HEADER_BYTES + body.length + last.length + TAG_BYTES);
  out[0] = FORMAT_V1;
  out.set(iv, 1);
  out.set(body, HEADER_BYTES);
  out.set(last, HEADER_BYTES + body.length);
  out.set(cipher.getAuthTag(), out.length - TAG_BYTES);
  return out;
}

// Every failure, whatever its cause, surfaces as the same generic DecryptionFailed, so callers and logs
// learn nothing about which check failed and nothing about the key or plaintext.
function open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  if (!isKey(key) || !(sealed instanceof Uint8Array)) throw new DecryptionFailed();
  if (sealed.length < HEADER_BYTES + TAG_BYTES || sealed[0] !== FORMAT_V1) throw new DecryptionFailed();
  try {
    const iv = sealed.subarray(1, HEADER_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const body = decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES));
    const last = decipher.final();
    const out = new Uint8Array(body.length + last.length);
    out.set(body, 0);
    out.set(last, body.length);
    return out;
  } catch {
    throw new DecryptionFailed();
  }
}

function isKey(key: unknown): key is Uint8Array {
  return key instanceof Uint8Array && key.length === KEY_BYTES;
}

function contextAad(prefix: string, context: string): Uint8Array | undefined {
  if (typeof context !== 'string' || LONE_SURROGATE.test(context)) return undefined;
  return utf8.encode(prefix + context);
}

function contextAadOrThrow(prefix: string, context: string): Uint8Array {
  const aad = contextAad(prefix, context);
  if (aad === undefined) throw new Invalid('Encryption context must be a well-formed string');
  return aad;
}

/**
 * tag ‖ patientId ‖ recordId, each as a 4-byte big-endian length and UTF-8 bytes, then version as an
 * 8-byte big-endian integer. Length prefixes keep ("ab", "c") and ("a", "bc") apart.
 */
function encodeRecordAad(aad: RecordAad): Uint8Array | undefined {
  const { patientId, recordId, version } = aad;
  if (typeof patientId !== 'string' || typeof recordId !== 'string') return undefined;
  if (LONE_SURROGATE.test(patientId) || LONE_SURROGATE.test(recordId)) return undefined;
  if (!Number.isSafeInteger(version) || version < 0) return undefined;
  const parts = [RECORD_AAD_TAG, patientId, recordId].map((part) => utf8.encode(part));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + 4 + part.length, 0) + 8);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  view.setBigUint64(offset, BigInt(version));
  return out;
}
