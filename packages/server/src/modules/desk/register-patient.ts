// Registering a patient at a clinic desk: someone without email or smartphone gets an account they do
// not hold yet (status `unclaimed`, no password, a placeholder address), a Health ID, a data key and a
// custodial key that signs the consents they confirm by code. A likely second registration of the same
// person (same phone and date of birth) is refused until the clinician confirms it is someone else.
//
// The account, the patient row, its sealed contact and the clinician's audit event commit together;
// the Patient resource follows through the clinical store (its own transaction, so the store keeps
// its one door to clinical data).
import { randomUUID } from 'node:crypto';
import { Conflict, formatHealthId } from '@medconnect/core';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { patients } from '../../db/schema.ts';
import { systemActor, type Actor } from '../../repository/actor.ts';
import { appendAudit } from '../../repository/audit-log.ts';
import type { RequestMeta } from '../accounts/deps.ts';
import { createAccount } from '../accounts/create-account.ts';
import type { UserRow } from '../accounts/repo.ts';
import { lookupFingerprint, maskedHealthId, sealContact } from './contact.ts';
import type { DeskDeps } from './deps.ts';
import { birthDateOf, patientResource } from './patient-resource.ts';
import type { DeskRegistration, DeskRegistrationInput } from './schemas.ts';

/** The address an unclaimed account carries until its patient claims it with their own. */
export const placeholderEmail = () => `unclaimed+${randomUUID()}@patients.medconnect.invalid`;

const clinicianActor = (user: UserRow, meta: RequestMeta): Actor => ({
  id: user.id,
  role: user.role,
  patientId: user.patientId ?? undefined,
  purpose: 'registration',
  sourceIp: meta.ip,
});

export async function registerPatient(
  deps: DeskDeps,
  clinician: UserRow,
  input: DeskRegistrationInput,
  meta: RequestMeta,
): Promise<DeskRegistration> {
  const birth = birthDateOf(input);
  const lookupHash = lookupFingerprint(deps.sealer, input.phone, birth.birthDate);
  const [existing] = await deps.db
    .select({ healthId: patients.healthId })
    .from(patients)
    .where(and(eq(patients.lookupHash, lookupHash), isNull(patients.erasedAt)))
    .orderBy(asc(patients.createdAt))
    .limit(1);
  const duplicateOf = existing ? maskedHealthId(existing.healthId) : null;
  if (duplicateOf && input.confirmDuplicate !== true) {
    throw new Conflict(
      `A patient with this phone number and date of birth is already registered (Health ID ${duplicateOf}). ` +
        'If the patient has a card, use that Health ID. If this is a different person, register them anyway.',
      { errors: [{ path: 'duplicateOf', message: duplicateOf }] },
    );
  }
  const name = `${input.name.given} ${input.name.family}`;
  const created = await deps.db.transaction(async (tx) => {
    const user = await createAccount(tx, deps, {
      email: placeholderEmail(),
      role: 'patient',
      displayName: name,
      passwordHash: null,
      status: 'unclaimed',
      emailVerified: false,
    });
    const patientId = user.patientId!;
    const [patient] = await tx
      .update(patients)
      .set({
        registeredBy: clinician.id,
        lookupHash,
        contact: sealContact(deps.sealer, patientId, { phone: input.phone, email: input.email }),
      })
      .where(eq(patients.id, patientId))
      .returning({ healthId: patients.healthId });
    await appendAudit(tx, clinicianActor(clinician, meta), [
      {
        action: 'patient-register',
        outcome: 'success',
        patientId,
        entityType: 'patient',
        entityId: patientId,
      },
    ]);
    return { patientId, healthId: formatHealthId(patient!.healthId) };
  });
  await deps.store.create(systemActor('desk-registration', 'registration'), created.patientId, [
    { resource: patientResource(input, birth), source: 'desk-registration' },
  ]);
  return {
    ...created,
    name,
    birthDate: birth.birthDate,
    birthDateEstimated: birth.estimated,
    duplicateOf,
  };
}
