// What the licence-document routes answer. The metadata is an allow-list: the file's hash and its
// sealed content never leave the server through it.
import { z } from 'zod';
import { licenceMediaTypes } from './file-type.ts';

export const licenceDocumentMetadata = z.object({
  fileName: z.string(),
  contentType: z.enum(licenceMediaTypes),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type LicenceDocumentMetadata = z.infer<typeof licenceDocumentMetadata>;

export const ownerParams = z.object({ userId: z.uuid({ message: 'must be a user id' }) }).strict();

/** A binary body: Fastify sends a Buffer as it is, the schema only documents it. */
export const fileBody = z.custom<Buffer>((value) => Buffer.isBuffer(value)).describe('The licence document as uploaded');
