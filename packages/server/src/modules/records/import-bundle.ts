// Imports a FHIR R4 transaction (or batch/collection) bundle, such as a Synthea patient, into one
// patient's record: each entry gets a MedConnect id and `urn:uuid:` references are rewritten to
// `ResourceType/id` before the resources are stored through the clinical store.
import { randomUUID } from 'node:crypto';
import { Invalid } from '@medconnect/core';
import type { Actor } from '../../repository/actor.ts';
import type { ClinicalStore, FhirResource } from '../../repository/clinical-store.ts';

export type FhirBundle = {
  resourceType: 'Bundle';
  type: string;
  entry?: { fullUrl?: string; resource?: FhirResource }[];
};

const importableTypes = new Set(['transaction', 'batch', 'collection', 'searchset', 'document']);

export function parseBundle(value: unknown): FhirBundle {
  const bundle = value as Partial<FhirBundle> | null;
  if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
    throw new Invalid('Expected a FHIR Bundle (resourceType "Bundle")');
  }
  if (typeof bundle.type !== 'string' || !importableTypes.has(bundle.type)) {
    throw new Invalid(`Bundle type "${String(bundle.type)}" cannot be imported`);
  }
  const entries = bundle.entry ?? [];
  if (!Array.isArray(entries) || entries.length === 0) throw new Invalid('The bundle has no entries');
  entries.forEach((entry, i) => {
    if (!entry?.resource || typeof entry.resource.resourceType !== 'string') {
      throw new Invalid(`Bundle entry ${i} has no resource`);
    }
  });
  return bundle as FhirBundle;
}

/** Replaces every `reference` found in the map, anywhere in the resource. */
function rewriteReferences(value: unknown, ids: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteReferences(item, ids));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = key === 'reference' && typeof item === 'string' && ids.has(item) ? ids.get(item) : rewriteReferences(item, ids);
    }
    return out;
  }
  return value;
}

export async function importBundle(
  store: ClinicalStore,
  actor: Actor,
  patientId: string,
  value: unknown,
  source: string,
) {
  const bundle = parseBundle(value);
  const entries = bundle.entry!.map((entry) => ({ entry, id: randomUUID() }));
  const ids = new Map<string, string>();
  for (const { entry, id } of entries) {
    const target = `${entry.resource!.resourceType}/${id}`;
    if (entry.fullUrl) ids.set(entry.fullUrl, target);
    if (entry.resource!.id) ids.set(`${entry.resource!.resourceType}/${entry.resource!.id}`, target);
  }
  const items = entries.map(({ entry, id }) => ({
    id,
    source,
    resource: rewriteReferences({ ...entry.resource, id }, ids) as FhirResource,
  }));
  return store.create(actor, patientId, items, 'import');
}
