// Health IDs: Verhoeff on published vectors and against a second implementation built from the group
// definitions, error detection, generation, formatting and parsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Invalid } from './errors.ts';
import {
  formatHealthId,
  generateHealthId,
  parseHealthId,
  verhoeffCheckDigit,
  verhoeffValid,
} from './health-id.ts';

// Second implementation, from the definitions rather than tables: D5 with rotations 0–4 and reflections
// 5–9, the position permutation (1 5 8 9 4 2 7 0)(3 6) applied i times, and group inverses.
function d5(a: number, b: number): number {
  if (a < 5 && b < 5) return (a + b) % 5;
  if (a < 5) return 5 + ((a + b - 5) % 5);
  if (b < 5) return 5 + ((a - 5 - b + 5) % 5);
  return (a - b + 5) % 5;
}
const P1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
function permute(times: number, digit: number): number {
  let x = digit;
  for (let i = 0; i < times % 8; i++) x = P1[x] as number;
  return x;
}
function inverse(a: number): number {
  return a < 5 ? (5 - a) % 5 : a;
}
function referenceCheckDigit(digits: string): string {
  let c = 0;
  [...digits].reverse().forEach((ch, i) => (c = d5(c, permute(i + 1, Number(ch)))));
  return String(inverse(c));
}

const digitString = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength, maxLength }).map((digits) => digits.join(''));
const healthId = fc
  .tuple(fc.integer({ min: 1, max: 9 }), digitString(12, 12))
  .map(([first, rest]) => `${first}${rest}`)
  .map((body) => body + verhoeffCheckDigit(body));

describe('Verhoeff', () => {
  // Published vectors: Wikipedia's worked example (236 → 3) and Rosetta Code's task (12345, 123456789012).
  it.each([
    ['236', '3'],
    ['12345', '1'],
    ['142857', '0'],
    ['123456789012', '0'],
  ])('gives %s the check digit %s', (digits, check) => {
    expect(verhoeffCheckDigit(digits)).toBe(check);
    expect(verhoeffValid(digits + check)).toBe(true);
  });

  it('rejects the other nine check digits of a published vector', () => {
    for (let d = 0; d <= 9; d++) expect(verhoeffValid(`236${d}`)).toBe(d === 3);
  });

  it('agrees with the definition-based implementation on all inputs up to 4 digits', () => {
    for (let n = 0; n < 10_000; n++) {
      for (const digits of new Set([String(n), String(n).padStart(4, '0')])) {
        expect(verhoeffCheckDigit(digits), digits).toBe(referenceCheckDigit(digits));
      }
    }
  });

  it('agrees with the definition-based implementation on long inputs, where every position class occurs', () => {
    fc.assert(
      fc.property(digitString(1, 40), (digits) => {
        expect(verhoeffCheckDigit(digits)).toBe(referenceCheckDigit(digits));
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects input that is not digits', () => {
    expect(() => verhoeffCheckDigit('')).toThrow(Invalid);
    expect(() => verhoeffCheckDigit('12a')).toThrow(Invalid);
    expect(verhoeffValid('')).toBe(false);
    expect(verhoeffValid('0')).toBe(false);
    expect(verhoeffValid('23 63')).toBe(false);
  });
});

describe('Health ID error detection', () => {
  it('detects every single-digit substitution', () => {
    fc.assert(
      fc.property(healthId, (id) => {
        for (let i = 0; i < id.length; i++) {
          for (let d = 0; d <= 9; d++) {
            if (String(d) === id[i]) continue;
            expect(verhoeffValid(id.slice(0, i) + String(d) + id.slice(i + 1))).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('detects every adjacent transposition', () => {
    fc.assert(
      fc.property(healthId, (id) => {
        for (let i = 0; i + 1 < id.length; i++) {
          if (id[i] === id[i + 1]) continue;
          const swapped = id.slice(0, i) + (id[i + 1] as string) + (id[i] as string) + id.slice(i + 2);
          expect(verhoeffValid(swapped)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('generateHealthId', () => {
  it('gives 14 digits, a non-zero first digit and a valid check digit', () => {
    const ids = Array.from({ length: 2000 }, generateHealthId);
    for (const id of ids) {
      expect(id).toMatch(/^[1-9][0-9]{13}$/);
      expect(verhoeffValid(id)).toBe(true);
      expect(parseHealthId(id)).toBe(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses every digit in every random position', () => {
    const seen = Array.from({ length: 13 }, () => new Set<string>());
    for (let n = 0; n < 1000; n++) [...generateHealthId().slice(0, 13)].forEach((d, i) => seen[i]?.add(d));
    expect(seen[0]?.size).toBe(9);
    for (const position of seen.slice(1)) expect(position.size).toBe(10);
  });
});

describe('formatHealthId and parseHealthId', () => {
  it('formats as XX-XXXX-XXXX-XXXX and parses back', () => {
    fc.assert(
      fc.property(healthId, (id) => {
        const formatted = formatHealthId(id);
        expect(formatted).toMatch(/^\d{2}-\d{4}-\d{4}-\d{4}$/);
        expect(formatted.replaceAll('-', '')).toBe(id);
        expect(parseHealthId(formatted)).toBe(id);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts spaces and dashes anywhere', () => {
    const id = generateHealthId();
    const spaced = `${id.slice(0, 2)} ${id.slice(2, 6)} ${id.slice(6, 10)} ${id.slice(10)}`;
    expect(parseHealthId(spaced)).toBe(id);
    expect(parseHealthId(` ${id.slice(0, 7)}-${id.slice(7)} `)).toBe(id);
  });

  it('explains what is wrong', () => {
    const id = generateHealthId();
    const wrongCheck = id.slice(0, 13) + String((Number(id[13]) + 1) % 10);
    expect(() => parseHealthId(wrongCheck)).toThrow(/check digit/);
    expect(() => parseHealthId(id.slice(0, 13))).toThrow(/14 digits/);
    expect(() => parseHealthId(`${id}0`)).toThrow(/14 digits/);
    expect(() => parseHealthId(`${id.slice(0, 13)}x`)).toThrow(/only digits/);
    expect(() => parseHealthId('')).toThrow(Invalid);
    const leadingZero = '0123456789012';
    expect(() => parseHealthId(leadingZero + verhoeffCheckDigit(leadingZero))).toThrow(/start with 0/);
    expect(() => formatHealthId(wrongCheck)).toThrow(Invalid);
  });
});
