// The printable summary of a record as a PDF (pdf-lib, standard Helvetica): who it is about, when it
// was made, then one section per kind of entry, newest first, with page numbers and a footer saying
// where each entry can be verified. Standard fonts only encode Western European text, so anything
// else is spelled without its accents where that helps, and otherwise shown as "?", never a crash.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { SummarySection } from './record-summary.ts';

export type SummaryHeader = { name: string; healthId: string; generatedAt: Date; verifyUrl: string };

const pageSize: [number, number] = [595.28, 841.89]; // A4
const margin = 50;
const footerHeight = 40;
const dateColumn = 78;
const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.4, 0.4, 0.45);

const characterSets = new WeakMap<PDFFont, Set<number>>();

/** `text` with every character the font cannot encode replaced (accents dropped first, then "?"). */
export function encodable(font: PDFFont, text: string): string {
  let known = characterSets.get(font);
  if (!known) {
    known = new Set(font.getCharacterSet());
    characterSets.set(font, known);
  }
  let out = '';
  for (const char of text.replace(/[\r\n\t]+/g, ' ')) {
    if (known.has(char.codePointAt(0)!)) {
      out += char;
      continue;
    }
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base !== '' && [...base].every((c) => known.has(c.codePointAt(0)!)) ? base : '?';
  }
  return out;
}

/** Splits text into lines no wider than `width`, breaking inside words only when one word is too long. */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (const word of text.split(/ +/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'undated');

export async function summaryPdf(
  header: SummaryHeader,
  sections: readonly SummarySection[],
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const title = `Health record summary: ${header.name}`;
  pdf.setTitle(title, { showInWindowTitleBar: true });
  pdf.setSubject(`Health ID ${header.healthId}`);
  pdf.setAuthor('MedConnect');
  pdf.setCreator('MedConnect');
  pdf.setProducer('MedConnect');
  pdf.setKeywords(['health record', 'summary', header.healthId]);
  pdf.setCreationDate(header.generatedAt);
  pdf.setModificationDate(header.generatedAt);
  pdf.setLanguage('en');

  const [pageWidth, pageHeight] = pageSize;
  const textWidth = pageWidth - 2 * margin;
  let page: PDFPage = pdf.addPage(pageSize);
  let y = pageHeight - margin;
  const newPage = () => {
    page = pdf.addPage(pageSize);
    y = pageHeight - margin;
  };
  /** Room for `height` more points on this page, else a new page. */
  const ensure = (height: number) => {
    if (y - height < margin + footerHeight) newPage();
  };
  const write = (text: string, x: number, size: number, font: PDFFont, color = ink) => {
    page.drawText(encodable(font, text), { x, y, size, font, color });
  };

  write('Health record summary', margin, 20, bold);
  y -= 30;
  for (const [label, value] of [
    ['Name', header.name],
    ['Health ID', header.healthId],
    ['Generated', `${header.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
  ] as const) {
    write(label, margin, 10, bold, muted);
    for (const part of wrap(regular, 11, encodable(regular, value), textWidth - 80)) {
      write(part, margin + 80, 11, regular);
      y -= 15;
    }
  }
  y -= 6;
  const intro = wrap(
    regular,
    9,
    'Newest first in each section. The full record, with every entry and its history, is in the FHIR download.',
    textWidth,
  );
  for (const line of intro) {
    write(line, margin, 9, regular, muted);
    y -= 12;
  }

  for (const section of sections) {
    ensure(50);
    y -= 14;
    write(section.title, margin, 13, bold);
    y -= 6;
    page.drawLine({
      start: { x: margin, y },
      end: { x: pageWidth - margin, y },
      thickness: 0.5,
      color: muted,
    });
    y -= 15;
    if (section.lines.length === 0) {
      write(section.empty, margin, 10, regular, muted);
      y -= 14;
      continue;
    }
    for (const line of section.lines) {
      const body = wrap(regular, 10, encodable(regular, line.text), textWidth - dateColumn);
      const by = wrap(regular, 8, encodable(regular, `Recorded by: ${line.by}`), textWidth - dateColumn);
      ensure(body.length * 13 + by.length * 10 + 4);
      write(day(line.date), margin, 10, bold);
      for (const part of body) {
        write(part, margin + dateColumn, 10, regular);
        y -= 13;
      }
      for (const part of by) {
        write(part, margin + dateColumn, 8, regular, muted);
        y -= 10;
      }
      y -= 4;
    }
    if (section.omitted > 0) {
      ensure(14);
      write(`and ${section.omitted} older, in the FHIR download`, margin + dateColumn, 9, regular, muted);
      y -= 14;
    }
  }

  const pages = pdf.getPages();
  const footer = encodable(
    regular,
    `Each entry is anchored on chain and can be verified at ${header.verifyUrl}`,
  );
  pages.forEach((p, i) => {
    const number = `Page ${i + 1} of ${pages.length}`;
    const numberWidth = regular.widthOfTextAtSize(number, 8);
    const lines = wrap(regular, 8, footer, textWidth - numberWidth - 16);
    lines.forEach((line, n) => {
      p.drawText(line, { x: margin, y: margin - 10 - n * 10, size: 8, font: regular, color: muted });
    });
    p.drawText(number, {
      x: pageWidth - margin - numberWidth,
      y: margin - 10,
      size: 8,
      font: regular,
      color: muted,
    });
  });
  return pdf.save();
}
