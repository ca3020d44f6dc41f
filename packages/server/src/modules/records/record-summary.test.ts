// The printable summary picks what a reader needs at a glance, newest first, and says who recorded each entry.
import { describe, expect, it } from 'vitest';
import type { FhirResource, StoredVersion } from '../../repository/clinical-store.ts';
import { patientProvidedTag } from './import-bundle.ts';
import { patientReportedTag } from './patient-history.ts';
import { recentLimit, recordedBy, recordName, summarySections } from './record-summary.ts';

let n = 0;
const version = (resource: FhirResource, over: Partial<StoredVersion> = {}): StoredVersion => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  version: 1,
  patientId: 'p',
  resourceType: resource.resourceType,
  authorId: 'system:importer',
  source: 'clinic-export',
  recordedAt: new Date('2024-01-01T00:00:00Z'),
  leaf: '0x',
  resource,
  ...over,
});
const active = { coding: [{ code: 'active' }] };
const section = (record: StoredVersion[], title: string) =>
  summarySections(record, new Map()).find((s) => s.title === title)!;

describe('record summary', () => {
  it('lists active problems only, newest first', () => {
    const record = [
      version({
        resourceType: 'Condition',
        clinicalStatus: active,
        code: { text: 'Asthma' },
        onsetDateTime: '2001-05-01',
      }),
      version({
        resourceType: 'Condition',
        clinicalStatus: active,
        code: { text: 'Hypertension' },
        onsetDateTime: '2019-03-01',
      }),
      version({
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ code: 'resolved' }] },
        code: { text: 'Sprain' },
      }),
      version({
        resourceType: 'Condition',
        clinicalStatus: active,
        code: { text: 'Flu' },
        abatementDateTime: '2020-01-01',
      }),
      version({ resourceType: 'Condition', code: { text: 'Reported migraine' } }),
    ];
    expect(section(record, 'Active problems').lines.map((l) => l.text)).toEqual([
      'Hypertension',
      'Asthma',
      'Reported migraine',
    ]);
  });

  it('keeps the most recent results and says how many older ones are left out', () => {
    const record = Array.from({ length: recentLimit + 5 }, (_, i) =>
      version({
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'Pulse' },
        valueQuantity: { value: 60 + i, unit: '/min' },
        effectiveDateTime: new Date(Date.UTC(2000, 0, 1 + i)).toISOString(),
      }),
    );
    const results = section(record, 'Recent vital signs and results');
    expect(results.lines).toHaveLength(recentLimit);
    expect(results.omitted).toBe(5);
    expect(results.lines[0]!.text).toBe(`Pulse: ${60 + recentLimit + 4} /min`);
  });

  it('says who recorded each entry: the patient, an import, or the clinician by name', () => {
    const reported = version(
      { resourceType: 'AllergyIntolerance', meta: { tag: [patientReportedTag] } },
      { source: 'patient-reported' },
    );
    const imported = version(
      {
        resourceType: 'Immunization',
        meta: { source: 'https://ehr.example.org', tag: [patientProvidedTag] },
      },
      { source: 'patient-import', authorId: 'user-1' },
    );
    const written = version({ resourceType: 'Encounter' }, { authorId: 'user-2', source: 'clinician' });
    const authors = new Map([['user-2', 'Dr. Grey']]);
    expect(recordedBy(reported, authors)).toBe('patient-reported');
    expect(recordedBy(imported, authors)).toBe('imported by the patient from https://ehr.example.org');
    expect(recordedBy(written, authors)).toBe('Dr. Grey');
    expect(
      recordedBy(version({ resourceType: 'Observation', performer: [{ display: 'Dr. Who' }] }), authors),
    ).toBe('imported from clinic-export (Dr. Who)');
  });

  it('reads the name from the record’s Patient resource', () => {
    const patient = version({
      resourceType: 'Patient',
      name: [
        { use: 'usual', given: ['Jo'] },
        { use: 'official', given: ['Joanna', 'May'], family: 'Smith' },
      ],
    });
    expect(recordName([patient])).toBe('Joanna May Smith');
    expect(recordName([])).toBeUndefined();
  });
});
