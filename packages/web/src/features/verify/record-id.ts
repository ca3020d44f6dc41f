// Client-side checks for the verify form: a record id is a UUID, a version a positive integer.
// Messages write 8‑4‑4‑4‑12 with non-breaking hyphens so the pattern never splits across lines.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const recordIdExample = '3f2b8c1e-5d4a-4f7e-9b6c-2a1d0e9f8c7b';

export function normaliseRecordId(input: string): string {
  return input.trim().toLowerCase();
}

/** A message for the person typing, or null when the id is well-formed. */
export function recordIdError(input: string): string | null {
  const id = input.trim();
  if (id === '') return 'Enter the record id.';
  if (uuidPattern.test(id)) return null;
  const hexDigits = id.replace(/-/g, '');
  if (/[^0-9a-f-]/i.test(id)) {
    return 'A record id uses only the digits 0–9, the letters a–f and dashes.';
  }
  if (hexDigits.length < 32) {
    return `A record id has 32 hexadecimal characters grouped 8‑4‑4‑4‑12; ${hexDigits.length} entered so far.`;
  }
  return `A record id is grouped 8‑4‑4‑4‑12, for example ${recordIdExample}.`;
}

export function parseVersion(input: string | number): number | undefined | 'invalid' {
  if (input === '') return undefined;
  const version = typeof input === 'number' ? input : Number(input);
  return Number.isSafeInteger(version) && version >= 1 ? version : 'invalid';
}
