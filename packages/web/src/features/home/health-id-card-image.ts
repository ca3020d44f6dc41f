// The Health ID card as an image: an ID-1 card (85.6 × 54 mm, the size of a bank card) drawn on a
// canvas at 300 dpi, laid out like the printable PDF the server makes: brand band, name, Health ID in
// large digits, the QR code that leads to the find-a-patient page, and a line saying it holds no
// health information. Drawn with the page's own fonts, so a name in any script shows as written.
import { formatHealthId } from '../account/session.ts';
import { darkRuns, findPatientUrl, qrModules } from './health-id-qr.ts';

/** 85.6 × 54 mm at 300 dots per inch. */
export const CARD_IMAGE = { width: 1011, height: 638 } as const;

export const CARD_NOTICE = 'Show this card to your doctor. It holds no health information.';

export type CardContent = { name: string; healthId: string; origin: string };

const px = (mm: number) => (mm * CARD_IMAGE.width) / 85.6;
const pt = (points: number) => px((points * 25.4) / 72);
const PADDING = px(4);
const QR_BOX = px(24);
const colours = { ink: '#1a1b1e', muted: '#5c5f66', brand: '#0b7a83', border: '#c9cdd1' };

/** Draws the card on a new canvas of CARD_IMAGE size. */
export function drawHealthIdCard(
  { name, healthId, origin }: CardContent,
  fontFamily: string,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = CARD_IMAGE.width;
  canvas.height = CARD_IMAGE.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images.');
  const { width, height } = CARD_IMAGE;
  const fromBottom = (mm: number) => height - px(mm);

  ctx.save();
  roundedRect(ctx, 0, 0, width, height, px(3.18));
  ctx.clip();
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = colours.brand;
  ctx.fillRect(0, 0, width, px(9));
  ctx.restore();
  roundedRect(ctx, 1.5, 1.5, width - 3, height - 3, px(3.18));
  ctx.strokeStyle = colours.border;
  ctx.lineWidth = 3;
  ctx.stroke();

  ctx.textBaseline = 'alphabetic';
  /** Draws one line; with `maxWidth`, shrinks it (to 70% at most) and only then cuts it with an ellipsis. */
  const text = (
    value: string,
    x: number,
    y: number,
    size: number,
    weight: number,
    colour: string,
    maxWidth?: number,
  ) => {
    let fitted = size;
    ctx.font = `${weight} ${fitted}px ${fontFamily}`;
    while (maxWidth !== undefined && fitted > size * 0.7 && ctx.measureText(value).width > maxWidth) {
      fitted -= 1;
      ctx.font = `${weight} ${fitted}px ${fontFamily}`;
    }
    ctx.fillStyle = colour;
    ctx.fillText(maxWidth === undefined ? value : truncated(ctx, value, maxWidth), x, y);
  };

  text('MedConnect Health ID', PADDING, px(9) - px(3.1), pt(10), 700, '#fff');

  const qrX = width - PADDING - QR_BOX;
  const qrTop = fromBottom(38);
  const column = qrX - px(4) - PADDING;
  text('Name', PADDING, fromBottom(39.5), pt(6.5), 400, colours.muted);
  text(name.trim().replace(/\s+/g, ' '), PADDING, fromBottom(35), pt(11), 700, colours.ink, column);
  text('Health ID', PADDING, fromBottom(28), pt(6.5), 400, colours.muted);
  text(formatHealthId(healthId), PADDING, fromBottom(22), pt(15), 700, colours.ink, column);
  text(CARD_NOTICE, PADDING, fromBottom(4.5), pt(6.5), 400, colours.ink, width - 2 * PADDING);

  // Whole pixels per module, so every module edge falls on a pixel edge and the code prints sharp.
  const modules = qrModules(findPatientUrl(origin, healthId));
  const moduleSize = Math.floor(QR_BOX / modules.length);
  const offset = Math.round((QR_BOX - moduleSize * modules.length) / 2);
  const left = Math.round(qrX) + offset;
  const top = Math.round(qrTop) + offset;
  ctx.fillStyle = '#000';
  for (const [row, col, length] of darkRuns(modules)) {
    ctx.fillRect(left + col * moduleSize, top + row * moduleSize, length * moduleSize, moduleSize);
  }
  return canvas;
}

/** The card as a PNG file. */
export function healthIdCardPng(content: CardContent, fontFamily: string): Promise<Blob> {
  const canvas = drawHealthIdCard(content, fontFamily);
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The card image could not be made.'))),
      'image/png',
    );
  });
}

export const cardFileName = (healthId: string, extension: 'png' | 'pdf') =>
  `medconnect-health-id-${healthId.replace(/[\s-]/g, '')}.${extension}`;

function truncated(ctx: CanvasRenderingContext2D, value: string, maxWidth: number): string {
  if (ctx.measureText(value).width <= maxWidth) return value;
  const chars = [...value];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

function roundedRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}
