// Erasure by crypto-shredding: a patient closes their account for good. The patient's data key is
// destroyed, so every version of their record stays in place (append-only, its leaf anchored) but can
// never be decrypted again, and with it the salts that made their leaves checkable. The account is
// stripped of everything that identifies or signs in the person, open consents end, and the erasure
// itself is audited (and anchored) in the same transaction.
import { Conflict, Forbidden } from '@medconnect/core';
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Hex } from 'viem';
import {
  consents,
  emergencyAccesses,
  oneTimeTokens,
  patientKeys,
  patients,
  siweNonces,
  users,
} from '../../db/schema.ts';
import type { Actor } from '../../repository/actor.ts';
import { appendAudit } from '../../repository/audit-log.ts';
import type { AccountDeps, RequestMeta } from '../accounts/deps.ts';
import { deleteRecoveryCodes } from '../accounts/recovery-codes.ts';
import type { UserRow } from '../accounts/repo.ts';
import { revokeUserSessions } from '../accounts/sessions.ts';
import { stepUp } from '../accounts/step-up.ts';
import { OVERRIDE_STOPPED } from '../clinic/emergency-access.ts';
import { signRevoke, type SigningDeps } from '../consent/consent-signing.ts';
import type { EraseInput } from './schemas.ts';

export const ERASED_DISPLAY_NAME = 'Erased account';
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/** Only a patient's own account; a professional's account holds entries others rely on. */
export function assertErasable(user: UserRow): string {
  if (user.role !== 'patient') {
    throw new Forbidden(
      'Only a patient account can be erased here. Professional accounts cannot be erased from account settings.',
    );
  }
  if (!user.patientId) throw new Forbidden('Your account has no health record to erase.');
  return user.patientId;
}

export type ErasureDeps = AccountDeps & { signing: SigningDeps };

export async function eraseAccount(
  deps: ErasureDeps,
  user: UserRow,
  input: EraseInput,
  meta: RequestMeta,
): Promise<{ erasedAt: Date }> {
  const patientId = assertErasable(user);
  await stepUp(deps, user, input);
  const actor: Actor = { id: user.id, role: 'patient', patientId, purpose: 'erasure', sourceIp: meta.ip };
  return deps.db.transaction(async (tx) => {
    // The key goes first: a second request racing this one finds it gone and changes nothing.
    const [destroyed] = await tx
      .update(patientKeys)
      .set({ wrappedKey: null, destroyedAt: sql`now()` })
      .where(and(eq(patientKeys.patientId, patientId), isNull(patientKeys.destroyedAt)))
      .returning({ destroyedAt: patientKeys.destroyedAt });
    if (!destroyed?.destroyedAt) throw new Conflict('This account has already been erased.');
    // Live grants are revoked on ConsentLedger too, signed while the patient's key still exists.
    const live = await tx
      .select({ id: consents.id, chainGrantId: consents.chainGrantId })
      .from(consents)
      .where(and(eq(consents.patientId, patientId), eq(consents.status, 'active'), or(isNull(consents.expiresAt), gt(consents.expiresAt, sql`now()`))));
    for (const grant of live) {
      if (grant.chainGrantId) await signRevoke(tx, deps.signing, { consentId: grant.id, patientId, grantId: grant.chainGrantId as Hex });
    }
    // Contact details and the duplicate-detection fingerprint are personal data outside the record.
    await tx
      .update(patients)
      .set({ erasedAt: destroyed.destroyedAt, contact: null, lookupHash: null })
      .where(eq(patients.id, patientId));
    await tx
      .update(users)
      .set({
        status: 'disabled',
        email: erasedEmail(user.id),
        displayName: ERASED_DISPLAY_NAME,
        passwordHash: null,
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        walletAddress: null,
        // The custodial key is sealed under the master key, not the data key: it is removed outright.
        custodialKey: new Uint8Array(0),
      })
      .where(eq(users.id, user.id));
    await revokeUserSessions(tx, user.id);
    await deleteRecoveryCodes(tx, user.id);
    // Pending links may carry a new email address; nonces are of no further use.
    await tx.delete(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id));
    await tx.delete(siweNonces).where(eq(siweNonces.userId, user.id));
    await tx
      .update(consents)
      .set({ status: 'revoked', revokedAt: sql`now()`, otpHash: null })
      .where(and(eq(consents.patientId, patientId), inArray(consents.status, ['requested', 'active'])));
    const ended = await tx
      .update(emergencyAccesses)
      .set({ endedAt: sql`now()` })
      .where(and(eq(emergencyAccesses.patientId, patientId), isNull(emergencyAccesses.endedAt)))
      .returning({ id: emergencyAccesses.id });
    await appendAudit(tx, actor, [
      ...ended.map((e) => ({ action: OVERRIDE_STOPPED, outcome: 'success' as const, patientId, entityType: 'emergency-access', entityId: e.id })),
      { action: 'erase', outcome: 'success', patientId, entityType: 'patient', entityId: patientId },
    ]);
    return { erasedAt: destroyed.destroyedAt };
  });
}
