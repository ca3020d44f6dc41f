// Account events in the audit trail: every sign-in, successful or not, and every change to how a
// person signs in. They are anchored like record accesses (appendAudit writes the outbox row).
import type { Executor } from '../../db/client.ts';
import type { Actor, Role } from '../../repository/actor.ts';
import { appendAudit, type AuditEntry } from '../../repository/audit-log.ts';

export type SignInMethod = 'password' | 'totp' | 'recovery-code' | 'wallet' | 'demo';

export type AccountAction =
  | 'sign-in'
  | 'sign-out'
  | 'register'
  | 'verify-email'
  | 'password-change'
  | 'password-reset'
  | 'email-change'
  | 'mfa-enable'
  | 'mfa-disable'
  | 'wallet-link'
  | 'wallet-unlink'
  | 'session-revoke'
  | 'create-account';

/** Who acted: a user, a system component (`system:cli`), or undefined for someone not signed in. */
export type Who = { id: string; role: Role; patientId?: string | null };

const actorOf = (user: Who | undefined, purpose: string, ip: string | undefined): Actor => ({
  id: user?.id ?? 'anonymous',
  role: user?.role ?? 'anonymous',
  patientId: user?.patientId ?? undefined,
  purpose,
  sourceIp: ip,
});

export async function auditAccount(
  tx: Executor,
  {
    user,
    subjectId,
    action,
    outcome = 'success',
    purpose = 'account',
    ip,
  }: {
    user: Who | undefined;
    /** The account acted on, when it is not the actor's own. */
    subjectId?: string | undefined;
    action: AccountAction;
    outcome?: AuditEntry['outcome'];
    purpose?: string;
    ip: string | undefined;
  },
): Promise<void> {
  await appendAudit(tx, actorOf(user, purpose, ip), [
    { action, outcome, entityType: 'account', entityId: subjectId ?? user?.id },
  ]);
}
