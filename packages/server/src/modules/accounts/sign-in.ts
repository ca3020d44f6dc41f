// Signing in: with a password, then (when TOTP is on) a code or a recovery code; with a linked wallet;
// or, in demo mode, as a demo account. Every attempt, successful or not, is audited. A new session is
// made at each step and the one the browser had is revoked (no session fixation). Wrong passwords and
// codes count toward the account's hourly budget; an unknown address costs the same time and gets
// the same answer as a wrong password.
import { Forbidden, Unauthorized } from '@medconnect/core';
import type { Executor } from '../../db/client.ts';
import type { AuditEntry } from '../../repository/audit-log.ts';
import { auditAccount, type SignInMethod } from './account-audit.ts';
import type { AccountDeps, RequestMeta } from './deps.ts';
import { sendVerificationLink } from './email-verification.ts';
import { checkSignInBudget, recordSignInFailure } from './login-budget.ts';
import { verifyPassword } from './passwords.ts';
import { useRecoveryCode } from './recovery-codes.ts';
import { userByEmail, userByWallet, type UserRow } from './repo.ts';
import {
  countSecondFactorFailure,
  createSession,
  revokeSession,
  type NewSession,
  type SessionContext,
} from './sessions.ts';
import { acceptTotp } from './totp.ts';

export const WRONG_PASSWORD = 'Email or password is incorrect.';
export const WRONG_CODE = 'That code is not right.';

export type SignInOutcome = { status: 'signed-in' | 'mfa-required'; session: NewSession; user: UserRow };

const auditSignIn = (
  db: Executor,
  user: UserRow | undefined,
  outcome: AuditEntry['outcome'],
  method: SignInMethod,
  meta: RequestMeta,
) => auditAccount(db, { user, action: 'sign-in', outcome, purpose: method, ip: meta.ip });

/** The budget check, audited when it refuses. */
async function withinBudget(
  deps: AccountDeps,
  email: string,
  user: UserRow | undefined,
  method: SignInMethod,
  meta: RequestMeta,
) {
  try {
    await checkSignInBudget(deps.db, email);
  } catch (error) {
    await deps.db.transaction((tx) => auditSignIn(tx, user, 'denied', method, meta));
    throw error;
  }
}

/** Refuses a disabled or unconfirmed account (only ever after its credentials were proven). */
async function mayStart(
  deps: AccountDeps,
  user: UserRow,
  method: SignInMethod,
  meta: RequestMeta,
): Promise<void> {
  if (user.status === 'active' && user.emailVerifiedAt) return;
  await deps.db.transaction((tx) => auditSignIn(tx, user, 'denied', method, meta));
  if (user.status === 'disabled')
    throw new Forbidden('This account is disabled. Contact your MedConnect administrator.');
  await sendVerificationLink(deps, user);
  throw new Forbidden('Verify your email address first. We have sent you a new link.');
}

/**
 * Replaces the browser's session with a new one. With TOTP on and `secondFactorDone` false the new
 * session is half signed in: it can only finish with a code.
 */
export async function startSession(
  deps: AccountDeps,
  user: UserRow,
  {
    method,
    meta,
    previousSessionId,
    secondFactorDone = false,
  }: {
    method: SignInMethod;
    meta: RequestMeta;
    previousSessionId: string | undefined;
    secondFactorDone?: boolean;
  },
): Promise<SignInOutcome> {
  const complete = secondFactorDone || user.totpEnabledAt === null;
  const session = await deps.db.transaction(async (tx) => {
    if (previousSessionId) await revokeSession(tx, previousSessionId);
    const created = await createSession(tx, { userId: user.id, mfaSatisfied: complete, meta });
    if (complete) await auditSignIn(tx, user, 'success', method, meta);
    return created;
  });
  return { status: complete ? 'signed-in' : 'mfa-required', session, user };
}

export async function passwordSignIn(
  deps: AccountDeps,
  input: { email: string; password: string },
  meta: RequestMeta,
  previousSessionId: string | undefined,
): Promise<SignInOutcome> {
  const user = await userByEmail(deps.db, input.email);
  await withinBudget(deps, input.email, user, 'password', meta);
  const correct = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !correct) {
    await deps.db.transaction(async (tx) => {
      await recordSignInFailure(tx, input.email);
      await auditSignIn(tx, user, 'failed', 'password', meta);
    });
    throw new Unauthorized(WRONG_PASSWORD);
  }
  await mayStart(deps, user, 'password', meta);
  return startSession(deps, user, { method: 'password', meta, previousSessionId });
}

/** The second step: a TOTP code or a recovery code for a half-signed-in session. */
export async function secondFactorSignIn(
  deps: AccountDeps,
  half: SessionContext,
  method: 'totp' | 'recovery-code',
  code: string,
  meta: RequestMeta,
): Promise<SignInOutcome> {
  const { user } = half;
  await withinBudget(deps, user.email, user, method, meta);
  const accepted =
    method === 'totp'
      ? await acceptTotp(deps.db, deps.sealer, user, code)
      : await useRecoveryCode(deps.db, user.id, code);
  if (!accepted) {
    await deps.db.transaction(async (tx) => {
      await recordSignInFailure(tx, user.email);
      await countSecondFactorFailure(tx, half.id);
      await auditSignIn(tx, user, 'failed', method, meta);
    });
    throw new Unauthorized(WRONG_CODE);
  }
  return startSession(deps, user, { method, meta, previousSessionId: half.id, secondFactorDone: true });
}

/** Sign-In with Ethereum, once the message and signature are verified (siwe.ts). */
export async function walletSignIn(
  deps: AccountDeps,
  address: string,
  meta: RequestMeta,
  previousSessionId: string | undefined,
): Promise<SignInOutcome> {
  const user = await userByWallet(deps.db, address);
  if (!user) {
    await deps.db.transaction((tx) => auditSignIn(tx, undefined, 'failed', 'wallet', meta));
    throw new Unauthorized(
      'No MedConnect account is linked to this wallet. Sign in with your password and link it in your account settings.',
    );
  }
  await mayStart(deps, user, 'wallet', meta);
  return startSession(deps, user, { method: 'wallet', meta, previousSessionId });
}
