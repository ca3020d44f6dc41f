import { describe, expect, it } from 'vitest';
import { findIcd10, formatIcd10, searchIcd10 } from './icd10.ts';

describe('ICD-10-CM search', () => {
  it('finds codes by code, with or without the dot, in either case', () => {
    expect(searchIcd10('E11.9')[0]).toEqual({ code: 'E11.9', display: 'Type 2 diabetes mellitus without complications', billable: true });
    expect(searchIcd10('e119')[0]?.code).toBe('E11.9');
    expect(searchIcd10('E11', 50).every((c) => c.code.startsWith('E11'))).toBe(true);
  });

  it('finds codes by words, common diagnoses first', () => {
    const results = searchIcd10('hypertension');
    expect(results[0]).toMatchObject({ code: 'I10', display: 'Essential (primary) hypertension' });
    expect(searchIcd10('type 2 diab')[0]?.code).toBe('E11.9');
    expect(searchIcd10('acute pharyngitis').some((c) => c.code === 'J02.9')).toBe(true);
  });

  it('offers the common list for an empty query and nothing for nonsense', () => {
    expect(searchIcd10('', 5).map((c) => c.code)).toEqual(['I10', 'E11.9', 'E78.5', 'J06.9', 'J02.9']);
    expect(searchIcd10('qqqxyz')).toEqual([]);
  });

  it('looks up and formats single codes', () => {
    expect(formatIcd10('J45909')).toBe('J45.909');
    expect(findIcd10('i10')?.display).toBe('Essential (primary) hypertension');
    expect(findIcd10('Z99.999')).toBeUndefined();
  });
});
