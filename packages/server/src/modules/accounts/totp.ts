// TOTP two-step sign-in (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of clock drift either
// way). The secret is sealed under the master key. Each accepted code's time step is remembered, so
// a code (or an older one) cannot be used again, even by a second request racing the first.
import { Conflict, Forbidden } from '@medconnect/core';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { Sealer } from '../../platform.ts';
import { auditAccount } from './account-audit.ts';
import { confirmPassword } from './account-settings.ts';
import type { AccountDeps, RequestMeta } from './deps.ts';
import { fieldProblems } from './field-problem.ts';
import { recordSignInFailure } from './login-budget.ts';
import { deleteRecoveryCodes, replaceRecoveryCodes } from './recovery-codes.ts';
import { requiresMfa, userById, type UserRow } from './repo.ts';

const PERIOD_SECONDS = 30;
const totpContext = (userId: string) => `totp:${userId}`;

function totpFor(secret: Secret, label: string): TOTP {
  return new TOTP({
    issuer: 'MedConnect',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret,
  });
}

/** The time step a code belongs to, or undefined when it matches none of the three around now. */
export function matchingStep(secret: Secret, code: string, now = Date.now()): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = TOTP.validate({
    token,
    secret,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    timestamp: now,
    window: 1,
  });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

const openSecret = (sealer: Sealer, user: UserRow) =>
  user.totpSecret
    ? new Secret({ buffer: sealer.open(user.totpSecret, totpContext(user.id)).slice().buffer })
    : undefined;

/** Accepts a code once: true when it is right and newer than the last one accepted. */
export async function acceptTotp(
  tx: Executor,
  sealer: Sealer,
  user: UserRow,
  code: string,
): Promise<boolean> {
  const secret = openSecret(sealer, user);
  const step = secret && matchingStep(secret, code);
  if (step === undefined) return false;
  const accepted = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return accepted.length > 0;
}

export async function setupTotp(deps: AccountDeps, user: UserRow) {
  if (user.totpEnabledAt)
    throw new Conflict('Two-step sign-in is already on. Turn it off first to set up a new authenticator.');
  const secret = new Secret({ size: 20 });
  await deps.db
    .update(users)
    .set({
      totpSecret: deps.sealer.seal(new Uint8Array(secret.bytes), totpContext(user.id)),
      totpLastStep: null,
    })
    .where(eq(users.id, user.id));
  const otpauthUrl = totpFor(secret, user.email).toString();
  return {
    secret: secret.base32,
    otpauthUrl,
    qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2 }),
  };
}

/** Turns TOTP on with a first code from the app; answers the recovery codes, shown only now. */
export async function enableTotp(
  deps: AccountDeps,
  userId: string,
  code: string,
  meta: RequestMeta,
): Promise<string[]> {
  return deps.db.transaction(async (tx) => {
    const user = await userById(tx, userId);
    if (!user) throw new Error('account vanished while in use');
    if (user.totpEnabledAt) throw new Conflict('Two-step sign-in is already on.');
    if (!user.totpSecret) throw new Conflict('Start the setup first: ask for a new secret and QR code.');
    if (!(await acceptTotp(tx, deps.sealer, user, code))) {
      throw fieldProblems('code', [
        'That code is not right. Check the time on your phone and enter the newest code.',
      ]);
    }
    await tx
      .update(users)
      .set({ totpEnabledAt: sql`now()` })
      .where(eq(users.id, user.id));
    const codes = await replaceRecoveryCodes(tx, user.id);
    await auditAccount(tx, { user, action: 'mfa-enable', ip: meta.ip });
    return codes;
  });
}

export async function disableTotp(
  deps: AccountDeps,
  user: UserRow,
  input: { password: string; code: string },
  meta: RequestMeta,
): Promise<void> {
  if (requiresMfa(user.role))
    throw new Forbidden('Your role requires two-step sign-in, so it cannot be turned off.');
  if (!user.totpEnabledAt) throw new Conflict('Two-step sign-in is not on.');
  await confirmPassword(deps, user, input.password, 'password');
  if (!(await acceptTotp(deps.db, deps.sealer, user, input.code))) {
    await recordSignInFailure(deps.db, user.email);
    throw fieldProblems('code', ['That code is not right.']);
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, user.id));
    await deleteRecoveryCodes(tx, user.id);
    await auditAccount(tx, { user, action: 'mfa-disable', ip: meta.ip });
  });
}
