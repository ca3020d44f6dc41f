// The common fields a correction form edits, read from an entry and written back into a copy of its
// resource: the name (the text of `code`), the clinical status of a condition or allergy, the value of
// a measured observation, and a note to add. Everything else in the resource is kept as it was.
import { isObject } from '../../ui/json-shape.ts';
import type { RecordVersion } from './api.ts';

export const clinicalStatuses = ['active', 'inactive', 'resolved'] as const;
export type ClinicalStatus = (typeof clinicalStatuses)[number];

const statusSystems: Record<string, string> = {
  Condition: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  AllergyIntolerance: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
};

export interface CorrectionDraft {
  name: string;
  /** '' when the entry has no clinical status (or its kind has none). */
  status: ClinicalStatus | '';
  /** '' when the entry has no measured value. */
  value: number | '';
  note: string;
  reason: string;
}

export const hasStatus = (entry: RecordVersion) => entry.resourceType in statusSystems;
export const hasValue = (entry: RecordVersion) =>
  entry.resourceType === 'Observation' && isObject(entry.resource['valueQuantity']);

function codeText(resource: Record<string, unknown>): string {
  const code = resource['code'];
  if (!isObject(code)) return '';
  if (typeof code['text'] === 'string') return code['text'];
  const codings = Array.isArray(code['coding']) ? (code['coding'] as unknown[]) : [];
  const display = codings.find((c) => isObject(c) && typeof c['display'] === 'string');
  return isObject(display) ? (display['display'] as string) : '';
}

function statusCode(resource: Record<string, unknown>): ClinicalStatus | '' {
  const status = resource['clinicalStatus'];
  const codings = isObject(status) && Array.isArray(status['coding']) ? (status['coding'] as unknown[]) : [];
  const code = codings.map((c) => (isObject(c) ? c['code'] : undefined)).find((c) => typeof c === 'string');
  return (clinicalStatuses as readonly unknown[]).includes(code) ? (code as ClinicalStatus) : '';
}

export function draftOf(entry: RecordVersion): CorrectionDraft {
  const quantity = entry.resource['valueQuantity'];
  return {
    name: codeText(entry.resource),
    status: hasStatus(entry) ? statusCode(entry.resource) : '',
    value: isObject(quantity) && typeof quantity['value'] === 'number' ? quantity['value'] : '',
    note: '',
    reason: '',
  };
}

/**
 * The resource as corrected. A new name replaces the whole `code` (its old coding named the old
 * thing); a note is added after the existing ones.
 */
export function correctedResource(entry: RecordVersion, draft: CorrectionDraft): Record<string, unknown> {
  const original = draftOf(entry);
  const next: Record<string, unknown> = { ...entry.resource };
  const name = draft.name.trim();
  if (name !== '' && name !== original.name.trim()) next['code'] = { text: name };
  if (hasStatus(entry) && draft.status !== '' && draft.status !== original.status) {
    next['clinicalStatus'] = { coding: [{ system: statusSystems[entry.resourceType], code: draft.status }] };
  }
  const quantity = entry.resource['valueQuantity'];
  if (hasValue(entry) && isObject(quantity) && draft.value !== '' && draft.value !== original.value) {
    next['valueQuantity'] = { ...quantity, value: draft.value };
  }
  const note = draft.note.trim();
  if (note !== '') {
    const notes = Array.isArray(entry.resource['note']) ? (entry.resource['note'] as unknown[]) : [];
    next['note'] = [...notes, { text: note, time: new Date().toISOString() }];
  }
  return next;
}

export function validateReason(value: string): string | null {
  const length = value.trim().length;
  if (length < 3) return 'Say why in a few words (at least 3 characters).';
  if (length > 500) return `Keep the reason to 500 characters (${length} now).`;
  return null;
}
