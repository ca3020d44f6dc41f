// Content hashes: sha256 over salt and canonical JSON, so salt matters and key order does not.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { bytesToHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { contentHash, newSalt, SALT_BYTES } from './content-hash.ts';
import { Invalid } from './errors.ts';

describe('contentHash', () => {
  const record = {
    resourceType: 'Observation',
    status: 'final',
    valueQuantity: { value: 5.4, unit: 'mmol/L' },
  };

  it('is sha256(salt ‖ utf8(canonical JSON))', () => {
    const salt = new Uint8Array(SALT_BYTES).fill(7);
    const canonical =
      '{"resourceType":"Observation","status":"final","valueQuantity":{"unit":"mmol/L","value":5.4}}';
    const expected = createHash('sha256').update(salt).update(canonical, 'utf8').digest();
    expect(contentHash(salt, record)).toBe(bytesToHex(expected));
  });

  it('does not depend on key order', () => {
    const salt = newSalt();
    const reordered = {
      valueQuantity: { unit: 'mmol/L', value: 5.4 },
      status: 'final',
      resourceType: 'Observation',
    };
    expect(contentHash(salt, reordered)).toBe(contentHash(salt, record));
  });

  it('changes with the salt, so a low-entropy value cannot be confirmed by guessing', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: SALT_BYTES, maxLength: SALT_BYTES }),
        fc.uint8Array({ minLength: SALT_BYTES, maxLength: SALT_BYTES }),
        fc.boolean(),
        (a, b, answer) => {
          fc.pre(bytesToHex(a) !== bytesToHex(b));
          expect(contentHash(a, { answer })).not.toBe(contentHash(b, { answer }));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('draws fresh 32-byte salts', () => {
    const salts = new Set(Array.from({ length: 1000 }, () => bytesToHex(newSalt())));
    expect(salts.size).toBe(1000);
    expect(newSalt()).toHaveLength(SALT_BYTES);
  });

  it('rejects a salt of the wrong length', () => {
    expect(() => contentHash(new Uint8Array(31), record)).toThrow(Invalid);
    expect(() => contentHash(new Uint8Array(33), record)).toThrow(Invalid);
  });

  it('rejects a value without a canonical form', () => {
    expect(() => contentHash(newSalt(), { value: NaN })).toThrow(Invalid);
  });
});
