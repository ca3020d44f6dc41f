// Changes a signed-in person makes to their own account: name, password (other sessions are signed
// out) and email address (the new address must confirm by link before it counts). Wrong current
// passwords count toward the account's failed sign-in budget, like a wrong password at sign-in.
import { passwordProblems } from '@medconnect/core';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { mail } from '../mail/messages.ts';
import { auditAccount } from './account-audit.ts';
import type { AccountDeps, RequestMeta } from './deps.ts';
import { fieldProblems } from './field-problem.ts';
import { issueLink } from './links.ts';
import { checkSignInBudget, recordSignInFailure } from './login-budget.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { userByEmail, type UserRow } from './repo.ts';
import { revokeUserSessions } from './sessions.ts';
import { mayMail } from './throttle.ts';

export const EMAIL_CHANGE_MESSAGE = 'Check the new address: we have sent it a link to confirm the change.';

/** Checks the password a signed-in person typed to confirm a change. */
export async function confirmPassword(
  deps: Pick<AccountDeps, 'db'>,
  user: UserRow,
  password: string,
  field: string,
): Promise<void> {
  await checkSignInBudget(deps.db, user.email);
  if (await verifyPassword(user.passwordHash, password)) return;
  await recordSignInFailure(deps.db, user.email);
  throw fieldProblems(field, ['Your current password is not right.']);
}

export async function updateProfile(deps: AccountDeps, user: UserRow, displayName: string): Promise<void> {
  await deps.db.update(users).set({ displayName }).where(eq(users.id, user.id));
}

export async function changePassword(
  deps: AccountDeps,
  user: UserRow,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  await confirmPassword(deps, user, input.currentPassword, 'currentPassword');
  const problems = passwordProblems(input.newPassword, { email: user.email, displayName: user.displayName });
  if (problems.length > 0) throw fieldProblems('newPassword', problems);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await revokeUserSessions(tx, user.id, sessionId);
    await auditAccount(tx, { user, action: 'password-change', ip: meta.ip });
  });
  deps.mailer.send(mail.passwordChanged(user.email, deps.publicUrl));
}

export async function changeEmail(
  deps: AccountDeps,
  user: UserRow,
  input: { newEmail: string; password: string },
): Promise<void> {
  await confirmPassword(deps, user, input.password, 'password');
  if (input.newEmail === user.email) throw fieldProblems('newEmail', ['This is already your email address.']);
  if (await userByEmail(deps.db, input.newEmail)) {
    if (await mayMail(deps.db, 'email-taken', input.newEmail))
      deps.mailer.send(mail.newEmailTaken(input.newEmail, deps.publicUrl));
    return;
  }
  if (!(await mayMail(deps.db, 'change-email', input.newEmail))) return;
  const token = await deps.db.transaction((tx) => issueLink(tx, user.id, 'change-email', input.newEmail));
  deps.mailer.send(mail.confirmNewEmail(input.newEmail, deps.publicUrl, token));
}
