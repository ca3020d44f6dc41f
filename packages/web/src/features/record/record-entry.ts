// Plain-language reading of a stored FHIR resource for the patient's timeline: which kind of entry
// it is, a title, the date it is about, who wrote it and whether the patient reported it themselves.
import { isObject } from '../../ui/json-shape.ts';
import type { RecordVersion } from './api.ts';

export type EntryKind =
  | 'encounter'
  | 'condition'
  | 'allergy'
  | 'medication'
  | 'observation'
  | 'immunization'
  | 'report'
  | 'document'
  | 'procedure'
  | 'other';

export const entryKinds: readonly { value: EntryKind; label: string }[] = [
  { value: 'encounter', label: 'Visit' },
  { value: 'condition', label: 'Condition' },
  { value: 'allergy', label: 'Allergy' },
  { value: 'medication', label: 'Medication' },
  { value: 'observation', label: 'Observation' },
  { value: 'immunization', label: 'Immunization' },
  { value: 'report', label: 'Report' },
  { value: 'document', label: 'Document' },
  { value: 'procedure', label: 'Procedure' },
  { value: 'other', label: 'Other' },
];

const kindByType: Record<string, EntryKind> = {
  Encounter: 'encounter',
  Condition: 'condition',
  AllergyIntolerance: 'allergy',
  MedicationRequest: 'medication',
  MedicationStatement: 'medication',
  Observation: 'observation',
  Immunization: 'immunization',
  DiagnosticReport: 'report',
  DocumentReference: 'document',
  Procedure: 'procedure',
};

export const kindOf = (resourceType: string): EntryKind => kindByType[resourceType] ?? 'other';

export function kindLabel(kind: EntryKind): string {
  return entryKinds.find((k) => k.value === kind)?.label ?? 'Other';
}

const provenanceSystem = 'https://medconnect.health/fhir/provenance';

export function isPatientReported(entry: RecordVersion): boolean {
  if (entry.source === 'patient-reported') return true;
  const meta = entry.resource['meta'];
  const tags = isObject(meta) && Array.isArray(meta['tag']) ? (meta['tag'] as unknown[]) : [];
  return tags.some((tag) => isObject(tag) && tag['system'] === provenanceSystem && tag['code'] === 'patient-reported');
}

function conceptText(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value['text'] === 'string' && value['text'].trim() !== '') return value['text'];
  const codings = Array.isArray(value['coding']) ? (value['coding'] as unknown[]) : [];
  for (const coding of codings) {
    if (isObject(coding) && typeof coding['display'] === 'string' && coding['display'] !== '') return coding['display'];
  }
  return undefined;
}

function firstConceptText(value: unknown): string | undefined {
  return Array.isArray(value) ? value.map(conceptText).find((t) => t !== undefined) : conceptText(value);
}

function quantityText(value: unknown): string | undefined {
  if (!isObject(value) || typeof value['value'] !== 'number') return undefined;
  const unit = typeof value['unit'] === 'string' ? value['unit'] : typeof value['code'] === 'string' ? value['code'] : '';
  return `${Number(value['value'].toFixed(2))}${unit ? ` ${unit}` : ''}`;
}

/** The value of an Observation (or of each of its components), as a person reads it. */
export function observationValue(resource: Record<string, unknown>): string | undefined {
  const direct = quantityText(resource['valueQuantity']) ?? conceptText(resource['valueCodeableConcept']);
  if (direct !== undefined) return direct;
  if (typeof resource['valueString'] === 'string') return resource['valueString'];
  const components = Array.isArray(resource['component']) ? (resource['component'] as unknown[]) : [];
  const parts = components.flatMap((c) => {
    if (!isObject(c)) return [];
    const value = quantityText(c['valueQuantity']);
    return value === undefined ? [] : [value];
  });
  return parts.length > 0 ? parts.join(' / ') : undefined;
}

const typeNames: Record<string, string> = {
  Encounter: 'Visit',
  Condition: 'Condition',
  AllergyIntolerance: 'Allergy',
  MedicationRequest: 'Prescription',
  MedicationStatement: 'Medication',
  Observation: 'Observation',
  Immunization: 'Immunization',
  DiagnosticReport: 'Report',
  DocumentReference: 'Document',
  Procedure: 'Procedure',
  FamilyMemberHistory: 'Family history',
  Patient: 'Personal details',
};

/** A short title: the coded concept's text or display, else what kind of entry it is. */
export function entryTitle(entry: RecordVersion): string {
  const r = entry.resource;
  const family = Array.isArray(r['condition']) ? firstConceptText((r['condition'] as unknown[]).map((c) => (isObject(c) ? c['code'] : undefined))) : undefined;
  const text =
    conceptText(r['code']) ??
    conceptText(r['medicationCodeableConcept']) ??
    conceptText(r['vaccineCode']) ??
    firstConceptText(r['type']) ??
    family ??
    (typeof r['description'] === 'string' ? r['description'] : undefined) ??
    (typeof r['name'] === 'string' ? r['name'] : undefined);
  const base = text ?? typeNames[entry.resourceType] ?? entry.resourceType;
  return entry.resourceType === 'FamilyMemberHistory' && text !== undefined ? `Family history: ${text}` : base;
}

function periodStart(value: unknown): string | undefined {
  return isObject(value) && typeof value['start'] === 'string' ? value['start'] : undefined;
}

/** The date the entry is about (when it happened), if the resource says; otherwise when it was recorded. */
export function clinicalDate(entry: RecordVersion): string {
  const r = entry.resource;
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
    periodStart(r['billablePeriod']),
    r['created'],
  ];
  const found = candidates.find((c): c is string => typeof c === 'string' && !Number.isNaN(Date.parse(c)));
  return found ?? entry.recordedAt;
}

/** "You", "Imported", the author's name when the server names them, or their id shortened. */
export function authorLabel(entry: RecordVersion, currentUserId: string | undefined): string {
  if (currentUserId !== undefined && entry.authorId === currentUserId) return 'You';
  if (/^(demo:|synthea|import)/i.test(entry.source) || entry.authorId.startsWith('system:import')) return 'Imported';
  if (entry.author) return entry.author.name;
  return entry.authorId.length > 12 ? `${entry.authorId.slice(0, 8)}…` : entry.authorId;
}

export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Date-only values (2019-04-01) are calendar days, not midnight UTC.
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return date.toLocaleDateString(undefined, { dateStyle: 'medium', ...(dateOnly ? { timeZone: 'UTC' } : {}) });
}

export interface TimelineFilter {
  kind: EntryKind | null;
  /** Inclusive calendar days, YYYY-MM-DD, or '' for open. */
  from: string;
  to: string;
}

export function filterTimeline(entries: readonly RecordVersion[], filter: TimelineFilter): RecordVersion[] {
  return entries
    .filter((entry) => filter.kind === null || kindOf(entry.resourceType) === filter.kind)
    .filter((entry) => {
      const day = clinicalDate(entry).slice(0, 10);
      return (filter.from === '' || day >= filter.from) && (filter.to === '' || day <= filter.to);
    })
    .sort((a, b) => Date.parse(clinicalDate(b)) - Date.parse(clinicalDate(a)) || b.recordedAt.localeCompare(a.recordedAt));
}
