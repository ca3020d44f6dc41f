// What the printable summary of a record says: the entries that matter when someone reads it at a
// glance (allergies, active problems, current medications, immunizations, recent results, visits,
// family history), each as one line with its date, what it is and who recorded it, newest first.
import type { FhirResource, StoredVersion } from '../../repository/clinical-store.ts';
import { patientProvidedTag, patientImportSource } from './import-bundle.ts';
import { patientReportedTag } from './patient-history.ts';

export type SummaryLine = { date: string | undefined; text: string; by: string };
export type SummarySection = { title: string; lines: SummaryLine[]; omitted: number; empty: string };

/** Lines kept for the long-running sections; the rest is in the FHIR download. */
export const recentLimit = 100;

type R = Record<string, unknown>;
const isObject = (value: unknown): value is R =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const first = (value: unknown) => (Array.isArray(value) ? (value as unknown[])[0] : value);

function conceptText(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const text = str(value['text']);
  if (text) return text;
  const codings = Array.isArray(value['coding']) ? (value['coding'] as unknown[]) : [];
  for (const coding of codings) if (isObject(coding) && str(coding['display'])) return str(coding['display']);
  return undefined;
}

const codeOf = (value: unknown) => {
  const codings = isObject(value) && Array.isArray(value['coding']) ? (value['coding'] as unknown[]) : [];
  const coding = codings.find(isObject);
  return coding ? str(coding['code']) : undefined;
};

function quantityText(value: unknown): string | undefined {
  if (!isObject(value) || typeof value['value'] !== 'number') return undefined;
  const unit = str(value['unit']) ?? str(value['code']);
  return `${Number(value['value'].toFixed(2))}${unit ? ` ${unit}` : ''}`;
}

function observationValue(r: R): string | undefined {
  const direct =
    quantityText(r['valueQuantity']) ?? conceptText(r['valueCodeableConcept']) ?? str(r['valueString']);
  if (direct !== undefined) return direct;
  const parts = (Array.isArray(r['component']) ? (r['component'] as unknown[]) : []).flatMap((c) => {
    const value = isObject(c) ? quantityText(c['valueQuantity']) : undefined;
    return value === undefined ? [] : [value];
  });
  return parts.length > 0 ? parts.join(' / ') : undefined;
}

const periodStart = (value: unknown) => (isObject(value) ? str(value['start']) : undefined);

/** When the entry is about, as the resource says (not when it was stored). */
function clinicalDate(r: R): string | undefined {
  const candidates = [
    r['effectiveDateTime'],
    periodStart(r['effectivePeriod']),
    r['onsetDateTime'],
    r['occurrenceDateTime'],
    r['performedDateTime'],
    periodStart(r['performedPeriod']),
    periodStart(r['period']),
    r['authoredOn'],
    r['recordedDate'],
    r['issued'],
    r['date'],
  ];
  return candidates.map(str).find((c) => c !== undefined && !Number.isNaN(Date.parse(c)));
}

function hasTag(resource: FhirResource, code: string): boolean {
  const tags =
    isObject(resource.meta) && Array.isArray(resource.meta['tag']) ? (resource.meta['tag'] as unknown[]) : [];
  return tags.some((t) => isObject(t) && t['system'] === patientReportedTag.system && t['code'] === code);
}

/** The clinician a resource names (recorder, requester, performer or visit participant), if any. */
function namedClinician(r: R): string | undefined {
  const display = (value: unknown) => (isObject(value) ? str(value['display']) : undefined);
  const performer = first(r['performer']);
  const participant = first(r['participant']);
  return (
    display(r['recorder']) ??
    display(r['requester']) ??
    display(isObject(performer) && 'actor' in performer ? performer['actor'] : performer) ??
    display(isObject(participant) ? participant['individual'] : undefined)
  );
}

/** Who put the entry in the record, as a reader of the summary needs to know it. */
export function recordedBy(version: StoredVersion, authors: ReadonlyMap<string, string>): string {
  const { resource, source, authorId } = version;
  if (source === 'patient-reported' || hasTag(resource, patientReportedTag.code)) return 'patient-reported';
  const clinician = namedClinician(resource);
  const named = clinician ? ` (${clinician})` : '';
  if (source === patientImportSource || hasTag(resource, patientProvidedTag.code)) {
    const origin = isObject(resource.meta) ? str(resource.meta['source']) : undefined;
    return `imported by the patient${origin ? ` from ${origin}` : ''}${named}`;
  }
  if (authorId.startsWith('system:')) return `imported from ${source}${named}`;
  return authors.get(authorId) ?? clinician ?? 'a clinician';
}

const newestFirst = (a: SummaryLine, b: SummaryLine) => (b.date ?? '').localeCompare(a.date ?? '');

const status = (r: R) => str(r['status']);
const notErroneous = (r: R) =>
  status(r) !== 'entered-in-error' &&
  !['entered-in-error', 'refuted'].includes(codeOf(r['verificationStatus']) ?? '');

