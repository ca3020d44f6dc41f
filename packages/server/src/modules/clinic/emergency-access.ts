// Break-the-glass: a verified doctor without consent opens one patient's record in an emergency, after
// stating a reason and re-authenticating. The access lasts at most 60 minutes (database clock), the
// patient is mailed at once, every start and stop is audited (DICOM 110127/110138 "emergency override
// started/stopped") and a registrar reviews each one. Pharmacists, staff and public-health officers
// cannot do it: only the `doctor` role, with a verified licence.
import { randomUUID } from 'node:crypto';
import { Conflict, Forbidden, NotFound } from '@medconnect/core';
import { and, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { emergencyAccesses, patients, professionalProfiles, users } from '../../db/schema.ts';
import type { Sealer } from '../../platform.ts';
import type { Actor } from '../../repository/actor.ts';
import { appendAudit } from '../../repository/audit-log.ts';
import type { RequestMeta } from '../accounts/deps.ts';
import type { UserRow } from '../accounts/repo.ts';
import { stepUp } from '../accounts/step-up.ts';
import { consentMail } from '../consent/consent-mail.ts';
import type { Mailer } from '../mail/mailer.ts';

export const EMERGENCY_MINUTES = 60;

export const OVERRIDE_STARTED = 'emergency-override-started'; // DICOM 110127
export const OVERRIDE_STOPPED = 'emergency-override-stopped'; // DICOM 110138

export type EmergencyDeps = { db: Database; sealer: Sealer; mailer: Mailer; publicUrl: string };

const stopEvent = (row: { id: string; patientId: string }) => ({
  action: OVERRIDE_STOPPED,
  outcome: 'success' as const,
  patientId: row.patientId,
  entityType: 'emergency-access',
  entityId: row.id,
});

export function createEmergencyAccess(deps: EmergencyDeps) {
  const { db } = deps;

  /** Writes the stop event of every emergency access past its hour, once. */
  async function endExpired(tx: Executor): Promise<number> {
    const ended = await tx
      .update(emergencyAccesses)
      .set({ endedAt: emergencyAccesses.expiresAt })
      .where(and(isNull(emergencyAccesses.endedAt), lte(emergencyAccesses.expiresAt, sql`now()`)))
      .returning();
    for (const row of ended) {
      await appendAudit(tx, { id: row.doctorId, role: 'doctor', purpose: 'emergency' }, [stopEvent(row)]);
    }
    return ended.length;
  }

  return {
    endExpired: () => db.transaction(endExpired),

    async start(doctor: UserRow, patientId: string, input: { reason: string; password: string; code?: string | undefined }, meta: RequestMeta) {
      if (doctor.role !== 'doctor') throw new Forbidden('Only doctors can open a record in an emergency.');
      if (patientId === doctor.patientId) throw new Conflict('This is your own record: open it under My record.');
      const [profile] = await db.select().from(professionalProfiles).where(eq(professionalProfiles.userId, doctor.id));
      if (profile?.status !== 'verified') {
        throw new Forbidden('Only doctors with a verified licence can open a record in an emergency.');
      }
      await stepUp(deps, doctor, input);
      const actor: Actor = { id: doctor.id, role: 'doctor', purpose: 'emergency', sourceIp: meta.ip };
      const started = await db.transaction(async (tx) => {
        await endExpired(tx);
        const [open] = await tx
          .select()
          .from(emergencyAccesses)
          .where(and(eq(emergencyAccesses.doctorId, doctor.id), eq(emergencyAccesses.patientId, patientId), isNull(emergencyAccesses.endedAt)));
        if (open) throw new Conflict('You already have emergency access to this record.');
        const [row] = await tx
          .insert(emergencyAccesses)
          .values({
            id: randomUUID(),
            patientId,
            doctorId: doctor.id,
            reason: input.reason,
            expiresAt: sql`now() + make_interval(mins => ${EMERGENCY_MINUTES})`,
          })
          .returning();
        await appendAudit(tx, actor, [
          { action: OVERRIDE_STARTED, outcome: 'success', patientId, entityType: 'emergency-access', entityId: row!.id },
        ]);
        const [account] = await tx.select({ email: users.email, status: users.status }).from(users).where(eq(users.patientId, patientId));
        return { row: row!, to: account?.status === 'active' ? account.email : undefined };
      });
      if (started.to) {
        deps.mailer.send(
          consentMail.emergencyAccess(started.to, deps.publicUrl, { name: doctor.displayName, practitionerId: profile.practitionerId }, input.reason),
        );
      }
      return started.row;
    },

    async end(doctor: UserRow, id: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(emergencyAccesses)
          .set({ endedAt: sql`now()` })
          .where(and(eq(emergencyAccesses.id, id), eq(emergencyAccesses.doctorId, doctor.id), isNull(emergencyAccesses.endedAt)))
          .returning();
        if (!row) throw new NotFound('No open emergency access with that id.');
        await appendAudit(tx, { id: doctor.id, role: 'doctor', purpose: 'emergency', sourceIp: meta.ip }, [stopEvent(row)]);
        return row;
      });
    },

    /** The doctor's open emergency access to a patient, if any. */
    async openFor(doctorId: string, patientId: string) {
      const [row] = await db
        .select()
        .from(emergencyAccesses)
        .where(
          and(
            eq(emergencyAccesses.doctorId, doctorId),
            eq(emergencyAccesses.patientId, patientId),
            isNull(emergencyAccesses.endedAt),
            sql`${emergencyAccesses.expiresAt} > now()`,
          ),
        );
      return row;
    },

    /** The registrar's review queue: pending (not reviewed yet) or reviewed, newest first. */
    async list(status: 'pending' | 'reviewed') {
      const rows = await db
        .select({ access: emergencyAccesses, healthId: patients.healthId, doctorName: users.displayName, practitionerId: professionalProfiles.practitionerId })
        .from(emergencyAccesses)
        .innerJoin(patients, eq(patients.id, emergencyAccesses.patientId))
        .innerJoin(users, eq(users.id, emergencyAccesses.doctorId))
        .leftJoin(professionalProfiles, eq(professionalProfiles.userId, emergencyAccesses.doctorId))
        .where(status === 'pending' ? isNull(emergencyAccesses.reviewedAt) : isNotNull(emergencyAccesses.reviewedAt))
        .orderBy(desc(emergencyAccesses.startedAt))
        .limit(200);
      return rows.map(({ access: a, ...r }) => ({
        id: a.id,
        healthId: r.healthId,
        doctor: { id: a.doctorId, name: r.doctorName, practitionerId: r.practitionerId },
        reason: a.reason,
        startedAt: a.startedAt.toISOString(),
        expiresAt: a.expiresAt.toISOString(),
        endedAt: a.endedAt?.toISOString() ?? null,
        reviewedAt: a.reviewedAt?.toISOString() ?? null,
        outcome: a.reviewOutcome,
        note: a.reviewNote,
      }));
    },

    async review(registrar: UserRow, id: string, input: { outcome: 'justified' | 'unjustified'; note: string }, meta: RequestMeta) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(emergencyAccesses)
          .set({ reviewedAt: sql`now()`, reviewedBy: registrar.id, reviewOutcome: input.outcome, reviewNote: input.note })
          .where(and(eq(emergencyAccesses.id, id), isNull(emergencyAccesses.reviewedAt)))
          .returning();
        if (!row) {
          const [exists] = await tx.select({ id: emergencyAccesses.id }).from(emergencyAccesses).where(eq(emergencyAccesses.id, id));
          throw exists ? new Conflict('This emergency access was already reviewed.') : new NotFound('No emergency access with that id.');
        }
        await appendAudit(tx, { id: registrar.id, role: 'registrar', purpose: 'emergency-review', sourceIp: meta.ip }, [
          { action: `emergency-review-${input.outcome}`, outcome: 'success', patientId: row.patientId, entityType: 'emergency-access', entityId: id },
        ]);
      });
    },
  };
}

export type EmergencyAccess = ReturnType<typeof createEmergencyAccess>;
