// One-time passwords that confirm a consent request: six digits from a CSPRNG, stored only as a keyed
// fingerprint bound to the request (a code of one request never works for another), good for ten
// minutes and five tries, and re-sent at most three times a quarter hour.
import { randomInt } from 'node:crypto';
import type { Sealer } from '../../platform.ts';

export const OTP_LIFETIME_SECONDS = 600;
export const OTP_MAX_FAILURES = 5;
export const OTP_SENDS_PER_WINDOW = 3;
export const OTP_SEND_WINDOW_SECONDS = 900;

export const newOtp = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const otpFingerprint = (sealer: Pick<Sealer, 'fingerprint'>, consentId: string, code: string): string =>
  sealer.fingerprint(`consent-otp:${consentId}`, code);

/** The throttle key counting codes sent for one request. */
export const otpSendKey = (consentId: string) => `consent-otp:${consentId}`;

/** What people type: digits, perhaps with spaces or a dash in the middle. */
export const normaliseOtp = (input: string): string => input.replace(/[\s-]/g, '');
