// Licence review by registrars: approve, reject, suspend and reinstate a professional. Each decision
// updates the profile, writes its audit event and (when the on-chain Registry must follow) enqueues
// `Registry.setStatus` in one transaction; the professional is mailed after it commits.
import { Conflict, NotFound } from '@medconnect/core';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../repository/actor.ts';
import { appendAudit } from '../../repository/audit-log.ts';
import { enqueueChainCall } from '../../repository/outbox.ts';
import type { RequestMeta } from '../accounts/deps.ts';
import type { UserRow } from '../accounts/repo.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import { newPractitionerId } from './practitioner-id.ts';
import { listApplications, lockApplication, practitionerIdTaken, recordReview, toApplication } from './repo.ts';
import { reviewMail } from './review-mail.ts';
import type { Application, ApplicationStatus } from './schemas.ts';

/** The Registry contract's `Status` enum: 0 None, 1 Pending, 2 Verified, 3 Suspended. */
const registryStatus = { verified: 2, suspended: 3 } as const;

export type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

type Transition = {
  from: ApplicationStatus;
  to: ApplicationStatus;
  /** Why the transition is refused when the application is in another status. */
  refusal: string;
};

const transitions: Record<Decision, Transition> = {
  approve: { from: 'pending', to: 'verified', refusal: 'Only a pending application can be approved.' },
  reject: { from: 'pending', to: 'rejected', refusal: 'Only a pending application can be rejected.' },
  suspend: { from: 'verified', to: 'suspended', refusal: 'Only a verified professional can be suspended.' },
  reinstate: { from: 'suspended', to: 'verified', refusal: 'Only a suspended professional can be reinstated.' },
};

export type RegistryReviewDeps = { db: Database; mailer: Mailer; publicUrl: string };

export function createRegistryReview({ db, mailer, publicUrl }: RegistryReviewDeps) {
  async function decide(
    registrar: UserRow,
    userId: string,
    decision: Decision,
    reason: string | null,
    meta: RequestMeta,
  ): Promise<Application> {
    const transition = transitions[decision];
    const actor: Actor = { id: registrar.id, role: 'registrar', purpose: 'licence-review', sourceIp: meta.ip };
    const decided = await db.transaction(async (tx) => {
      const current = await lockApplication(tx, userId);
      if (!current) throw new NotFound('No professional with that id.');
      if (current.status !== transition.from) {
        throw new Conflict(`${transition.refusal} This one is ${current.status}.`);
      }
      let practitionerId = current.practitionerId;
      if (transition.to === 'verified' && practitionerId === null) {
        do practitionerId = newPractitionerId(current.kind);
        while (await practitionerIdTaken(tx, practitionerId));
      }
      const reviewedAt = await recordReview(tx, userId, {
        status: transition.to,
        reviewedBy: registrar.id,
        reason,
        ...(practitionerId !== null && practitionerId !== current.practitionerId ? { practitionerId } : {}),
      });
      if (transition.to === 'verified' || transition.to === 'suspended') {
        await enqueueChainCall(tx, {
          contract: 'registry',
          functionName: 'setStatus',
          args: [current.ethAddress, String(registryStatus[transition.to])],
          idempotencyKey: `registry.setStatus:${userId}:${transition.to}:${reviewedAt.toISOString()}`,
        });
      }
      await appendAudit(tx, actor, [
        { action: `licence-${decision}`, outcome: 'success', entityType: 'professional', entityId: userId },
      ]);
      return { ...current, status: transition.to, practitionerId, reviewedAt, reviewReason: reason };
    });
    mailer.send(notice(decided.email, decision, decided.practitionerId, reason));
    return toApplication(decided);
  }

  function notice(to: string, decision: Decision, practitionerId: string | null, reason: string | null): MailMessage {
    switch (decision) {
      case 'approve':
        return reviewMail.approved(to, publicUrl, practitionerId ?? '');
      case 'reject':
        return reviewMail.rejected(to, publicUrl, reason ?? '');
      case 'suspend':
        return reviewMail.suspended(to, publicUrl, reason ?? '');
      case 'reinstate':
        return reviewMail.reinstated(to, publicUrl);
    }
  }

  return {
    async list(status: ApplicationStatus): Promise<Application[]> {
      return (await listApplications(db, status)).map(toApplication);
    },
    approve: (registrar: UserRow, userId: string, meta: RequestMeta) => decide(registrar, userId, 'approve', null, meta),
    reject: (registrar: UserRow, userId: string, reason: string, meta: RequestMeta) =>
      decide(registrar, userId, 'reject', reason, meta),
    suspend: (registrar: UserRow, userId: string, reason: string, meta: RequestMeta) =>
      decide(registrar, userId, 'suspend', reason, meta),
    reinstate: (registrar: UserRow, userId: string, meta: RequestMeta) =>
      decide(registrar, userId, 'reinstate', null, meta),
  };
}

export type RegistryReview = ReturnType<typeof createRegistryReview>;
