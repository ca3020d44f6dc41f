// Content hash of a record: sha256(salt ‖ RFC 8785 JSON). The random salt keeps a hash of a
// low-entropy record (a blood group, a yes/no answer) from being confirmed by guessing.
import { randomBytes } from 'node:crypto';
import { concat, sha256, stringToBytes } from 'viem';
import type { Hex } from 'viem';
import { canonicalJson } from './canonical-json.ts';
import { Invalid } from './errors.ts';

export type { Hex } from 'viem';

export const SALT_BYTES = 32;

/** A fresh salt from the CSPRNG; it is stored encrypted with the record it salts. */
export function newSalt(): Uint8Array {
  return new Uint8Array(randomBytes(SALT_BYTES));
}

export function contentHash(salt: Uint8Array, value: unknown): Hex {
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_BYTES) {
    throw new Invalid(`Salt must be ${SALT_BYTES} bytes`);
  }
  return sha256(concat([salt, stringToBytes(canonicalJson(value))]));
}
