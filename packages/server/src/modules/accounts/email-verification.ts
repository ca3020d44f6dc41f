// Confirming an address: the link from the sign-up mail, a new link on request (always the same
// answer, whether or not the address has an account), and confirming a changed address.
import { Invalid } from '@medconnect/core';
import { eq, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { mail } from '../mail/messages.ts';
import { auditAccount } from './account-audit.ts';
import type { AccountDeps, RequestMeta } from './deps.ts';
import { issueLink, useLink } from './links.ts';
import { userByEmail, userById, type UserRow } from './repo.ts';
import { mayMail } from './throttle.ts';

export const RESENT_MESSAGE =
  'If that address has an account waiting for confirmation, we have sent it a new link.';

export async function verifyEmail(deps: AccountDeps, token: string, meta: RequestMeta): Promise<string> {
  await deps.db.transaction(async (tx) => {
    const link = await useLink(tx, token, ['verify-email']);
    const [user] = await tx
      .update(users)
      .set({
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
        status: sql`case when ${users.status} = 'pending-verification' then 'active' else ${users.status} end`,
      })
      .where(eq(users.id, link.userId))
      .returning();
    await auditAccount(tx, { user, action: 'verify-email', ip: meta.ip });
  });
  return 'Your email address is confirmed. You can sign in now.';
}

/** Sends a fresh verification link to an account that is still waiting for one (throttled). */
export async function sendVerificationLink(deps: AccountDeps, user: UserRow): Promise<void> {
  if (user.status !== 'pending-verification') return;
  if (!(await mayMail(deps.db, 'verify-email', user.email))) return;
  const token = await deps.db.transaction((tx) => issueLink(tx, user.id, 'verify-email'));
  deps.mailer.send(mail.verifyEmail(user.email, deps.publicUrl, token));
}

export async function resendVerification(deps: AccountDeps, email: string): Promise<void> {
  const user = await userByEmail(deps.db, email);
  if (user) await sendVerificationLink(deps, user);
}

export async function confirmEmailChange(
  deps: AccountDeps,
  token: string,
  meta: RequestMeta,
): Promise<string> {
  let previous: string;
  let current: string;
  try {
    ({ previous, current } = await deps.db.transaction(async (tx) => {
      const link = await useLink(tx, token, ['change-email']);
      const before = await userById(tx, link.userId);
      if (!before || !link.newEmail) throw new Invalid('This link is not valid.');
      const [after] = await tx
        .update(users)
        .set({ email: link.newEmail, emailVerifiedAt: sql`now()` })
        .where(eq(users.id, link.userId))
        .returning();
      await auditAccount(tx, { user: after, action: 'email-change', ip: meta.ip });
      return { previous: before.email, current: link.newEmail };
    }));
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Invalid('Another account started using that address in the meantime. Choose another one.');
    throw error;
  }
  deps.mailer.send(mail.emailChanged(previous, current));
  return 'Your new email address is confirmed. Use it to sign in from now on.';
}
