// The card PDF: one A4 page with the title set, the Health ID in it, and a QR code that encodes the
// find-a-patient address and nothing else, read back from what the page actually draws.
import { formatHealthId, generateHealthId } from '@medconnect/core';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDocument,
  PDFRawStream,
  StandardFonts,
  type PDFPage,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildHealthIdCard, CARD_TITLE, QR_CONTENT_TAG } from './build-health-id-card.ts';
import { findPatientUrl, qrModules } from './find-patient-qr.ts';
import { encodableText } from './standard-font-text.ts';

const publicUrl = 'https://medconnect.example.org';

/** The page's content streams, inflated, as text. */
function pageContent(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return streams
    .map((stream) => {
      if (!(stream instanceof PDFRawStream)) throw new Error('unexpected content stream');
      return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    })
    .join('\n');
}

/** The QR modules the page draws: the `re` operators of the marked QR section, back on a grid. */
function drawnQr(content: string, size: number): boolean[][] {
  const section = new RegExp(`/${QR_CONTENT_TAG} BMC([\\s\\S]*?)EMC`).exec(content);
  if (!section) throw new Error('no QR section in the page');
  const grid = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const [, col, row, width, height] of section[1]!.matchAll(/(\S+) (\S+) (\S+) (\S+) re/g)) {
    expect(Number(height)).toBe(1);
    for (let c = Number(col); c < Number(col) + Number(width); c++) grid[Number(row)]![c] = true;
  }
  return grid;
}

const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex').toUpperCase();

describe('buildHealthIdCard', () => {
  it('makes one A4 page titled as the card, with the Health ID in large digits', async () => {
    const healthId = generateHealthId();
    const bytes = await buildHealthIdCard({ name: 'Maria Jones', healthId, publicUrl });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe(CARD_TITLE);
    expect(pdf.getAuthor()).toBe('MedConnect');
    const page = pdf.getPage(0);
    expect(page.getSize().width).toBeCloseTo(595.28, 1);
    const content = pageContent(page);
    expect(content).toContain(`<${hex(formatHealthId(healthId))}>`);
    expect(content).toContain(`<${hex('Maria Jones')}>`);
    expect(content).toContain(`<${hex('Show this card to your doctor. It holds no health information.')}>`);
  });

  it('draws a QR code that encodes exactly the find-a-patient address', async () => {
    const healthId = generateHealthId();
    const url = `${publicUrl}/clinic?healthId=${healthId}`;
    expect(findPatientUrl(`${publicUrl}/`, formatHealthId(healthId))).toBe(url);
    const pdf = await PDFDocument.load(
      await buildHealthIdCard({ name: 'Maria Jones', healthId: formatHealthId(healthId), publicUrl }),
    );
    const expected = qrModules(url);
    expect(drawnQr(pageContent(pdf.getPage(0)), expected.length)).toEqual(expected);
    // Any other text (the formatted ID, a longer address) would give another symbol.
    expect(qrModules(`${url}&x`)).not.toEqual(expected);
  });

  it('replaces the characters of a name the PDF fonts cannot show instead of failing', async () => {
    const pdf = await PDFDocument.load(
      await buildHealthIdCard({
        name: 'Ηλίας 李小龍 Nguyễn\u{1F600}',
        healthId: generateHealthId(),
        publicUrl,
      }),
    );
    expect(pdf.getPageCount()).toBe(1);
    expect(pageContent(pdf.getPage(0))).toContain(`<${hex('????? ??? Nguyen?')}>`);
  });

  it('keeps what the fonts can show and strips only the accents they lack', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(encodableText(font, '  Zoë   Ødegård-Őry ')).toBe('Zoë Ødegård-Ory');
    expect(encodableText(font, 'Trần Thị')).toBe('Tran Thi');
  });
});
