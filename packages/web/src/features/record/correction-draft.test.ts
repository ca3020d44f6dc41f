import { describe, expect, it } from 'vitest';
import type { RecordVersion } from './api.ts';
import { correctedResource, draftOf, validateReason } from './correction-draft.ts';
import { versionChanges } from './version-changes.ts';

const entry = (resource: Record<string, unknown>): RecordVersion => ({
  id: 'e1',
  version: 1,
  resourceType: resource['resourceType'] as string,
  authorId: 'u1',
  source: 'clinic',
  recordedAt: '2026-01-01T00:00:00Z',
  resource,
});

const asthma = entry({
  resourceType: 'Condition',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J45.909', display: 'Asthma' }] },
});

describe('correction drafts', () => {
  it('reads the common fields of an entry', () => {
    expect(draftOf(asthma)).toEqual({ name: 'Asthma', status: 'active', value: '', note: '', reason: '' });
  });

  it('changes only what was edited', () => {
    const unchanged = correctedResource(asthma, draftOf(asthma));
    expect(versionChanges(asthma.resource, unchanged)).toEqual([]);
    const resolved = correctedResource(asthma, { ...draftOf(asthma), status: 'resolved' });
    expect(versionChanges(asthma.resource, resolved)).toEqual([{ path: 'Clinical status › coding › code', before: 'active', after: 'resolved' }]);
    expect(resolved['code']).toEqual(asthma.resource['code']);
  });

  it('replaces the coding when the name changes, and adds a note', () => {
    const renamed = correctedResource(asthma, { ...draftOf(asthma), name: 'Chronic bronchitis', note: 'Spirometry normal' });
    expect(renamed['code']).toEqual({ text: 'Chronic bronchitis' });
    expect(renamed['note']).toEqual([expect.objectContaining({ text: 'Spirometry normal' })]);
  });

  it('corrects the value of a measured observation, keeping its unit', () => {
    const bp = entry({ resourceType: 'Observation', code: { text: 'Systolic' }, valueQuantity: { value: 182, unit: 'mmHg' } });
    expect(draftOf(bp).value).toBe(182);
    expect(correctedResource(bp, { ...draftOf(bp), value: 128 })['valueQuantity']).toEqual({ value: 128, unit: 'mmHg' });
  });

  it('asks for a reason of 3 to 500 characters', () => {
    expect(validateReason(' a ')).not.toBeNull();
    expect(validateReason('Typo in the name')).toBeNull();
    expect(validateReason('x'.repeat(501))).toMatch(/500/);
  });
});
