// The doctor's one-screen summary of what a grant lets them see: allergies first, then active
// problems, current medications, and the latest vital signs and results. Built from the entries the
// repository returned (already limited to the grant's scope), so it can never show more.
import type { StoredVersion } from '../../repository/clinical-store.ts';

type Coded = { coding?: { code?: string; system?: string }[]; text?: string };

const codes = (c: unknown) => ((c as Coded | undefined)?.coding ?? []).map((x) => x.code);
const statusOf = (r: Record<string, unknown>, field: string) => codes(r[field])[0];
const categories = (r: Record<string, unknown>) =>
  (Array.isArray(r.category) ? (r.category as unknown[]) : [r.category]).flatMap((c) => codes(c));

const endedAllergy = new Set(['inactive', 'resolved']);
const endedProblem = new Set(['inactive', 'resolved', 'remission']);
const currentMedication = new Set(['active', 'intended', 'on-hold']);

const isAllergy = (v: StoredVersion) => v.resourceType === 'AllergyIntolerance' && !endedAllergy.has(statusOf(v.resource, 'clinicalStatus') ?? '');
const isProblem = (v: StoredVersion) => v.resourceType === 'Condition' && !endedProblem.has(statusOf(v.resource, 'clinicalStatus') ?? '');
const isMedication = (v: StoredVersion) =>
  (v.resourceType === 'MedicationStatement' || v.resourceType === 'MedicationRequest') &&
  currentMedication.has(typeof v.resource.status === 'string' ? v.resource.status : 'active');
const isVital = (v: StoredVersion) => v.resourceType === 'Observation' && categories(v.resource).includes('vital-signs');
const isResult = (v: StoredVersion) =>
  v.resourceType === 'DiagnosticReport' || (v.resourceType === 'Observation' && categories(v.resource).includes('laboratory'));

/** When an entry happened, for ordering: its clinical date when it has one, else when it was recorded. */
function when(v: StoredVersion): number {
  const r = v.resource;
  const dates: unknown[] = [r.effectiveDateTime, r.issued, r.recordedDate, r.onsetDateTime, r.authoredOn, r.dateAsserted, (r.period as { start?: unknown } | undefined)?.start, r.occurrenceDateTime];
  const candidate = dates.find((d): d is string => typeof d === 'string');
  const t = candidate ? Date.parse(candidate) : NaN;
  return Number.isNaN(t) ? v.recordedAt.getTime() : t;
}

export const newestFirst = (versions: StoredVersion[]) => [...versions].sort((a, b) => when(b) - when(a));

export type PatientDemographics = { name: string | null; birthDate: string | null; gender: string | null };

export function demographics(versions: StoredVersion[]): PatientDemographics {
  const patient = versions.find((v) => v.resourceType === 'Patient')?.resource;
  const name = (patient?.name as { given?: string[]; family?: string; text?: string }[] | undefined)?.[0];
  const display = name ? (name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ')) : null;
  return {
    name: display || null,
    birthDate: typeof patient?.birthDate === 'string' ? patient.birthDate : null,
    gender: typeof patient?.gender === 'string' ? patient.gender : null,
  };
}

export function chartSummary(versions: StoredVersion[]) {
  const sorted = newestFirst(versions);
  return {
    allergies: sorted.filter(isAllergy),
    problems: sorted.filter(isProblem),
    medications: sorted.filter(isMedication),
    vitals: sorted.filter(isVital).slice(0, 12),
    results: sorted.filter(isResult).slice(0, 12),
  };
}
