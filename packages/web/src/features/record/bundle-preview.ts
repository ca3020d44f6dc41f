// What a FHIR bundle file holds, read in the browser before anything is sent: whether it is a bundle
// MedConnect can import, how many entries it has and of which kinds. The server checks it again.
import { isObject } from '../../ui/json-shape.ts';

/** The most one import takes (the server's limit for this upload). */
export const maxImportBytes = 10 * 1024 * 1024;
const importableTypes = ['transaction', 'batch', 'collection'];

export type BundlePreview =
  | {
      ok: true;
      bundle: Record<string, unknown>;
      /** Entries that will be added (every entry but the bundle's own Patient). */
      entries: number;
      /** Entry counts per resource type, most first. */
      byType: [string, number][];
      /** The bundle carries the other system's Patient entry, which is not imported. */
      hasPatient: boolean;
    }
  | { ok: false; message: string };

export function previewBundle(text: string, size: number): BundlePreview {
  if (size > maxImportBytes)
    return { ok: false, message: 'This file is larger than 10 MB, the most one import takes.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: 'This file is not JSON. Choose the FHIR (JSON) export of your other health record.',
    };
  }
  if (!isObject(value) || value['resourceType'] !== 'Bundle') {
    return {
      ok: false,
      message: 'This file is not a FHIR Bundle. Choose the FHIR (JSON) export of your other health record.',
    };
  }
  const type = value['type'];
  if (typeof type !== 'string' || !importableTypes.includes(type)) {
    return {
      ok: false,
      message: `This bundle is of type "${String(type)}"; MedConnect imports transaction, batch and collection bundles.`,
    };
  }
  const entries = Array.isArray(value['entry']) ? (value['entry'] as unknown[]) : [];
  const types = entries.map((entry) =>
    isObject(entry) && isObject(entry['resource']) && typeof entry['resource']['resourceType'] === 'string'
      ? entry['resource']['resourceType']
      : undefined,
  );
  const missing = types.indexOf(undefined);
  if (missing !== -1) return { ok: false, message: `Entry ${missing + 1} of this bundle has no resource.` };
  const counts = new Map<string, number>();
  for (const t of types) if (t !== undefined && t !== 'Patient') counts.set(t, (counts.get(t) ?? 0) + 1);
  const added = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (added === 0) return { ok: false, message: 'This bundle holds no entries to import.' };
  return {
    ok: true,
    bundle: value,
    entries: added,
    byType: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    hasPatient: types.includes('Patient'),
  };
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
