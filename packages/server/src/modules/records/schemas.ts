// Request and response schemas of the records routes.
import { z } from 'zod';
import { author } from './authors.ts';

const hex = z.string().regex(/^0x[0-9a-f]*$/i);

export const recordParams = z.object({ id: z.uuid({ message: 'must be a record id (UUID)' }) }).strict();
export const proofQuery = z.object({ version: z.coerce.number().int().min(1).optional() }).strict();

export const recordProofResponse = z.object({
  recordId: z.string(),
  version: z.number().int(),
  leaf: hex,
  status: z.enum(['anchored', 'pending']),
  proof: z.array(hex),
  root: hex.nullable(),
  batchId: z.number().int().nullable(),
  transactionHash: hex.nullable(),
  blockNumber: z.number().int().nullable(),
  chainId: z.number().int().nullable(),
  onChain: z.boolean(),
});

export const recordQuery = z.object({ version: z.coerce.number().int().min(1).optional() }).strict();
export const recordListQuery = z
  .object({ type: z.string().regex(/^[A-Z][A-Za-z]{1,63}$/, 'must be a FHIR resource type').optional() })
  .strict();

/** One version of a FHIR resource as stored: who wrote it, when, from where, and the resource itself. */
export const recordVersion = z.object({
  id: z.string(),
  version: z.number().int(),
  resourceType: z.string(),
  authorId: z.string(),
  /** The person who wrote it (null for imports and other system writers). */
  author: author.optional(),
  source: z.string(),
  recordedAt: z.string(),
  resource: z.record(z.string(), z.unknown()),
});
