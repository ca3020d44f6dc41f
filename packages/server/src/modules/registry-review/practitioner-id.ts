// MedConnect practitioner identifiers: `MC-<kind>-` + 8 random digits + a Verhoeff check digit, so a
// mistyped identifier is caught like a mistyped Health ID.
import { randomInt } from 'node:crypto';
import { verhoeffCheckDigit } from '@medconnect/core';
import type { ProfessionalKind } from '../accounts/create-account.ts';

const prefixes: Record<ProfessionalKind, string> = { doctor: 'PR', pharmacist: 'PH', staff: 'OR' };

export function newPractitionerId(kind: ProfessionalKind): string {
  const digits = String(randomInt(0, 100_000_000)).padStart(8, '0');
  return `MC-${prefixes[kind]}-${digits}${verhoeffCheckDigit(digits)}`;
}
