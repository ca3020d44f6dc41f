// What a correction changed: the fields of two versions of an entry that differ, as paths a person can
// read ("Clinical status › coding › code") with the old and the new value. `meta` is bookkeeping (version,
// timestamps) and the correction reason is shown on its own, so neither counts as a change.
import { isObject } from '../../ui/json-shape.ts';

export const correctionReasonUrl = 'https://medconnect.health/fhir/correction-reason';

export interface FieldChange {
  path: string;
  before: string;
  after: string;
}

const ignoredKeys = new Set(['meta', 'id']);
export const absent = '—';

/** "valueQuantity" → "value quantity". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function label(segments: readonly string[]): string {
  const path = segments.join(' › ');
  return path.charAt(0).toUpperCase() + path.slice(1);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return absent;
  if (typeof value === 'string') return value === '' ? absent : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The correction reason is not content: it is shown as the reason. */
function withoutReason(resource: Record<string, unknown>): Record<string, unknown> {
  const extension = resource['extension'];
  if (!Array.isArray(extension)) return resource;
  const kept = extension.filter((e) => !(isObject(e) && e['url'] === correctionReasonUrl));
  const rest = Object.fromEntries(Object.entries(resource).filter(([key]) => key !== 'extension'));
  return kept.length > 0 ? { ...rest, extension: kept } : rest;
}

function walk(before: unknown, after: unknown, segments: string[], out: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) walk(before[key], after[key], [...segments, words(key)], out);
    return;
  }
  if (Array.isArray(before) || Array.isArray(after)) {
    const a = Array.isArray(before) ? before : [];
    const b = Array.isArray(after) ? after : [];
    const length = Math.max(a.length, b.length);
    // One-element lists (the usual FHIR case) need no position in the path.
    for (let i = 0; i < length; i += 1) walk(a[i], b[i], length > 1 ? [...segments, String(i + 1)] : segments, out);
    return;
  }
  if (isObject(before) || isObject(after)) {
    // A whole group added or removed: each of its fields against nothing.
    walk(isObject(before) ? before : {}, isObject(after) ? after : {}, segments, out);
    if (!isObject(before) && before !== undefined) out.push({ path: label(segments), before: show(before), after: absent });
    if (!isObject(after) && after !== undefined) out.push({ path: label(segments), before: absent, after: show(after) });
    return;
  }
  if (show(before) !== show(after)) out.push({ path: label(segments), before: show(before), after: show(after) });
}

/** The fields that differ between two versions of an entry, in the order they appear. */
export function versionChanges(previous: Record<string, unknown>, next: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  const strip = (r: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(withoutReason(r)).filter(([key]) => !ignoredKeys.has(key)));
  walk(strip(previous), strip(next), [], out);
  return out;
}

/** The reason a version gives for itself, if it is a correction. */
export function correctionReason(resource: Record<string, unknown>): string | undefined {
  const extension = Array.isArray(resource['extension']) ? (resource['extension'] as unknown[]) : [];
  const found = extension.find((e) => isObject(e) && e['url'] === correctionReasonUrl);
  return isObject(found) && typeof found['valueString'] === 'string' ? found['valueString'] : undefined;
}
