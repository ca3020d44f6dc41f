// Reads of accounts: by address, by id, and the account as the API shows it.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { patients, professionalProfiles, users } from '../../db/schema.ts';
import { formatHealthId } from '@medconnect/core';
import type { AccountUser } from './schemas.ts';

export type UserRow = typeof users.$inferSelect;
export type UserRole = UserRow['role'];

/** Roles that must sign in with a second factor (DESIGN §5; docs/accounts-api.md). */
const mfaRoles = new Set<UserRole>(['doctor', 'pharmacist', 'staff', 'registrar', 'admin']);
export const requiresMfa = (role: UserRole): boolean => mfaRoles.has(role);

export async function userByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row;
}

export async function userById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function userByWallet(db: Executor, address: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.walletAddress, address));
  return row;
}

export async function accountUser(db: Executor, userId: string): Promise<AccountUser> {
  const [row] = await db
    .select({ user: users, healthId: patients.healthId, profile: professionalProfiles })
    .from(users)
    .leftJoin(patients, eq(patients.id, users.patientId))
    .leftJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) throw new Error('account vanished while in use');
  const { user, healthId, profile } = row;
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    healthId: healthId ? formatHealthId(healthId) : null,
    ethAddress: user.ethAddress,
    walletAddress: user.walletAddress,
    professional: profile
      ? {
          kind: profile.kind,
          status: profile.status,
          licenceNumber: profile.licenceNumber,
          council: profile.council,
          registrationYear: profile.registrationYear,
          qualification: profile.qualification,
          specialization: profile.specialization,
          organisation: profile.organisation,
          practitionerId: profile.practitionerId,
          reviewReason:
            profile.status === 'rejected' || profile.status === 'suspended' ? profile.reviewReason : null,
        }
      : null,
  };
}
