// A consent as the server describes it (docs/consent-api.md, ConsentView), shape-checked, with the
// words the pages use for its purpose, scope, duration and state. Doctor and patient pages share it.
import { isObject, isStringOrNull, isStringArray } from '../../ui/json-shape.ts';

export type ConsentState = 'requested' | 'active' | 'declined' | 'cancelled' | 'revoked' | 'expired' | 'lapsed';
export type Purpose = 'treatment' | 'consultation' | 'follow-up' | 'second-opinion' | 'referral' | 'emergency-care';
export type Duration = 'visit' | 'days' | 'until-revoked';
export type ScopeKind =
  | 'allergies'
  | 'medications'
  | 'diagnoses'
  | 'vitals-and-results'
  | 'reports'
  | 'immunizations'
  | 'visits';

export interface ChainStep {
  status: 'pending' | 'recorded' | 'failed';
  transactionHash: string | null;
}

export interface Grantee {
  id: string;
  name: string;
  practitionerId: string | null;
  verified: boolean;
  specialization: string | null;
  organisation: string | null;
}

export interface ConsentView {
  id: string;
  state: ConsentState;
  purpose: string;
  scope: string[];
  duration: Duration;
  days: number | null;
  requestedAt: string;
  requestExpiresAt: string;
  grantedAt: string | null;
  grantedVia: 'otp' | 'app' | null;
  expiresAt: string | null;
  revokedAt: string | null;
  otpExpiresAt: string | null;
  patient: { healthId: string };
  grantee: Grantee;
  onChain: { grantId: string | null; grant: ChainStep | null; revoke: ChainStep | null };
}

export const purposes: readonly { value: Purpose; label: string }[] = [
  { value: 'consultation', label: 'Consultation' },
  { value: 'treatment', label: 'Treatment' },
  { value: 'follow-up', label: 'Follow-up' },
  { value: 'second-opinion', label: 'Second opinion' },
  { value: 'referral', label: 'Referral' },
  { value: 'emergency-care', label: 'Emergency care' },
];

export const scopeKinds: readonly { value: ScopeKind; label: string }[] = [
  { value: 'allergies', label: 'Allergies' },
  { value: 'medications', label: 'Medications' },
  { value: 'diagnoses', label: 'Diagnoses' },
  { value: 'vitals-and-results', label: 'Vital signs and results' },
  { value: 'reports', label: 'Reports and documents' },
  { value: 'immunizations', label: 'Immunizations' },
  { value: 'visits', label: 'Visits' },
];

export const stateLabels: Record<ConsentState, { label: string; color: string }> = {
  requested: { label: 'Waiting for the patient', color: 'yellow' },
  active: { label: 'Active', color: 'green' },
  declined: { label: 'Declined', color: 'gray' },
  cancelled: { label: 'Withdrawn', color: 'gray' },
  revoked: { label: 'Revoked', color: 'red' },
  expired: { label: 'Expired', color: 'gray' },
  lapsed: { label: 'Lapsed', color: 'gray' },
};

export function purposeLabel(purpose: string): string {
  return purposes.find((p) => p.value === purpose)?.label ?? purpose;
}

/** "the whole record", or the kinds in words: "allergies, medications". */
export function scopeInWords(scope: readonly string[]): string {
  if (scope.includes('all')) return 'the whole record';
  return scope.map((kind) => scopeKinds.find((k) => k.value === kind)?.label.toLowerCase() ?? kind).join(', ');
}

export function durationInWords(consent: Pick<ConsentView, 'duration' | 'days'>): string {
  if (consent.duration === 'visit') return 'one visit (12 hours)';
  if (consent.duration === 'days') return `${consent.days ?? 1} ${consent.days === 1 ? 'day' : 'days'}`;
  return 'until revoked';
}

const states: readonly string[] = Object.keys(stateLabels);
const durations: readonly string[] = ['visit', 'days', 'until-revoked'];

function isChainStep(value: unknown): value is ChainStep | null {
  return (
    value === null ||
    (isObject(value) &&
      typeof value['status'] === 'string' &&
      ['pending', 'recorded', 'failed'].includes(value['status']) &&
      isStringOrNull(value['transactionHash']))
  );
}

function isGrantee(value: unknown): value is Grantee {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['name'] === 'string' &&
    isStringOrNull(value['practitionerId']) &&
    typeof value['verified'] === 'boolean' &&
    isStringOrNull(value['specialization'] ?? null) &&
    isStringOrNull(value['organisation'] ?? null)
  );
}

export function isConsentView(value: unknown): value is ConsentView {
  if (!isObject(value)) return false;
  const onChain = value['onChain'];
  const patient = value['patient'];
  return (
    typeof value['id'] === 'string' &&
    typeof value['state'] === 'string' &&
    states.includes(value['state']) &&
    typeof value['purpose'] === 'string' &&
    isStringArray(value['scope']) &&
    typeof value['duration'] === 'string' &&
    durations.includes(value['duration']) &&
    (value['days'] === null || typeof value['days'] === 'number') &&
    typeof value['requestedAt'] === 'string' &&
    (['grantedAt', 'expiresAt', 'revokedAt', 'otpExpiresAt'] as const).every((key) => isStringOrNull(value[key] ?? null)) &&
    isObject(patient) &&
    typeof patient['healthId'] === 'string' &&
    isGrantee(value['grantee']) &&
    isObject(onChain) &&
    isStringOrNull(onChain['grantId'] ?? null) &&
    isChainStep(onChain['grant'] ?? null) &&
    isChainStep(onChain['revoke'] ?? null)
  );
}

/** Fills the fields a terse answer may omit, so pages can rely on them. */
export function normaliseConsent(value: ConsentView): ConsentView {
  const raw = value as unknown as Record<string, unknown>;
  const onChain = value.onChain as unknown as Record<string, unknown>;
  return {
    ...value,
    requestExpiresAt: typeof raw['requestExpiresAt'] === 'string' ? raw['requestExpiresAt'] : value.requestedAt,
    grantedVia: value.grantedVia ?? null,
    grantedAt: value.grantedAt ?? null,
    expiresAt: value.expiresAt ?? null,
    revokedAt: value.revokedAt ?? null,
    otpExpiresAt: value.otpExpiresAt ?? null,
    grantee: { ...value.grantee, specialization: value.grantee.specialization ?? null, organisation: value.grantee.organisation ?? null },
    onChain: {
      grantId: (onChain['grantId'] as string | null | undefined) ?? null,
      grant: (onChain['grant'] as ChainStep | null | undefined) ?? null,
      revoke: (onChain['revoke'] as ChainStep | null | undefined) ?? null,
    },
  };
}

export function parseConsentList(body: unknown): ConsentView[] | null {
  const list = isObject(body) ? body['consents'] : undefined;
  if (!Array.isArray(list) || !list.every(isConsentView)) return null;
  return list.map(normaliseConsent);
}
