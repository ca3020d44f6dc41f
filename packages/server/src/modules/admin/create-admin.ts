// The first administrator (`medconnect admin create`), and more only when asked for explicitly. No
// account exists until an operator runs this: MedConnect has no default accounts. The new admin
// chooses a password through a one-time link printed for the operator (24 hours).
import { Conflict } from '@medconnect/core';
import { count, eq } from 'drizzle-orm';
import { isUniqueViolation } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { auditAccount } from '../accounts/account-audit.ts';
import { createAccount } from '../accounts/create-account.ts';
import type { AccountDeps } from '../accounts/deps.ts';
import { issueLink } from '../accounts/links.ts';

export type CreateAdminInput = { email: string; displayName: string; another: boolean };

export async function createAdmin(
  deps: Pick<AccountDeps, 'db' | 'sealer' | 'patients' | 'publicUrl'>,
  input: CreateAdminInput,
): Promise<{ id: string; link: string }> {
  try {
    return await deps.db.transaction(async (tx) => {
      const [admins] = await tx.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
      if ((admins?.n ?? 0) > 0 && !input.another) {
        throw new Conflict('An administrator already exists. Add --another to create one more.');
      }
      const user = await createAccount(tx, deps, {
        email: input.email,
        role: 'admin',
        displayName: input.displayName,
        passwordHash: null,
        // The operator vouches for the address; the admin sets a password and then TOTP.
        status: 'active',
        emailVerified: true,
      });
      await auditAccount(tx, {
        user: { id: 'system:cli', role: 'system' },
        subjectId: user.id,
        action: 'create-account',
        purpose: 'admin-bootstrap',
        ip: undefined,
      });
      const token = await issueLink(tx, user.id, 'set-password');
      return { id: user.id, link: `${deps.publicUrl}/reset-password#token=${token}` };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('An account with that email address already exists.');
    throw error;
  }
}
