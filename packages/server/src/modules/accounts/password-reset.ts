// Forgotten passwords: a reset link by mail (30 minutes, single use, replaced by a newer one; the same
// answer whether or not the address has an account) and setting the new password from that link or
// from an invitation's set-password link. Setting it signs the account out everywhere; it does not
// sign anyone in, so the second factor is still asked at the next sign-in.
import { passwordProblems } from '@medconnect/core';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { mail } from '../mail/messages.ts';
import { auditAccount } from './account-audit.ts';
import type { AccountDeps, RequestMeta } from './deps.ts';
import { fieldProblems } from './field-problem.ts';
import { issueLink, peekLink, useLink } from './links.ts';
import { hashPassword } from './passwords.ts';
import { userByEmail, userById } from './repo.ts';
import { revokeUserSessions } from './sessions.ts';
import { mayMail } from './throttle.ts';

export const FORGOT_MESSAGE =
  'If that address has an account, we have sent it a link to choose a new password. The link works for 30 minutes.';

export async function forgotPassword(deps: AccountDeps, email: string): Promise<void> {
  const user = await userByEmail(deps.db, email);
  if (!user || user.status === 'disabled') return;
  if (!(await mayMail(deps.db, 'reset-password', user.email))) return;
  const token = await deps.db.transaction((tx) => issueLink(tx, user.id, 'reset-password'));
  deps.mailer.send(mail.resetPassword(user.email, deps.publicUrl, token));
}

export async function resetPassword(
  deps: AccountDeps,
  token: string,
  password: string,
  meta: RequestMeta,
): Promise<string> {
  // Read whose link it is first: the policy needs their address and name, and hashing stays outside
  // the transaction. The link is used up only once the new password is stored.
  const peeked = await peekLink(deps.db, token, ['reset-password', 'set-password']);
  const user = await userById(deps.db, peeked.userId);
  if (!user) throw new Error('link without an account');
  const problems = passwordProblems(password, { email: user.email, displayName: user.displayName });
  if (problems.length > 0) throw fieldProblems('password', problems);
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    await useLink(tx, token, ['reset-password', 'set-password']);
    const [updated] = await tx
      .update(users)
      .set({
        passwordHash,
        // The link arrived by mail, so the address works.
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
        status: sql`case when ${users.status} = 'pending-verification' then 'active' else ${users.status} end`,
      })
      .where(eq(users.id, user.id))
      .returning();
    await revokeUserSessions(tx, user.id);
    await auditAccount(tx, { user: updated, action: 'password-reset', ip: meta.ip });
  });
  return 'Your new password is set and you were signed out everywhere. Sign in with the new password.';
}
