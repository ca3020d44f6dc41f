import { describe, expect, it } from 'vitest';
import { correctionReason, correctionReasonUrl, versionChanges } from './version-changes.ts';

const asthma = {
  resourceType: 'Condition',
  id: 'c1',
  meta: { versionId: '1', lastUpdated: '2026-01-01T00:00:00Z' },
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  code: { text: 'Asthma' },
};

describe('versionChanges', () => {
  it('lists nothing for the same content, whatever meta and id say', () => {
    expect(versionChanges(asthma, { ...asthma, id: 'c2', meta: { versionId: '2' } })).toEqual([]);
  });

  it('names a changed field by a readable path, with old and new values', () => {
    const resolved = { ...asthma, clinicalStatus: { coding: [{ ...asthma.clinicalStatus.coding[0], code: 'resolved' }] } };
    expect(versionChanges(asthma, resolved)).toEqual([{ path: 'Clinical status › coding › code', before: 'active', after: 'resolved' }]);
  });

  it('shows added and removed fields against a dash', () => {
    const next = { ...asthma, code: undefined, note: [{ text: 'Better since spring' }] };
    expect(versionChanges(asthma, next)).toEqual([
      { path: 'Code › text', before: 'Asthma', after: '—' },
      { path: 'Note › text', before: '—', after: 'Better since spring' },
    ]);
  });

  it('numbers the items of longer lists and compares numbers', () => {
    const before = { resourceType: 'Observation', valueQuantity: { value: 128, unit: 'mmHg' }, note: [{ text: 'a' }] };
    const after = { ...before, valueQuantity: { value: 121, unit: 'mmHg' }, note: [{ text: 'a' }, { text: 'b' }] };
    expect(versionChanges(before, after)).toEqual([
      { path: 'Value quantity › value', before: '128', after: '121' },
      { path: 'Note › 2 › text', before: '—', after: 'b' },
    ]);
  });

  it('leaves the correction reason out of the changes and reads it separately', () => {
    const corrected = { ...asthma, extension: [{ url: correctionReasonUrl, valueString: 'Typo' }] };
    expect(versionChanges(asthma, corrected)).toEqual([]);
    expect(correctionReason(corrected)).toBe('Typo');
    expect(correctionReason(asthma)).toBeUndefined();
  });

  it('compares a value that changed shape', () => {
    expect(versionChanges({ resourceType: 'X', value: 'text' }, { resourceType: 'X', value: { a: 1 } })).toEqual([
      { path: 'Value › a', before: '—', after: '1' },
      { path: 'Value', before: 'text', after: '—' },
    ]);
  });
});
