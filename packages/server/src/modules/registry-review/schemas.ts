// What the registry-review routes accept and answer. Responses are allow-lists: a professional's
// licence salt and hash, password and keys never leave the server through them.
import { z } from 'zod';
import { professionalKinds, professionalStatuses } from '../../db/schema.ts';
import { licenceDocumentMetadata } from '../licence-documents/schemas.ts';

export const applicationStatus = z.enum(professionalStatuses);
export type ApplicationStatus = z.infer<typeof applicationStatus>;

export const listQuery = z.object({ status: applicationStatus.default('pending') }).strict();

export const applicationParams = z.object({ userId: z.uuid({ message: 'must be a user id' }) }).strict();

export const reasonBody = z
  .object({
    reason: z
      .string({ message: 'is required' })
      .trim()
      .min(3, 'must be at least 3 characters')
      .max(500, 'must be at most 500 characters'),
  })
  .strict();

export const application = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  kind: z.enum(professionalKinds),
  status: applicationStatus,
  licenceNumber: z.string().nullable(),
  council: z.string().nullable(),
  registrationYear: z.number().int().nullable(),
  qualification: z.string().nullable(),
  specialization: z.string().nullable(),
  organisation: z.string().nullable(),
  organisationLicenceNumber: z.string().nullable(),
  submittedAt: z.string(),
  practitionerId: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
  /** The uploaded licence document (opened through its own route), or null when none was uploaded. */
  licenceDocument: licenceDocumentMetadata.nullable(),
});
export type Application = z.infer<typeof application>;

export const applicationList = z.object({ applications: z.array(application) });
