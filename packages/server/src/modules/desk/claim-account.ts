// A patient registered at a desk takes over their account: they give their Health ID and the phone or
// email the clinic registered, receive a six-digit code there, and choose their own email address and
// password. From then on the account is an ordinary patient account: only they sign in, approve and
// revoke; the clinic that registered them keeps nothing.
//
// The pending claim lives in `settings` under `claim:<patientId>`: the code's keyed fingerprint, where
// it went and how many wrong tries it has had. Its age is read from the row's `updated_at` on the
// database clock. Asking answers the same whether or not the Health ID and contact match anything.
import { Conflict, Invalid, passwordProblems } from '@medconnect/core';
import { and, eq, sql } from 'drizzle-orm';
import { isUniqueViolation, type Executor } from '../../db/client.ts';
import { patients, settings, users } from '../../db/schema.ts';
import type { Actor } from '../../repository/actor.ts';
import { appendAudit } from '../../repository/audit-log.ts';
import type { RequestMeta } from '../accounts/deps.ts';
import { fieldProblems } from '../accounts/field-problem.ts';
import { issueLink } from '../accounts/links.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { countEvents, mayMail, recordEvent } from '../accounts/throttle.ts';
import { newOtp, normaliseOtp } from '../consent/otp.ts';
import { mail } from '../mail/messages.ts';
import { claimMessages } from './claim-messages.ts';
import { openContact } from './contact.ts';
import type { DeskDeps } from './deps.ts';
import type { ClaimFinishInput, ClaimResult, ClaimStartInput } from './schemas.ts';

export const CLAIM_STARTED_MESSAGE =
  'If this Health ID belongs to an account waiting to be claimed and the phone number or email address matches, we have sent a code there. It works for 10 minutes.';
export const CLAIM_CODE_SECONDS = 600;
export const CLAIM_MAX_FAILURES = 5;
/** Codes sent for one record per quarter hour (each is a text or a mail to the patient). */
const CLAIM_SENDS_PER_WINDOW = 3;
const CLAIM_SEND_WINDOW_SECONDS = 900;
const NO_CODE =
  'No code is waiting for this Health ID, or it has expired (codes work for 10 minutes). Ask for a new code.';

type PendingClaim = { codeHash: string; channel: 'sms' | 'email'; failures: number };

const claimKey = (patientId: string) => `claim:${patientId}`;
const codeFingerprint = (deps: DeskDeps, patientId: string, code: string) =>
  deps.sealer.fingerprint(`account-claim:${patientId}`, code);

/** The unclaimed account behind a Health ID (digits), if there is one. */
async function unclaimed(db: Executor, healthId: string) {
  const [row] = await db
    .select({
      patientId: patients.id,
      contact: patients.contact,
      userId: users.id,
      displayName: users.displayName,
    })
    .from(patients)
    .innerJoin(users, eq(users.patientId, patients.id))
    .where(
      and(
        eq(patients.healthId, healthId),
        eq(users.status, 'unclaimed'),
        sql`${patients.erasedAt} is null`,
        sql`${patients.claimedAt} is null`,
      ),
    );
  return row?.contact ? { ...row, contact: row.contact } : undefined;
}

const anonymous = (meta: RequestMeta): Actor => ({
  id: 'anonymous',
  role: 'anonymous',
  purpose: 'account-claim',
  sourceIp: meta.ip,
});

/** Sends a code when the Health ID and the contact match an unclaimed account; otherwise nothing. */
export async function startClaim(deps: DeskDeps, input: ClaimStartInput, meta: RequestMeta): Promise<void> {
  const account = await unclaimed(deps.db, input.healthId);
  if (!account) return;
  const contact = openContact(deps.sealer, account.patientId, account.contact);
  const given = input.phoneOrEmail;
  const channel =
    'phone' in given && given.phone === contact.phone
      ? ('sms' as const)
      : 'email' in given && contact.email !== undefined && given.email === contact.email
        ? ('email' as const)
        : undefined;
  if (!channel) return;
  const code = newOtp();
  const sent = await deps.db.transaction(async (tx) => {
    const throttleKey = `claim-code:${account.patientId}`;
    if ((await countEvents(tx, throttleKey, CLAIM_SEND_WINDOW_SECONDS)).count >= CLAIM_SENDS_PER_WINDOW)
      return false;
    await recordEvent(tx, throttleKey);
    const pending: PendingClaim = {
      codeHash: codeFingerprint(deps, account.patientId, code),
      channel,
      failures: 0,
    };
    await tx
      .insert(settings)
      .values({ key: claimKey(account.patientId), value: JSON.stringify(pending) })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: JSON.stringify(pending), updatedAt: sql`now()` },
      });
    await appendAudit(tx, anonymous(meta), [
      {
        action: 'claim-code-issue',
        outcome: 'success',
        patientId: account.patientId,
        entityType: 'account',
        entityId: account.userId,
      },
    ]);
    return true;
  });
  if (!sent) return;
  if (channel === 'sms') deps.sms.send(claimMessages.sms(contact.phone, code));
  else deps.mailer.send(claimMessages.mail(contact.email!, deps.publicUrl, code));
}

