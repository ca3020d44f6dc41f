// Health ID: the patient's lifelong 14-digit number, 13 random digits plus a Verhoeff check digit, which
// catches every single-digit typo and every swap of two adjacent digits when an ID is read out or typed.
import { randomInt } from 'node:crypto';
import { Invalid } from './errors.ts';

export const HEALTH_ID_DIGITS = 14;

// Multiplication table of the dihedral group D5.
const D: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
// Position-dependent permutations: row i is the permutation (1 5 8 9 4 2 7 0)(3 6) applied i times.
const P: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
// Inverse of each element in D5.
const INV: readonly number[] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

const DIGITS = /^[0-9]+$/;

// Runs the Verhoeff accumulator over `digits` from the right; `offset` is 1 when a check digit is still
// to be appended (so the rightmost given digit sits in position 1) and 0 when it is already present.
function verhoeffAccumulate(digits: string, offset: 0 | 1): number {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = (D[c] as readonly number[])[(P[(i + offset) % 8] as readonly number[])[digit] as number] as number;
  }
  return c;
}

export function verhoeffCheckDigit(digits: string): string {
  if (!DIGITS.test(digits)) throw new Invalid('Verhoeff input must be a non-empty string of digits');
  return String(INV[verhoeffAccumulate(digits, 1)]);
}

export function verhoeffValid(digitsWithCheck: string): boolean {
  return (
    DIGITS.test(digitsWithCheck) &&
    digitsWithCheck.length >= 2 &&
    verhoeffAccumulate(digitsWithCheck, 0) === 0
  );
}

/** A fresh Health ID: first digit 1–9, twelve more random digits, then the check digit; no dashes. */
export function generateHealthId(): string {
  let body = String(randomInt(1, 10));
  for (let i = 1; i < HEALTH_ID_DIGITS - 1; i++) body += String(randomInt(0, 10));
  return body + verhoeffCheckDigit(body);
}

/** `XX-XXXX-XXXX-XXXX`, the form shown on cards and screens. */
export function formatHealthId(id: string): string {
  const digits = parseHealthId(id);
  return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10)}`;
}

/** Accepts a Health ID with or without dashes and spaces; returns its 14 digits or throws `Invalid`. */
export function parseHealthId(input: string): string {
  if (typeof input !== 'string') throw new Invalid('Health ID must be a string');
  const digits = input.replace(/[\s-]/g, '');
  if (!DIGITS.test(digits)) throw new Invalid('Health ID may contain only digits, dashes and spaces');
  if (digits.length !== HEALTH_ID_DIGITS) {
    throw new Invalid(`Health ID must have ${HEALTH_ID_DIGITS} digits, got ${digits.length}`);
  }
  if (digits.startsWith('0')) throw new Invalid('Health ID cannot start with 0');
  if (!verhoeffValid(digits)) {
    throw new Invalid('Health ID check digit does not match; the number may have been mistyped');
  }
  return digits;
}
