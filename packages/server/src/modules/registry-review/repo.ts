// The registry-review queries: professionals with their submitted licence details, read and changed
// in the transaction the caller runs.
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { licenceDocuments, professionalProfiles, users } from '../../db/schema.ts';
import { metadataColumns, toMetadata, type MetadataRow } from '../licence-documents/repo.ts';
import type { Application, ApplicationStatus } from './schemas.ts';

const columns = {
  userId: professionalProfiles.userId,
  displayName: users.displayName,
  email: users.email,
  ethAddress: users.ethAddress,
  kind: professionalProfiles.kind,
  status: professionalProfiles.status,
  licenceNumber: professionalProfiles.licenceNumber,
  council: professionalProfiles.council,
  registrationYear: professionalProfiles.registrationYear,
  qualification: professionalProfiles.qualification,
  specialization: professionalProfiles.specialization,
  organisation: professionalProfiles.organisation,
  organisationLicenceNumber: professionalProfiles.organisationLicenceNumber,
  submittedAt: professionalProfiles.submittedAt,
  practitionerId: professionalProfiles.practitionerId,
  reviewedAt: professionalProfiles.reviewedAt,
  reviewReason: professionalProfiles.reviewReason,
};

type ApplicationRow = Omit<Application, 'submittedAt' | 'reviewedAt' | 'licenceDocument'> & {
  ethAddress: string;
  submittedAt: Date;
  reviewedAt: Date | null;
  licenceDocument: MetadataRow | null;
};

export const toApplication = ({ ethAddress: _ethAddress, licenceDocument, ...row }: ApplicationRow): Application => ({
  ...row,
  submittedAt: row.submittedAt.toISOString(),
  reviewedAt: row.reviewedAt?.toISOString() ?? null,
  licenceDocument: licenceDocument ? toMetadata(licenceDocument) : null,
});

/** The application columns with the uploaded document's metadata (null when there is none). */
const withDocument = { ...columns, licenceDocument: metadataColumns };

/** Applications in `status`, oldest submission first (the queue order). */
export async function listApplications(db: Executor, status: ApplicationStatus): Promise<ApplicationRow[]> {
  return db
    .select(withDocument)
    .from(professionalProfiles)
    .innerJoin(users, eq(users.id, professionalProfiles.userId))
    .leftJoin(licenceDocuments, eq(licenceDocuments.userId, professionalProfiles.userId))
    .where(eq(professionalProfiles.status, status))
    .orderBy(asc(professionalProfiles.submittedAt), asc(professionalProfiles.userId));
}

/** One application, locked until the transaction ends so two registrars cannot decide at once. */
export async function lockApplication(tx: Executor, userId: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx
    .select(withDocument)
    .from(professionalProfiles)
    .innerJoin(users, eq(users.id, professionalProfiles.userId))
    .leftJoin(licenceDocuments, eq(licenceDocuments.userId, professionalProfiles.userId))
    .where(eq(professionalProfiles.userId, userId))
    .for('update', { of: professionalProfiles });
  return row;
}

export async function practitionerIdTaken(tx: Executor, practitionerId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: professionalProfiles.userId })
    .from(professionalProfiles)
    .where(eq(professionalProfiles.practitionerId, practitionerId));
  return row !== undefined;
}

export type Review = {
  status: ApplicationStatus;
  reviewedBy: string;
  reason: string | null;
  practitionerId?: string;
};

/** Records a registrar's decision; answers the moment it was recorded (the database clock). */
export async function recordReview(tx: Executor, userId: string, review: Review): Promise<Date> {
  const [row] = await tx
    .update(professionalProfiles)
    .set({
      status: review.status,
      reviewedBy: review.reviewedBy,
      reviewReason: review.reason,
      reviewedAt: sql`now()`,
      ...(review.practitionerId ? { practitionerId: review.practitionerId } : {}),
    })
    .where(eq(professionalProfiles.userId, userId))
    .returning({ reviewedAt: professionalProfiles.reviewedAt });
  if (!row?.reviewedAt) throw new Error('a locked professional profile could not be updated');
  return row.reviewedAt;
}
