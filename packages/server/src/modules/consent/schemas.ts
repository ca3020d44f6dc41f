// What the consent routes accept and answer. Purposes are a fixed list (free text could carry health
// data into the audit trail and onto the ledger's purpose hash); scopes are kinds of entries.
import { z } from 'zod';
import { scopeKindNames, type ScopeKind } from '../../repository/access-policy.ts';

export const purposes = ['treatment', 'consultation', 'follow-up', 'second-opinion', 'referral', 'emergency-care'] as const;
export const durations = ['visit', 'days', 'until-revoked'] as const;
export const consentStates = ['requested', 'active', 'declined', 'cancelled', 'revoked', 'expired', 'lapsed'] as const;
export type ConsentState = (typeof consentStates)[number];

const scopeLabels: Record<ScopeKind | 'all', string> = {
  all: 'the whole record',
  allergies: 'allergies',
  medications: 'medications',
  diagnoses: 'diagnoses',
  'vitals-and-results': 'vital signs and results',
  reports: 'reports and documents',
  immunizations: 'immunizations',
  visits: 'visits',
};

export const describeScope = (scope: readonly string[]): string =>
  scope.map((kind) => scopeLabels[kind as ScopeKind] ?? kind).join(', ');

export function describeDuration(duration: (typeof durations)[number], days: number | null): string {
  if (duration === 'visit') return 'this visit (12 hours)';
  if (duration === 'days') return `${days ?? 1} ${days === 1 ? 'day' : 'days'}`;
  return 'until you revoke it';
}

const scope = z
  .array(z.enum(['all', ...scopeKindNames] as [string, ...string[]]), { message: 'must be a list of kinds of entries' })
  .min(1, 'must name at least one kind of entry')
  .max(scopeKindNames.length + 1)
  .transform((kinds) => (kinds.includes('all') ? ['all'] : [...new Set(kinds)].sort()));

export const accessRequestBody = z
  .object({
    healthId: z.string({ message: 'is required' }).min(1, 'is required').max(32),
    purpose: z.enum(purposes, { message: `must be one of ${purposes.join(', ')}` }),
    scope,
    duration: z.enum(durations, { message: `must be one of ${durations.join(', ')}` }),
    days: z.number().int().min(1, 'must be at least 1').max(365, 'must be at most 365').optional(),
  })
  .strict()
  .refine((b) => b.duration !== 'days' || b.days !== undefined, { message: 'is required when duration is days', path: ['days'] });
export type AccessRequestInput = z.infer<typeof accessRequestBody>;

export const consentParams = z.object({ id: z.uuid({ message: 'must be a request id (UUID)' }) }).strict();
export const otpBody = z
  .object({ code: z.string({ message: 'is required' }).trim().regex(/^\d{3}[\s-]?\d{3}$/, 'must be the 6-digit code') })
  .strict();

const chainStep = z.object({ status: z.enum(['pending', 'recorded', 'failed']), transactionHash: z.string().nullable() }).nullable();

export const consentView = z.object({
  id: z.string(),
  state: z.enum(consentStates),
  purpose: z.string(),
  scope: z.array(z.string()),
  duration: z.enum(durations),
  days: z.number().int().nullable(),
  requestedAt: z.string(),
  requestExpiresAt: z.string(),
  grantedAt: z.string().nullable(),
  grantedVia: z.enum(['otp', 'app']).nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  otpExpiresAt: z.string().nullable(),
  patient: z.object({ healthId: z.string() }),
  grantee: z.object({
    id: z.string(),
    name: z.string(),
    practitionerId: z.string().nullable(),
    verified: z.boolean(),
    specialization: z.string().nullable(),
    organisation: z.string().nullable(),
  }),
  onChain: z.object({ grantId: z.string().nullable(), grant: chainStep, revoke: chainStep }),
});
export type ConsentView = z.infer<typeof consentView>;
