// What a licence document may be: a PDF, PNG or JPEG of at most 5 MiB whose first bytes match the
// declared type, under a file name safe to show and to put in a Content-Disposition header.
export const licenceMediaTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type LicenceMediaType = (typeof licenceMediaTypes)[number];

export const MAX_LICENCE_DOCUMENT_BYTES = 5 * 1024 * 1024;

const signatures: Record<LicenceMediaType, { label: string; magic: number[]; extension: string }> = {
  'application/pdf': { label: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d], extension: 'pdf' }, // %PDF-
  'image/png': { label: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], extension: 'png' },
  'image/jpeg': { label: 'JPEG', magic: [0xff, 0xd8, 0xff], extension: 'jpg' },
};

export const isLicenceMediaType = (value: string): value is LicenceMediaType =>
  (licenceMediaTypes as readonly string[]).includes(value);

/** True when the file starts with the signature of `type`. */
export const matchesType = (bytes: Uint8Array, type: LicenceMediaType): boolean =>
  signatures[type].magic.every((byte, i) => bytes[i] === byte);

export const typeLabel = (type: LicenceMediaType): string => signatures[type].label;

const MAX_NAME_LENGTH = 120;

/**
 * The file name from the `x-file-name` header (percent-encoded by browsers for non-ASCII names):
 * without any folder part, control or quoting characters, at most 120 characters; a generic name
 * when nothing usable is left.
 */
export function sanitiseFileName(raw: string | undefined, type: LicenceMediaType): string {
  let name = raw ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded after all: keep it as sent.
  }
  name = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[ .]+|[ .]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .trim();
  return name === '' || /^_+$/.test(name) ? `licence-document.${signatures[type].extension}` : name;
}

/** `inline` with an ASCII fallback name and the exact name as RFC 5987 `filename*`. */
export function inlineDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
