// Checking a Health ID as it is typed at the desk: the same rules as the server (packages/core
// health-id.ts: 14 digits, no leading 0, Verhoeff check digit), restated here because that module
// also generates IDs with node:crypto, which has no place in the browser bundle.
const D = [
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
] as const;
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
] as const;

function verhoeffValid(digits: string): boolean {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = D[c]![P[i % 8]![digit]!]!;
  }
  return c === 0;
}

/** The digits of what was typed (dashes and spaces dropped). */
export const healthIdDigits = (input: string): string => input.replace(/[\s-]/g, '');

/** Formats as it is typed: `XX-XXXX-XXXX-XXXX`, at most 14 digits. */
export function formatHealthIdInput(input: string): string {
  const digits = input.replace(/\D/g, '').slice(0, 14);
  const parts = [digits.slice(0, 2), digits.slice(2, 6), digits.slice(6, 10), digits.slice(10)];
  return parts.filter((part) => part !== '').join('-');
}

/** Why a typed Health ID cannot be right, or null when it is a valid one. */
export function healthIdProblem(input: string): string | null {
  const digits = healthIdDigits(input);
  if (digits === '') return 'Enter the patient’s Health ID.';
  if (!/^\d+$/.test(digits)) return 'A Health ID has only digits.';
  if (digits.length !== 14) return `A Health ID has 14 digits (${digits.length} typed).`;
  if (digits.startsWith('0')) return 'A Health ID never starts with 0. Check the number on the card.';
  if (!verhoeffValid(digits)) return 'This Health ID does not check out; a digit may be mistyped. Check the card again.';
  return null;
}
