// The PDF summary never fails on text its standard font cannot show, and breaks long records into pages.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { SummarySection } from './record-summary.ts';
import { encodable, summaryPdf } from './summary-pdf.ts';

const header = {
  name: 'Zoë Ωmega 王',
  healthId: '1234-5678-9012-3',
  generatedAt: new Date('2026-01-02T03:04:05Z'),
  verifyUrl: 'https://medconnect.example/verify',
};

describe('summary PDF', () => {
  it('spells what Helvetica cannot encode without accents, or as "?"', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(encodable(font, 'Zoë Łódź — “ok”')).toBe('Zoë ?ódz — “ok”');
    expect(encodable(font, 'Ωmega 王 🤧\nnext')).toBe('?mega ? ? next');
  });

  it('pages a long record, numbers the pages and keeps unicode in the metadata', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => ({
      date: '2020-01-01',
      text: `${i} ${'Ünïcödé Ελληνικά '.repeat(i % 7)}${'x'.repeat(i % 3 === 0 ? 300 : 1)}`,
      by: 'patient-reported',
    }));
    const sections: SummarySection[] = [
      { title: 'Recent vital signs and results', lines, omitted: 12, empty: '' },
      { title: 'Visits', lines: [], omitted: 0, empty: 'No visits recorded.' },
    ];
    const pdf = await PDFDocument.load(await summaryPdf(header, sections), { updateMetadata: false });
    expect(pdf.getPageCount()).toBeGreaterThan(5);
    expect(pdf.getTitle()).toBe('Health record summary: Zoë Ωmega 王');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });
});
