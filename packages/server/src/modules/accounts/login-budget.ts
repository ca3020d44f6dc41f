// The per-account budget of failed sign-ins (RELIABILITY T07): at most 100 failures are evaluated per
// account per hour; beyond that the account answers 429 without checking anything until the oldest
// failure leaves the hour. Nothing is ever locked for good, and the budget is keyed by a hash of the
// address, so an address with no account behaves exactly like one with an account.
import { TooManyRequests } from '@medconnect/core';
import type { Executor } from '../../db/client.ts';
import { sha256Hex } from './secrets.ts';
import { countEvents, recordEvent } from './throttle.ts';

export const FAILED_SIGN_INS_PER_HOUR = 100;
const HOUR = 3600;

const budgetKey = (email: string) => `sign-in-failure:${sha256Hex(email.trim().toLowerCase())}`;

export async function checkSignInBudget(db: Executor, email: string): Promise<void> {
  const { count, retryAfterSeconds } = await countEvents(db, budgetKey(email), HOUR);
  if (count < FAILED_SIGN_INS_PER_HOUR) return;
  const minutes = Math.ceil(retryAfterSeconds / 60);
  throw new TooManyRequests(
    `Too many failed sign-in attempts for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    retryAfterSeconds,
  );
}

export const recordSignInFailure = (db: Executor, email: string): Promise<void> =>
  recordEvent(db, budgetKey(email));
