// Imports a FHIR R4 transaction (or batch/collection) bundle, such as a Synthea patient, into one
// patient's record: each entry gets a MedConnect id and `urn:uuid:` references are rewritten to
// `ResourceType/id` before the resources are stored through the clinical store. The same code serves
// system imports (the demo seeder) and a patient uploading their history from another system.
import { randomUUID } from 'node:crypto';
import { Invalid } from '@medconnect/core';
import type { Actor } from '../../repository/actor.ts';
import type { ClinicalStore, FhirResource, NewResource } from '../../repository/clinical-store.ts';
import { referencesIn, rewriteReferences } from './fhir-references.ts';
import { provenanceSystem } from './patient-history.ts';

export type FhirBundle = {
  resourceType: 'Bundle';
  id?: string;
  type: string;
  identifier?: { system?: string; value?: string };
  entry?: { fullUrl?: string; resource?: FhirResource }[];
};

const importableTypes = new Set(['transaction', 'batch', 'collection', 'searchset', 'document']);
/** What a patient may upload: the bundle types other systems export a person's history in. */
export const patientImportTypes: ReadonlySet<string> = new Set(['transaction', 'batch', 'collection']);

const resourceTypePattern = /^[A-Z][A-Za-z]{1,63}$/;

export function parseBundle(value: unknown, types: ReadonlySet<string> = importableTypes): FhirBundle {
  const bundle = value as Partial<FhirBundle> | null;
  if (!bundle || typeof bundle !== 'object' || Array.isArray(bundle) || bundle.resourceType !== 'Bundle') {
    throw new Invalid('Expected a FHIR Bundle (resourceType "Bundle")');
  }
  if (typeof bundle.type !== 'string' || !types.has(bundle.type)) {
    throw new Invalid(
      `Bundle type "${String(bundle.type)}" cannot be imported (expected ${[...types].join(', ')})`,
    );
  }
  const entries = bundle.entry ?? [];
  if (!Array.isArray(entries) || entries.length === 0) throw new Invalid('The bundle has no entries');
  entries.forEach((entry, i) => {
    if (
      !entry?.resource ||
      typeof entry.resource !== 'object' ||
      typeof entry.resource.resourceType !== 'string'
    ) {
      throw new Invalid(`Bundle entry ${i} has no resource`);
    }
    if (!resourceTypePattern.test(entry.resource.resourceType)) {
      throw new Invalid(`Bundle entry ${i} has an invalid resourceType`);
    }
  });
  return bundle as FhirBundle;
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

/** Marks what a patient brought from another system: provided by the patient, not written here. */
export const patientProvidedTag = {
  system: provenanceSystem,
  code: 'patient-provided',
  display: 'Provided by the patient (imported from another system)',
};
/** Groups the entries of one upload: the bundle's identifier, else its id, else a fresh one. */
export const importBundleSystem = 'https://medconnect.health/fhir/import-bundle';
export const patientImportSource = 'patient-import';

export type PatientImportResult = {
  total: number;
  byType: Record<string, number>;
  skipped: Record<string, number>;
  bundle: string;
};

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** How the stored entries name the upload they came from (a FHIR code: no runs of whitespace). */
function bundleReference(bundle: FhirBundle): string {
  const found = text(bundle.identifier?.value) ?? text(bundle.id) ?? `urn:uuid:${randomUUID()}`;
  return found.replace(/\s+/g, '_').slice(0, 256);
}

const countBy = (types: string[]) =>
  types.reduce<Record<string, number>>(
    (counts, type) => ({ ...counts, [type]: (counts[type] ?? 0) + 1 }),
    {},
  );

/**
 * A patient's own upload, checked before anything is stored (all or nothing):
 * - only transaction, batch and collection bundles;
 * - at most one Patient resource. It is not stored: the importing patient's identity and demographics
 *   are already on the platform, and a file from elsewhere must not add a second person to the record
 *   or overwrite who they are. Every reference to it points to the importing patient instead;
 * - no reference to any other patient (a bundle holding someone else's entries is refused).
 * Every stored resource keeps its original `meta.source` and gets two tags: patient-provided, and the
 * bundle it came from.
 */
export async function importPatientBundle(
  store: ClinicalStore,
  actor: Actor,
  patientId: string,
  value: unknown,
): Promise<PatientImportResult> {
  const bundle = parseBundle(value, patientImportTypes);
  const entries = bundle.entry!.map((entry) => ({ entry, resource: entry.resource!, id: randomUUID() }));
  const patients = entries.filter((e) => e.resource.resourceType === 'Patient');
  if (patients.length > 1) {
    throw new Invalid(
      `The bundle holds ${patients.length} Patient resources; import one person's record at a time`,
    );
  }
  const self = `Patient/${patientId}`;
  const ids = new Map<string, string>();
  for (const { entry, resource, id } of entries) {
    const target = resource.resourceType === 'Patient' ? self : `${resource.resourceType}/${id}`;
    if (entry.fullUrl) ids.set(entry.fullUrl, target);
    if (resource.id) ids.set(`${resource.resourceType}/${resource.id}`, target);
  }
  const bundleTag = { system: importBundleSystem, code: bundleReference(bundle) };
  const items: NewResource[] = [];
  entries.forEach(({ resource, id }, i) => {
    if (resource.resourceType === 'Patient') return;
    const rewritten = rewriteReferences({ ...resource, id }, ids) as FhirResource;
    const otherPatient = referencesIn(rewritten).find((ref) => /(^|\/)Patient[/?]/.test(ref) && ref !== self);
    if (otherPatient !== undefined) {
      throw new Invalid(
        `Bundle entry ${i} refers to a patient outside this bundle; only your own record can be imported`,
      );
    }
    const meta: Record<string, unknown> =
      resource.meta && typeof resource.meta === 'object' && !Array.isArray(resource.meta)
        ? resource.meta
        : {};
    const tags = Array.isArray(meta['tag']) ? (meta['tag'] as unknown[]) : [];
    rewritten.meta = { ...meta, tag: [...tags, patientProvidedTag, bundleTag] };
    items.push({ id, source: patientImportSource, resource: rewritten });
  });
  if (items.length === 0)
    throw new Invalid('The bundle holds nothing to import besides the Patient resource');
  const written = await store.create(actor, patientId, items, 'import');
  return {
    total: written.length,
    byType: countBy(written.map((w) => w.resourceType)),
    skipped: countBy(patients.map(() => 'Patient')),
    bundle: bundleTag.code,
  };
}
