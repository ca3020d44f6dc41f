// Sign-up. The answer is the same whether or not the address is taken (RELIABILITY T11): a new
// address gets a verification link, a known one a "someone tried to sign up" notice (or a fresh link
// if it was never verified), and both paths hash the password so they take the same time. The
// account, its patient record, licence and Registry call commit together or not at all; mail goes
// out after the commit.
import { isUniqueViolation } from '../../db/client.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { mail } from '../mail/messages.ts';
import { auditAccount } from './account-audit.ts';
import { createAccount } from './create-account.ts';
import type { AccountDeps, RequestMeta } from './deps.ts';
import { issueLink } from './links.ts';
import { hashPassword } from './passwords.ts';
import { userByEmail, type UserRow } from './repo.ts';
import type { RegisterInput } from './schemas.ts';
import { mayMail } from './throttle.ts';

export const REGISTERED_MESSAGE = 'Check your email to finish signing up.';

/** The mail for someone signing up with an address that already has an account. */
async function mailForExisting(deps: AccountDeps, existing: UserRow): Promise<MailMessage | undefined> {
  if (existing.status === 'disabled') return undefined;
  if (existing.status !== 'pending-verification') {
    return (await mayMail(deps.db, 'already-registered', existing.email))
      ? mail.alreadyRegistered(existing.email, deps.publicUrl)
      : undefined;
  }
  if (!(await mayMail(deps.db, 'verify-email', existing.email))) return undefined;
  const token = await deps.db.transaction((tx) => issueLink(tx, existing.id, 'verify-email'));
  return mail.verifyEmail(existing.email, deps.publicUrl, token);
}

export async function register(deps: AccountDeps, input: RegisterInput, meta: RequestMeta): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const existing = await userByEmail(deps.db, input.email);
  if (existing) {
    const message = await mailForExisting(deps, existing);
    if (message) deps.mailer.send(message);
    return;
  }
  let token: string;
  try {
    token = await deps.db.transaction(async (tx) => {
      const user = await createAccount(tx, deps, {
        email: input.email,
        role: input.role,
        displayName: input.displayName,
        passwordHash,
        status: 'pending-verification',
        emailVerified: false,
        professional: input.professional,
        organisation: input.organisation,
      });
      await auditAccount(tx, { user, action: 'register', ip: meta.ip });
      return issueLink(tx, user.id, 'verify-email');
    });
  } catch (error) {
    // Someone registered the same address a moment earlier: answer as for a taken address.
    if (!isUniqueViolation(error)) throw error;
    const raced = await userByEmail(deps.db, input.email);
    if (raced) deps.mailer.send(mail.alreadyRegistered(raced.email, deps.publicUrl));
    return;
  }
  await mayMail(deps.db, 'verify-email', input.email); // counts toward the resend limit
  deps.mailer.send(mail.verifyEmail(input.email, deps.publicUrl, token));
}
