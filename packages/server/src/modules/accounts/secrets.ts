// Random tokens and their stored form. A token (session, single-use link) is 32 random bytes in
// base64url; only its SHA-256 is stored, so a copy of the database signs nobody in.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL- and cookie-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Constant-time comparison of two strings of any length. */
export function sameSecret(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(
    createHash('sha256').update(expected).digest(),
    createHash('sha256').update(presented).digest(),
  );
}
