// An administrator creates a registrar account; the registrar receives a link to choose a password
// (24 hours) and must then set up two-step sign-in before anything else.
import { Conflict } from '@medconnect/core';
import { isUniqueViolation } from '../../db/client.ts';
import { auditAccount } from '../accounts/account-audit.ts';
import { createAccount } from '../accounts/create-account.ts';
import type { AccountDeps, RequestMeta } from '../accounts/deps.ts';
import { issueLink } from '../accounts/links.ts';
import type { UserRow } from '../accounts/repo.ts';
import { mail } from '../mail/messages.ts';

export async function createRegistrar(
  deps: AccountDeps,
  admin: UserRow,
  input: { email: string; displayName: string },
  meta: RequestMeta,
): Promise<string> {
  let created: { id: string; token: string };
  try {
    created = await deps.db.transaction(async (tx) => {
      const user = await createAccount(tx, deps, {
        email: input.email,
        role: 'registrar',
        displayName: input.displayName,
        passwordHash: null,
        status: 'pending-verification',
        emailVerified: false,
      });
      await auditAccount(tx, { user: admin, subjectId: user.id, action: 'create-account', ip: meta.ip });
      return { id: user.id, token: await issueLink(tx, user.id, 'set-password') };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('An account with that email address already exists.');
    throw error;
  }
  deps.mailer.send(mail.setPassword(input.email, deps.publicUrl, created.token, 'registrar'));
  return created.id;
}
