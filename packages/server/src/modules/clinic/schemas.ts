// What the clinic routes accept and answer (docs/consent-api.md).
import { z } from 'zod';
import { recordVersion } from '../records/schemas.ts';
import { consentView } from '../consent/schemas.ts';

export const healthIdParams = z.object({ healthId: z.string().min(1).max(32) }).strict();
export const emergencyParams = z.object({ id: z.uuid({ message: 'must be an emergency access id (UUID)' }) }).strict();

export const accessSummary = z.object({
  basis: z.enum(['self', 'grant', 'emergency', 'author', 'system', 'none']),
  scope: z.array(z.string()),
  expiresAt: z.string().nullable(),
});

export const patientLookup = z.object({
  healthId: z.string(),
  access: accessSummary,
  consents: z.array(consentView),
  emergency: z.object({ id: z.string(), startedAt: z.string(), expiresAt: z.string() }).nullable(),
});

export const chart = z.object({
  patient: z.object({ healthId: z.string(), name: z.string().nullable(), birthDate: z.string().nullable(), gender: z.string().nullable() }),
  access: accessSummary,
  summary: z.object({
    allergies: z.array(recordVersion),
    problems: z.array(recordVersion),
    medications: z.array(recordVersion),
    vitals: z.array(recordVersion),
    results: z.array(recordVersion),
  }),
  timeline: z.array(recordVersion),
});

export const emergencyBody = z
  .object({
    reason: z.string({ message: 'is required' }).trim().min(10, 'must say in at least 10 characters why this is an emergency').max(500),
    password: z.string({ message: 'is required' }).min(1, 'is required').max(1024),
    code: z.string().trim().regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app').optional(),
  })
  .strict();

export const emergencyView = z.object({ id: z.string(), startedAt: z.string(), expiresAt: z.string(), endedAt: z.string().nullable() });

export const icd10Query = z
  .object({ q: z.string().max(100).default(''), limit: z.coerce.number().int().min(1).max(50).default(20) })
  .strict();

export const reviewQuery = z.object({ status: z.enum(['pending', 'reviewed']).default('pending') }).strict();
export const reviewBody = z
  .object({
    outcome: z.enum(['justified', 'unjustified'], { message: 'must be justified or unjustified' }),
    note: z.string({ message: 'is required' }).trim().min(3, 'must be at least 3 characters').max(1000),
  })
  .strict();
export const emergencyReview = z.object({
  id: z.string(),
  healthId: z.string(),
  doctor: z.object({ id: z.string(), name: z.string(), practitionerId: z.string().nullable() }),
  reason: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  outcome: z.enum(['justified', 'unjustified']).nullable(),
  note: z.string().nullable(),
});
