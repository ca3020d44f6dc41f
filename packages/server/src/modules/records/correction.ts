// A correction: a new version of an existing entry, with the reason for it kept inside the resource as
// a FHIR extension, so it is encrypted and anchored with the version it explains. The provenance of the
// entry (its meta tags, such as "patient-reported") is carried over from the version being corrected;
// whatever `id` or `meta` the caller sent is ignored.
import { z } from 'zod';
import type { FhirResource } from '../../repository/clinical-store.ts';

export const correctionReasonUrl = 'https://medconnect.health/fhir/correction-reason';

export const correctionBody = z
  .object({
    resource: z.looseObject({
      resourceType: z.string().regex(/^[A-Z][A-Za-z]{1,63}$/, 'must be a FHIR resource type'),
    }),
    expectedVersion: z.number().int().min(1, 'must be a version number'),
    reason: z.string().trim().min(3, 'must be at least 3 characters').max(500, 'must be at most 500 characters'),
  })
  .strict();
export type Correction = z.infer<typeof correctionBody>;

const without = (object: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));

/** The corrected resource as it will be stored: the previous provenance, the new content and the reason. */
export function correctedResource(previous: FhirResource, correction: Correction): FhirResource {
  const content = without(correction.resource, ['id', 'meta']);
  const provenance = without(previous.meta ?? {}, ['versionId', 'lastUpdated']);
  const others = Array.isArray(content['extension'])
    ? (content['extension'] as unknown[]).filter(
        (e) => !(typeof e === 'object' && e !== null && (e as { url?: unknown }).url === correctionReasonUrl),
      )
    : [];
  return {
    ...content,
    resourceType: correction.resource.resourceType,
    ...(Object.keys(provenance).length > 0 ? { meta: provenance } : {}),
    extension: [...others, { url: correctionReasonUrl, valueString: correction.reason }],
  };
}
