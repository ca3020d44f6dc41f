// The PDF standard fonts encode only WinAnsi (Western European) characters. A name in another script
// must still give a card, so each character the font cannot show is replaced: accents are dropped
// where the bare letter exists (ő becomes o, ễ becomes e), anything else becomes "?".
import type { PDFFont } from 'pdf-lib';

const REPLACEMENT = '?';

/** `text` reduced to what `font` can encode, on one line. */
export function encodableText(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  const canShow = (s: string) => [...s].every((c) => supported.has(c.codePointAt(0)!));
  let out = '';
  for (const char of text.normalize('NFC').replace(/\s+/gu, ' ').trim()) {
    if (canShow(char)) out += char;
    else {
      const bare = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += bare !== '' && canShow(bare) ? bare : REPLACEMENT;
    }
  }
  return out;
}

/** The largest size up to `size` at which `text` fits in `maxWidth`, but not below `minSize`. */
export function fittedSize(
  font: PDFFont,
  text: string,
  size: number,
  maxWidth: number,
  minSize: number,
): number {
  const width = font.widthOfTextAtSize(text, size);
  return width <= maxWidth ? size : Math.max(minSize, (size * maxWidth) / width);
}

/** `text` cut with an ellipsis so that it fits in `maxWidth` at `size`. */
export function truncatedText(font: PDFFont, text: string, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
