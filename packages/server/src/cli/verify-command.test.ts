// How `medconnect verify` prints a report: erased records are counted, not listed, and only
// tampering is listed item by item (the exit code is covered end to end in cli.test.ts).
import { describe, expect, it } from 'vitest';
import type { IntegrityReport } from '../modules/verify/verify-integrity.ts';
import { formatReport } from './verify-command.ts';

const report: IntegrityReport = {
  checkedAt: '2026-01-02T03:04:05.000Z',
  chainId: 31337,
  summary: { verified: 2, erased: 2, pending: 0, missing: 0, TAMPERED: 1 },
  items: [
    { kind: 'record', id: 'r1', version: 1, status: 'verified' },
    { kind: 'audit', id: 'a1', version: 7, status: 'verified' },
    { kind: 'record', id: 'e1', version: 1, status: 'erased', reason: 'content erased; its leaf is anchored' },
    { kind: 'record', id: 'e1', version: 2, status: 'erased', reason: 'content erased; its leaf is anchored' },
    { kind: 'record', id: 'x1', version: 3, status: 'TAMPERED', reason: 'the stored ciphertext does not decrypt' },
  ],
};

describe('formatReport', () => {
  it('counts erased records in the summary without listing them', () => {
    const text = formatReport(report, false);
    expect(text).toMatch(/^ {2}erased {4}2$/m);
    expect(text).toContain('2 record versions of erased patients: content destroyed, leaves still anchored.');
    expect(text).toContain('TAMPERED  record x1 v3: the stored ciphertext does not decrypt');
    expect(text).not.toContain('record e1');
    expect(text).not.toContain('record r1');
  });

  it('lists every item, erased ones included, with --all', () => {
    const text = formatReport(report, true);
    expect(text).toContain('erased    record e1 v2: content erased; its leaf is anchored');
    expect(text).toContain('verified  audit a1 #7');
  });

  it('says nothing about erasure when nobody was erased', () => {
    const text = formatReport({ ...report, summary: { ...report.summary, erased: 0 }, items: [] }, false);
    expect(text).not.toMatch(/erased patients/);
  });
});
