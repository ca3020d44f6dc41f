// How the platform reaches a patient who has no account yet: their phone (and perhaps an email
// address), sealed under the master key and bound to the patient, and the keyed fingerprint of phone
// and date of birth that flags a likely second registration of the same person.
import { formatHealthId } from '@medconnect/core';
import type { Sealer } from '../../platform.ts';

export type PatientContact = { phone: string; email?: string | undefined };

export const PHONE_HINT = 'must be a phone number with its country code, e.g. +91 98765 43210';

/**
 * `+` and 8 to 15 digits (E.164), from what people type: spaces, dashes, dots and brackets are
 * dropped and a leading `00` becomes `+`. Undefined when it is not a phone number.
 */
export function normalisePhone(input: string): string | undefined {
  const compact = input
    .trim()
    .replace(/[\s().-]/g, '')
    .replace(/^00/, '+');
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : undefined;
}

const contactContext = (patientId: string) => `patient-contact:${patientId}`;

export const sealContact = (sealer: Sealer, patientId: string, contact: PatientContact): Uint8Array =>
  sealer.seal(new TextEncoder().encode(JSON.stringify(contact)), contactContext(patientId));

export const openContact = (sealer: Sealer, patientId: string, sealed: Uint8Array): PatientContact =>
  JSON.parse(new TextDecoder().decode(sealer.open(sealed, contactContext(patientId)))) as PatientContact;

/** The duplicate-detection key: same normalised phone and same (perhaps estimated) date of birth. */
export const lookupFingerprint = (sealer: Sealer, phone: string, birthDate: string): string =>
  sealer.fingerprint('patient-lookup', `${phone}|${birthDate}`);

/** `••-••••-••••-1234`: enough to compare with a card in the patient's hand, not to look them up. */
export const maskedHealthId = (healthId: string): string =>
  formatHealthId(healthId).replace(/\d(?=.*-\d{4}$)/g, '•');
