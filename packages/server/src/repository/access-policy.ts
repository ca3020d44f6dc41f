// Who may read or write a patient's clinical data. Deny by default: anything not allowed here is refused,
// and a refusal is indistinguishable from "no such record" to the caller.
//
// A patient reads and writes their own record. A verified doctor reads what an active consent grant
// covers (its scope is a list of kinds of entries) or, in an emergency, the whole record for at most an
// hour, and always the entries they wrote themselves. Grants are looked up inside the caller's
// transaction and compared with the database clock, so a revocation counts from the moment it commits.
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { consents, emergencyAccesses, professionalProfiles } from '../db/schema.ts';
import type { Actor } from './actor.ts';

export type AccessAction = 'read' | 'write';

/** System components that may write clinical data (imports, demo seeding), never read it back. */
const systemWriters = new Set(['import', 'demo', 'benchmark', 'registration']);

/** The kinds of entries a grant can cover, and the FHIR resource types of each. */
export const scopeKinds = {
  allergies: ['AllergyIntolerance'],
  medications: ['MedicationStatement', 'MedicationRequest', 'MedicationAdministration', 'MedicationDispense', 'Medication'],
  diagnoses: ['Condition'],
  'vitals-and-results': ['Observation'],
  reports: ['DiagnosticReport', 'DocumentReference', 'ImagingStudy'],
  immunizations: ['Immunization'],
  visits: ['Encounter', 'Procedure', 'CarePlan', 'CareTeam', 'ClinicalImpression'],
} as const satisfies Record<string, readonly string[]>;

export type ScopeKind = keyof typeof scopeKinds;
export const scopeKindNames = Object.keys(scopeKinds) as ScopeKind[];
/** A grant's scope: the whole record, or some kinds of entries. */
export type Scope = ['all'] | ScopeKind[];

/** Entries anyone granted any scope may see: who the patient is. */
const alwaysInScope = new Set(['Patient']);

const typesOf = (scope: readonly string[]): Set<string> | 'all' =>
  scope.includes('all')
    ? 'all'
    : new Set([...alwaysInScope, ...scope.flatMap((kind) => (kind in scopeKinds ? scopeKinds[kind as ScopeKind] : []))]);

export type AccessBasis = 'self' | 'grant' | 'emergency' | 'author' | 'system' | 'none';

/** What one actor may do with one patient's record right now. */
export type PatientAccess = {
  basis: AccessBasis;
  /** Resource types readable beyond the actor's own entries. */
  types: Set<string> | 'all';
  /** May add new entries (and new versions) to the record. */
  write: boolean;
  /** Why, as written to the audit trail (the grant's purpose, or `emergency`). */
  purpose: string;
  /** The consent grants or emergency access this rests on. */
  grantIds: string[];
  emergencyId?: string | undefined;
};

const none = (purpose: string): PatientAccess => ({ basis: 'none', types: new Set(), write: false, purpose, grantIds: [] });

/** Whether `access` lets the actor read one entry: one the access covers, or one they wrote. */
export function mayRead(access: PatientAccess, actor: Actor, entry: { resourceType: string; authorId: string }): boolean {
  if (access.basis === 'none' || access.basis === 'system') return false;
  if (access.types === 'all' || access.types.has(entry.resourceType)) return true;
  return entry.authorId === actor.id;
}

/** Whether the actor may read anything at all of the record (their own entries count). */
export const mayReadSome = (access: PatientAccess) => access.basis !== 'none' && access.basis !== 'system';

/**
 * Looks up the actor's access to `patientId` in `tx`. Clinicians must hold a verified licence: a
 * suspended doctor keeps nothing, not even their own entries.
 */
export async function accessTo(tx: Executor, actor: Actor, patientId: string): Promise<PatientAccess> {
  if (actor.role === 'system') {
    const write = systemWriters.has(actor.purpose);
    return { ...none(actor.purpose), basis: write ? 'system' : 'none', write };
  }
  if (actor.patientId !== undefined && actor.patientId === patientId) {
    return { basis: 'self', types: 'all', write: true, purpose: actor.purpose, grantIds: [] };
  }
  if (actor.role !== 'doctor') return none(actor.purpose);
  const [profile] = await tx
    .select({ status: professionalProfiles.status })
    .from(professionalProfiles)
    .where(eq(professionalProfiles.userId, actor.id));
  if (profile?.status !== 'verified') return none(actor.purpose);

  const [emergency] = await tx
    .select({ id: emergencyAccesses.id })
    .from(emergencyAccesses)
    .where(
      and(
        eq(emergencyAccesses.doctorId, actor.id),
        eq(emergencyAccesses.patientId, patientId),
        isNull(emergencyAccesses.endedAt),
        gt(emergencyAccesses.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  if (emergency) {
    return { basis: 'emergency', types: 'all', write: true, purpose: 'emergency', grantIds: [], emergencyId: emergency.id };
  }
  const grants = await tx
    .select({ id: consents.id, scope: consents.scope, purpose: consents.purpose })
    .from(consents)
    .where(
      and(
        eq(consents.granteeId, actor.id),
        eq(consents.patientId, patientId),
        eq(consents.status, 'active'),
        or(isNull(consents.expiresAt), gt(consents.expiresAt, sql`now()`)),
      ),
    );
  if (grants.length > 0) {
    const types = typesOf(grants.flatMap((g) => g.scope));
    return { basis: 'grant', types, write: true, purpose: grants[0]!.purpose, grantIds: grants.map((g) => g.id) };
  }
  // No grant: only what they wrote themselves.
  return { basis: 'author', types: new Set(), write: false, purpose: actor.purpose, grantIds: [] };
}