type Rule = {
  title: string;
  empty: string;
  types: string[];
  keep: (r: R) => boolean;
  text: (r: R) => string | undefined;
  limit?: number;
};

const join = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined).join(' · ');

const rules: Rule[] = [
  {
    title: 'Allergies and intolerances',
    empty: 'No allergies recorded.',
    types: ['AllergyIntolerance'],
    keep: (r) => notErroneous(r) && codeOf(r['clinicalStatus']) !== 'resolved',
    text: (r) => {
      const reaction = first(r['reaction']);
      const manifestation = isObject(reaction) ? conceptText(first(reaction['manifestation'])) : undefined;
      return join(
        conceptText(r['code']),
        manifestation && `reaction: ${manifestation}`,
        str(r['criticality']) && `criticality: ${str(r['criticality'])}`,
      );
    },
  },
  {
    title: 'Active problems',
    empty: 'No active problems recorded.',
    types: ['Condition'],
    keep: (r) =>
      notErroneous(r) &&
      ['active', 'recurrence', 'relapse', undefined].includes(codeOf(r['clinicalStatus'])) &&
      !Object.keys(r).some((k) => k.startsWith('abatement')),
    text: (r) => conceptText(r['code']),
  },
  {
    title: 'Current medications',
    empty: 'No current medications recorded.',
    types: ['MedicationRequest', 'MedicationStatement'],
    keep: (r) => ['active', 'intended', 'on-hold'].includes(status(r) ?? ''),
    text: (r) => {
      const dosage = first(r['dosageInstruction'] ?? r['dosage']);
      const reference = isObject(r['medicationReference'])
        ? str(r['medicationReference']['display'])
        : undefined;
      return join(
        conceptText(r['medicationCodeableConcept']) ?? reference,
        isObject(dosage) ? str(dosage['text']) : undefined,
      );
    },
  },
  {
    title: 'Immunizations',
    empty: 'No immunizations recorded.',
    types: ['Immunization'],
    keep: (r) => status(r) !== 'entered-in-error' && status(r) !== 'not-done',
    text: (r) => conceptText(r['vaccineCode']),
  },
  {
    title: 'Recent vital signs and results',
    empty: 'No vital signs or results recorded.',
    types: ['Observation'],
    keep: (r) => !['entered-in-error', 'cancelled'].includes(status(r) ?? ''),
    text: (r) => {
      const value = observationValue(r);
      const name = conceptText(r['code']);
      return name && value ? `${name}: ${value}` : (name ?? value);
    },
    limit: recentLimit,
  },
  {
    title: 'Visits',
    empty: 'No visits recorded.',
    types: ['Encounter'],
    keep: (r) => status(r) !== 'entered-in-error' && status(r) !== 'cancelled',
    text: (r) => {
      const reason = conceptText(first(r['reasonCode']));
      return join(
        conceptText(first(r['type'])) ?? conceptText(r['serviceType']) ?? 'Visit',
        reason && `reason: ${reason}`,
      );
    },
    limit: recentLimit,
  },
  {
    title: 'Family history',
    empty: 'No family history recorded.',
    types: ['FamilyMemberHistory'],
    keep: (r) => status(r) !== 'entered-in-error',
    text: (r) => {
      const condition = first(r['condition']);
      return join(
        conceptText(r['relationship']),
        isObject(condition) ? conceptText(condition['code']) : undefined,
      );
    },
  },
];

export function summarySections(
  record: readonly StoredVersion[],
  authors: ReadonlyMap<string, string>,
): SummarySection[] {
  return rules.map((rule) => {
    const lines = record
      .filter((v) => rule.types.includes(v.resourceType) && rule.keep(v.resource))
      .map((v) => ({
        date: clinicalDate(v.resource),
        text: rule.text(v.resource) ?? v.resourceType,
        by: recordedBy(v, authors),
      }))
      .sort(newestFirst);
    const limit = rule.limit ?? lines.length;
    return {
      title: rule.title,
      empty: rule.empty,
      lines: lines.slice(0, limit),
      omitted: Math.max(0, lines.length - limit),
    };
  });
}

/** The patient's name as their record's Patient resource gives it, if it does. */
export function recordName(record: readonly StoredVersion[]): string | undefined {
  const patient = record.find((v) => v.resourceType === 'Patient')?.resource;
  const names =
    patient && Array.isArray(patient['name']) ? (patient['name'] as unknown[]).filter(isObject) : [];
  const name = names.find((n) => n['use'] === 'official') ?? names[0];
  if (!name) return undefined;
  const given = Array.isArray(name['given']) ? (name['given'] as unknown[]).map(str) : [];
  const parts = [...given, str(name['family'])].filter((p) => p !== undefined);
  return str(name['text']) ?? (parts.length > 0 ? parts.join(' ') : undefined);
}
