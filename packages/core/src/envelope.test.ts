// Envelope encryption at rest (RELIABILITY T17): round trips, AAD binding, tamper detection, key
// separation, nonce uniqueness and generic errors.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { bytesToHex } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  decryptRecord,
  encryptRecord,
  generateDataKey,
  openWithMasterKey,
  sealWithMasterKey,
  unwrapDataKey,
  wrapDataKey,
} from './envelope.ts';
import type { RecordAad } from './envelope.ts';
import { DecryptionFailed, Invalid } from './errors.ts';

const utf8 = new TextEncoder();
const text = new TextDecoder();
const aad: RecordAad = { patientId: 'patient-1', recordId: 'record-1', version: 1 };
const CANARY = 'CANARY-diagnosis-schizophrenia-7c1e';
const OVERHEAD = 1 + 12 + 16;

/** Whether `fn` throws exactly the generic DecryptionFailed, with nothing attached. */
function failsGenerically(fn: () => unknown): boolean {
  try {
    fn();
  } catch (error) {
    return (
      error instanceof DecryptionFailed &&
      error.status === 500 &&
      error.code === 'decryption-failed' &&
      error.message === 'Decryption failed' &&
      error.details === undefined
    );
  }
  return false;
}

/** Asserts the generic DecryptionFailed, and that neither its message nor its stack carries `secret`. */
function expectDecryptionFailed(fn: () => unknown, secret = CANARY): void {
  expect(failsGenerically(fn)).toBe(true);
  try {
    fn();
  } catch (error) {
    expect(`${String(error)}${(error as Error).stack ?? ''}`).not.toContain(secret);
  }
}

describe('record encryption', () => {
  it('round-trips any plaintext and produces the documented layout', () => {
    const dek = generateDataKey();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (plaintext) => {
        const sealed = encryptRecord(dek, plaintext, aad);
        expect(sealed[0]).toBe(0x01);
        expect(sealed.length).toBe(plaintext.length + OVERHEAD);
        expect(decryptRecord(dek, sealed, aad)).toEqual(plaintext);
      }),
      { numRuns: 200 },
    );
  });

  it('never writes the plaintext into the sealed buffer', () => {
    const sealed = encryptRecord(generateDataKey(), utf8.encode(CANARY), aad);
    expect(Buffer.from(sealed).includes(CANARY)).toBe(false);
  });

  it('fails when a ciphertext is moved to another record, patient or version', () => {
    const dek = generateDataKey();
    const sealed = encryptRecord(dek, utf8.encode(CANARY), aad);
    const moved: RecordAad[] = [
      { ...aad, recordId: 'record-2' },
      { ...aad, patientId: 'patient-2' },
      { ...aad, version: 2 },
      { ...aad, version: 0 },
      // Length prefixes keep the field boundaries: shifting characters between fields is a different AAD.
      { patientId: 'patient-1r', recordId: 'ecord-1', version: 1 },
      { patientId: 'patient-', recordId: '1record-1', version: 1 },
    ];
    for (const other of moved) expectDecryptionFailed(() => decryptRecord(dek, sealed, other));
  });

  it('fails for every swap among 60 records of 3 patients', () => {
    const keys = new Map(['p1', 'p2', 'p3'].map((patientId) => [patientId, generateDataKey()]));
    const rows = [...keys.keys()].flatMap((patientId) =>
      Array.from({ length: 20 }, (_, i) => {
        const row: RecordAad = { patientId, recordId: `r${i % 10}`, version: 1 + Math.floor(i / 10) };
        const dek = keys.get(patientId) as Uint8Array;
        return { row, dek, sealed: encryptRecord(dek, utf8.encode(CANARY), row) };
      }),
    );
    let swaps = 0;
    let accepted = 0;
    for (const target of rows) {
      for (const source of rows) {
        if (source === target) continue;
        swaps++;
        if (!failsGenerically(() => decryptRecord(target.dek, source.sealed, target.row))) accepted++;
      }
      expect(text.decode(decryptRecord(target.dek, target.sealed, target.row))).toBe(CANARY);
    }
    expect(swaps).toBe(60 * 59);
    expect(accepted).toBe(0);
  });

  it('fails on a flip of every one of 10,029 byte positions', () => {
    const dek = generateDataKey();
    const plaintext = new Uint8Array(10_000).fill(0x41);
    plaintext.set(utf8.encode(CANARY), 5_000);
    const sealed = encryptRecord(dek, plaintext, aad);
    const masks = randomBytes(sealed.length);
    const accepted: number[] = [];
    for (let position = 0; position < sealed.length; position++) {
      const tampered = sealed.slice();
      tampered[position] = (tampered[position] as number) ^ ((masks[position] as number) || 0x01);
      if (!failsGenerically(() => decryptRecord(dek, tampered, aad))) accepted.push(position);
    }
    expect(accepted).toEqual([]);
    expect(sealed.length).toBe(10_000 + OVERHEAD);
  });

  it('fails on truncation, extension, an unknown format byte or an empty buffer', () => {
    const dek = generateDataKey();
    const sealed = encryptRecord(dek, utf8.encode(CANARY), aad);
    for (let length = 0; length < sealed.length; length++) {
      expectDecryptionFailed(() => decryptRecord(dek, sealed.subarray(0, length), aad));
    }
    const extended = new Uint8Array(sealed.length + 1);
    extended.set(sealed);
    expectDecryptionFailed(() => decryptRecord(dek, extended, aad));
    for (const format of [0x00, 0x02, 0xff]) {
      const other = sealed.slice();
      other[0] = format;
      expectDecryptionFailed(() => decryptRecord(dek, other, aad));
    }
  });

  it('fails under the wrong key, including a key of the wrong length', () => {
    const sealed = encryptRecord(generateDataKey(), utf8.encode(CANARY), aad);
    expectDecryptionFailed(() => decryptRecord(generateDataKey(), sealed, aad));
    expectDecryptionFailed(() => decryptRecord(new Uint8Array(16), sealed, aad));
  });

  it('draws no repeated IV across 100,000 encryptions under one key', () => {
    const dek = generateDataKey();
    const plaintext = new Uint8Array(1);
    const ivs = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const sealed = encryptRecord(dek, plaintext, aad);
      ivs.add(Buffer.from(sealed.buffer, sealed.byteOffset + 1, 12).toString('hex'));
    }
    expect(ivs.size).toBe(100_000);
  });

  it('rejects bad input when encrypting with Invalid', () => {
    const dek = generateDataKey();
    const plaintext = utf8.encode(CANARY);
    expect(() => encryptRecord(new Uint8Array(31), plaintext, aad)).toThrow(Invalid);
    expect(() => encryptRecord(dek, plaintext, { ...aad, version: -1 })).toThrow(Invalid);
    expect(() => encryptRecord(dek, plaintext, { ...aad, version: 1.5 })).toThrow(Invalid);
    expect(() => encryptRecord(dek, plaintext, { ...aad, recordId: 'r\udc00' })).toThrow(Invalid);
  });
});

