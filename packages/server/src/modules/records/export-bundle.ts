// The patient's whole record as a FHIR R4 `collection` Bundle, for taking it to another system. Each
// entry is the latest version of one record entry, with `fullUrl` `urn:uuid:<id>`, and every reference
// to another entry of the record is written as that entry's fullUrl, so the bundle resolves on its own.
// Entries written on the platform refer to the patient as `Patient/<patient id>`; those references lead
// to the record's Patient resource when it holds one, and otherwise to a Patient entry made here from
// the Health ID and the account's name, so the subject of every entry is in the bundle.
import { randomUUID } from 'node:crypto';
import type { FhirResource, StoredVersion } from '../../repository/clinical-store.ts';
import { rewriteReferences } from './fhir-references.ts';

export const healthIdSystem = 'https://medconnect.health/fhir/health-id';
export const exportSystem = 'https://medconnect.health/fhir/export';

export type ExportSubject = { patientId: string; healthId: string; name: string };

export type FhirExportBundle = {
  resourceType: 'Bundle';
  id: string;
  meta: { lastUpdated: string };
  identifier: { system: string; value: string };
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: FhirResource }[];
};

const urn = (id: string) => `urn:uuid:${id}`;

/** The Patient entry an export stands on when the record holds no Patient resource of its own. */
function subjectResource(subject: ExportSubject, now: Date): FhirResource {
  return {
    resourceType: 'Patient',
    id: subject.patientId,
    meta: { lastUpdated: now.toISOString() },
    identifier: [{ system: healthIdSystem, value: subject.healthId }],
    ...(subject.name.trim() ? { name: [{ text: subject.name.trim() }] } : {}),
  };
}

export function exportBundle(
  record: readonly StoredVersion[],
  subject: ExportSubject,
  now = new Date(),
): FhirExportBundle {
  const resources = record.map((version) => version.resource);
  const ownPatient = resources.find((r) => r.resourceType === 'Patient');
  const all = ownPatient ? resources : [subjectResource(subject, now), ...resources];
  const targets = new Map<string, string>();
  for (const resource of all)
    if (resource.id) targets.set(`${resource.resourceType}/${resource.id}`, urn(resource.id));
  if (ownPatient?.id) targets.set(`Patient/${subject.patientId}`, urn(ownPatient.id));
  const id = randomUUID();
  return {
    resourceType: 'Bundle',
    id,
    meta: { lastUpdated: now.toISOString() },
    identifier: { system: exportSystem, value: urn(id) },
    type: 'collection',
    timestamp: now.toISOString(),
    entry: all.map((resource) => ({
      fullUrl: urn(resource.id ?? randomUUID()),
      resource: rewriteReferences(resource, targets) as FhirResource,
    })),
  };
}
