// The printable Health ID card: an ID-1 card (85.6 × 54 mm, the size of a bank card) at actual size on
// an A4 page, inside a dashed cut line, with the holder's name, their Health ID in large digits and a
// QR code that only leads a doctor to the clinic's find-a-patient page. Everything is vector, so it
// prints sharp at any resolution; the card carries no health information.
import { formatHealthId } from '@medconnect/core';
import {
  appendBezierCurve,
  beginMarkedContent,
  clip,
  closePath,
  concatTransformationMatrix,
  endMarkedContent,
  endPath,
  fill,
  lineTo,
  moveTo,
  PageSizes,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  StandardFonts,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { darkRuns, findPatientUrl, qrModules } from './find-patient-qr.ts';
import { encodableText, fittedSize, truncatedText } from './standard-font-text.ts';

export type HealthIdCardInput = {
  /** The account's display name, printed as given (characters the PDF fonts lack are replaced). */
  name: string;
  /** The Health ID, with or without separators. */
  healthId: string;
  /** PUBLIC_URL of this installation: the QR code leads to its find-a-patient page. */
  publicUrl: string;
};

/** Marked-content tag around the QR modules in the page's content stream. */
export const QR_CONTENT_TAG = 'MedConnectQR';

export const CARD_TITLE = 'MedConnect Health ID card';
export const CARD_NOTICE = 'Show this card to your doctor. It holds no health information.';

const mm = (value: number) => (value * 72) / 25.4;
const CARD = { width: mm(85.6), height: mm(54), cornerRadius: mm(3.18), padding: mm(4) };
const BAND_HEIGHT = mm(9);
const QR_SIDE = mm(24);
const ink = rgb(0.1, 0.11, 0.12);
const muted = rgb(0.36, 0.37, 0.4);
const brand = rgb(0x0b / 255, 0x7a / 255, 0x83 / 255);
const white = rgb(1, 1, 1);

/** The card as a one-page PDF. */
export async function buildHealthIdCard({
  name,
  healthId,
  publicUrl,
}: HealthIdCardInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(CARD_TITLE, { showInWindowTitleBar: true });
  pdf.setAuthor('MedConnect');
  pdf.setSubject('Health ID card with a QR code that lets a doctor find you and ask for access');
  pdf.setCreator('MedConnect');
  pdf.setLanguage('en');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);

  const page = pdf.addPage(PageSizes.A4);
  const { width: pageWidth, height: pageHeight } = page.getSize();
  const x = (pageWidth - CARD.width) / 2;
  const y = pageHeight - mm(30) - CARD.height;

  page.drawText('Your MedConnect Health ID card', {
    x,
    y: pageHeight - mm(20),
    size: 14,
    font: bold,
    color: ink,
  });
  drawCard(page, { x, y }, { regular, bold }, { name, healthId, publicUrl });

  const instructions = [
    'Print at actual size (100%), cut along the dashed line and keep the card with you.',
    'A doctor scans the QR code to find you and ask for your consent to read your record.',
  ];
  instructions.forEach((line, i) => {
    const size = fittedSize(regular, line, 9, pageWidth - x - mm(15), 7);
    page.drawText(line, { x, y: y - mm(8) - i * 13, size, font: regular, color: muted });
  });
  return pdf.save();
}

type Fonts = { regular: PDFFont; bold: PDFFont };

function drawCard(
  page: PDFPage,
  at: { x: number; y: number },
  { regular, bold }: Fonts,
  input: HealthIdCardInput,
): void {
  const { x, y } = at;
  const { width, height, padding } = CARD;

  // The brand band along the top, clipped to the card's rounded corners.
  page.pushOperators(
    pushGraphicsState(),
    ...roundedRect(x, y, width, height, CARD.cornerRadius),
    clip(),
    endPath(),
  );
  page.drawRectangle({ x, y: y + height - BAND_HEIGHT, width, height: BAND_HEIGHT, color: brand });
  page.pushOperators(popGraphicsState());
  page.drawText('MedConnect Health ID', {
    x: x + padding,
    y: y + height - BAND_HEIGHT + mm(3.1),
    size: 10,
    font: bold,
    color: white,
  });

  // The cut line, on the card's edge.
  page.drawSvgPath(roundedRectSvg(width, height, CARD.cornerRadius), {
    x,
    y: y + height,
    borderColor: muted,
    borderWidth: 0.6,
    borderDashArray: [3, 2],
  });

  const qrX = x + width - padding - QR_SIDE;
  const qrY = y + mm(14);
  const columnWidth = qrX - mm(4) - (x + padding);

  const label = (text: string, baseline: number) =>
    page.drawText(text, { x: x + padding, y: y + mm(baseline), size: 6.5, font: regular, color: muted });

  label('Name', 39.5);
  const name = encodableText(bold, input.name);
  const nameSize = fittedSize(bold, name, 11, columnWidth, 8);
  page.drawText(truncatedText(bold, name, nameSize, columnWidth), {
    x: x + padding,
    y: y + mm(35),
    size: nameSize,
    font: bold,
    color: ink,
  });

  label('Health ID', 28);
  const formatted = formatHealthId(input.healthId);
  page.drawText(formatted, {
    x: x + padding,
    y: y + mm(22),
    size: fittedSize(bold, formatted, 15, columnWidth, 10),
    font: bold,
    color: ink,
  });

  page.pushOperators(
    ...qrOperators(qrModules(findPatientUrl(input.publicUrl, input.healthId)), qrX, qrY, QR_SIDE),
  );

  const noticeSize = fittedSize(regular, CARD_NOTICE, 6.5, width - 2 * padding, 5);
  page.drawText(CARD_NOTICE, { x: x + padding, y: y + mm(4.5), size: noticeSize, font: regular, color: ink });
}

/**
 * The QR modules as filled rectangles, one per horizontal run of dark modules, in module units
 * (column, row from the top), inside a marked-content section so the drawing can be read back.
 */
export function qrOperators(modules: boolean[][], x: number, y: number, side: number): PDFOperator[] {
  const moduleSize = side / modules.length;
  return [
    beginMarkedContent(QR_CONTENT_TAG),
    pushGraphicsState(),
    setFillingRgbColor(0, 0, 0),
    concatTransformationMatrix(moduleSize, 0, 0, -moduleSize, x, y + side),
    ...darkRuns(modules).map(({ row, col, length }) => rectangle(col, row, length, 1)),
    fill(),
    popGraphicsState(),
    endMarkedContent(),
  ];
}

function roundedRect(x: number, y: number, w: number, h: number, r: number): PDFOperator[] {
  const k = 0.5523 * r;
  return [
    moveTo(x + r, y),
    lineTo(x + w - r, y),
    appendBezierCurve(x + w - r + k, y, x + w, y + r - k, x + w, y + r),
    lineTo(x + w, y + h - r),
    appendBezierCurve(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h),
    lineTo(x + r, y + h),
    appendBezierCurve(x + r - k, y + h, x, y + h - r + k, x, y + h - r),
    lineTo(x, y + r),
    appendBezierCurve(x, y + r - k, x + r - k, y, x + r, y),
    closePath(),
  ];
}

/** The same rounded rectangle as an SVG path (y down from the top-left corner), for the dashed outline. */
function roundedRectSvg(w: number, h: number, r: number): string {
  return `M ${r} 0 H ${w - r} A ${r} ${r} 0 0 1 ${w} ${r} V ${h - r} A ${r} ${r} 0 0 1 ${w - r} ${h} H ${r} A ${r} ${r} 0 0 1 0 ${h - r} V ${r} A ${r} ${r} 0 0 1 ${r} 0 Z`;
}