describe('data key wrapping', () => {
  it('round-trips a data key bound to its patient', () => {
    const master = generateDataKey();
    const dek = generateDataKey();
    const wrapped = wrapDataKey(master, dek, 'patient-1');
    expect(wrapped.length).toBe(32 + OVERHEAD);
    expect(unwrapDataKey(master, wrapped, 'patient-1')).toEqual(dek);
  });

  it('fails under another patient, another master key, or a flipped byte', () => {
    const master = generateDataKey();
    const dek = generateDataKey();
    const wrapped = wrapDataKey(master, dek, 'patient-1');
    const secret = bytesToHex(dek);
    expectDecryptionFailed(() => unwrapDataKey(master, wrapped, 'patient-2'), secret);
    expectDecryptionFailed(() => unwrapDataKey(generateDataKey(), wrapped, 'patient-1'), secret);
    for (let position = 0; position < wrapped.length; position++) {
      const tampered = wrapped.slice();
      tampered[position] = (tampered[position] as number) ^ 0x80;
      expectDecryptionFailed(() => unwrapDataKey(master, tampered, 'patient-1'), secret);
    }
  });

  it('only wraps 32-byte data keys', () => {
    expect(() => wrapDataKey(generateDataKey(), new Uint8Array(16), 'patient-1')).toThrow(Invalid);
  });

  it('generates distinct 32-byte keys', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => bytesToHex(generateDataKey())));
    expect(keys.size).toBe(1000);
    expect(generateDataKey()).toHaveLength(32);
  });
});

describe('sealing under the master key', () => {
  it('round-trips and binds to its context', () => {
    const master = generateDataKey();
    const secret = utf8.encode(CANARY);
    const sealed = sealWithMasterKey(master, secret, 'user-1');
    expect(openWithMasterKey(master, sealed, 'user-1')).toEqual(secret);
    expectDecryptionFailed(() => openWithMasterKey(master, sealed, 'user-2'));
    expectDecryptionFailed(() => openWithMasterKey(generateDataKey(), sealed, 'user-1'));
  });

  it('keeps wrapped data keys and sealed secrets apart, even for the same context', () => {
    const master = generateDataKey();
    const dek = generateDataKey();
    const wrapped = wrapDataKey(master, dek, 'patient-1');
    const sealed = sealWithMasterKey(master, dek, 'patient-1');
    expectDecryptionFailed(() => openWithMasterKey(master, wrapped, 'patient-1'), bytesToHex(dek));
    expectDecryptionFailed(() => unwrapDataKey(master, sealed, 'patient-1'), bytesToHex(dek));
  });

  it('keeps records and master-key seals apart when one key is used for both', () => {
    const key = generateDataKey();
    const sealed = sealWithMasterKey(key, utf8.encode(CANARY), 'patient-1');
    expectDecryptionFailed(() => decryptRecord(key, sealed, aad));
  });
});