type FinishOutcome =
  | { kind: 'wrong'; triesLeft: number }
  | { kind: 'no-code' }
  | { kind: 'claimed'; status: ClaimResult['status']; verifyToken: string | undefined };

/** Checks the code and, when it is right, hands the account to the patient. */
export async function finishClaim(
  deps: DeskDeps,
  input: ClaimFinishInput,
  meta: RequestMeta,
): Promise<ClaimResult> {
  const problems = passwordProblems(input.password, { email: input.email });
  if (problems.length > 0) throw fieldProblems('password', problems);
  // Hashing stays outside the transaction, and happens whatever the outcome (same time for every answer).
  const passwordHash = await hashPassword(input.password);
  const code = normaliseOtp(input.code);
  let outcome: FinishOutcome;
  try {
    outcome = await deps.db.transaction(async (tx): Promise<FinishOutcome> => {
      const account = await unclaimed(tx, input.healthId);
      if (!account) return { kind: 'no-code' };
      const [row] = await tx
        .select({
          value: settings.value,
          live: sql<boolean>`${settings.updatedAt} > now() - make_interval(secs => ${CLAIM_CODE_SECONDS})`,
        })
        .from(settings)
        .where(eq(settings.key, claimKey(account.patientId)))
        .for('update');
      if (!row) return { kind: 'no-code' };
      if (!row.live) {
        await tx.delete(settings).where(eq(settings.key, claimKey(account.patientId)));
        return { kind: 'no-code' };
      }
      const pending = JSON.parse(row.value) as PendingClaim;
      const actor = anonymous(meta);
      if (codeFingerprint(deps, account.patientId, code) !== pending.codeHash) {
        const failures = pending.failures + 1;
        if (failures >= CLAIM_MAX_FAILURES)
          await tx.delete(settings).where(eq(settings.key, claimKey(account.patientId)));
        else
          await tx
            .update(settings)
            .set({ value: JSON.stringify({ ...pending, failures }) })
            .where(eq(settings.key, claimKey(account.patientId)));
        await appendAudit(tx, actor, [
          {
            action: 'claim-code-verify',
            outcome: 'failed',
            patientId: account.patientId,
            entityType: 'account',
            entityId: account.userId,
          },
        ]);
        return { kind: 'wrong', triesLeft: CLAIM_MAX_FAILURES - failures };
      }
      const contact = openContact(deps.sealer, account.patientId, account.contact);
      // The address is proven only when the code went there.
      const verified = pending.channel === 'email' && contact.email === input.email;
      const status = verified ? ('active' as const) : ('pending-verification' as const);
      const [user] = await tx
        .update(users)
        .set({ email: input.email, passwordHash, status, emailVerifiedAt: verified ? sql`now()` : null })
        .where(and(eq(users.id, account.userId), eq(users.status, 'unclaimed')))
        .returning();
      await tx
        .update(patients)
        .set({ claimedAt: sql`now()`, contact: null })
        .where(eq(patients.id, account.patientId));
      await tx.delete(settings).where(eq(settings.key, claimKey(account.patientId)));
      await appendAudit(
        tx,
        {
          id: user!.id,
          role: 'patient',
          patientId: account.patientId,
          purpose: 'account',
          sourceIp: meta.ip,
        },
        [
          {
            action: 'account-claim',
            outcome: 'success',
            patientId: account.patientId,
            entityType: 'account',
            entityId: user!.id,
          },
        ],
      );
      const verifyToken = verified ? undefined : await issueLink(tx, user!.id, 'verify-email');
      return { kind: 'claimed', status, verifyToken };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new Conflict(
        'That email address already has a MedConnect account. Choose another address, or sign in with that account.',
      );
    }
    throw error;
  }
  if (outcome.kind === 'no-code') throw new Invalid(NO_CODE);
  if (outcome.kind === 'wrong') {
    if (outcome.triesLeft === 0)
      throw new Invalid(
        'That code is wrong, and it has now stopped working after 5 wrong tries. Ask for a new code.',
      );
    throw new Invalid(
      `That code is wrong. ${outcome.triesLeft} ${outcome.triesLeft === 1 ? 'try' : 'tries'} left.`,
    );
  }
  if (outcome.verifyToken) {
    await mayMail(deps.db, 'verify-email', input.email); // counts toward the resend limit
    deps.mailer.send(mail.verifyEmail(input.email, deps.publicUrl, outcome.verifyToken));
    return {
      status: outcome.status,
      message: 'The account is yours now. Check your email to confirm your address, then sign in.',
    };
  }
  return {
    status: outcome.status,
    message: 'The account is yours now. Sign in with your email address and new password.',
  };
}
