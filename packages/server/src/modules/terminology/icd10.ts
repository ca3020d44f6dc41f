// ICD-10-CM diagnosis codes: a searchable list shipped with the app. Search by code ("E11", "e11.9")
// or by words ("type 2 diabetes"); diagnoses common in primary care come first.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export type Icd10Code = { code: string; display: string; billable: boolean };

/** Frequent primary-care diagnoses, ranked first when they match. */
const common = [
  'I10', 'E119', 'E785', 'J069', 'J029', 'J209', 'N390', 'K219', 'M545', 'R51', 'R509', 'R05',
  'E039', 'J45909', 'F329', 'F419', 'E669', 'K5900', 'A09', 'B349', 'L309', 'H1010', 'R1084',
  'M199', 'E1165', 'D649', 'G439', 'J0190', 'K297', 'R42', 'Z0000', 'O80', 'I2510', 'I4891', 'N189',
];
const commonRank = new Map(common.map((code, i) => [code, i]));

/** `E119` → `E11.9` */
export const formatIcd10 = (code: string) => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

type Entry = Icd10Code & { raw: string; words: string[] };

let entries: Entry[] | undefined;

function load(): Entry[] {
  const file = new URL('./data/icd10cm-FY2022.tsv.gz', import.meta.url);
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(1);
  return lines
    .filter((line) => line.length > 0)
    .map((line) => {
      const [raw = '', billable, description = ''] = line.split('\t');
      return {
        raw,
        code: formatIcd10(raw),
        display: description,
        billable: billable === '1',
        words: description.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean),
      };
    });
}

function rank(entry: Entry): number {
  const c = commonRank.get(entry.raw);
  if (c !== undefined) return c - 1_000;
  return (entry.billable ? 0 : 1) * 100 + entry.raw.length;
}

/** Up to `limit` codes matching `query`, best first. An empty query gives the common list. */
export function searchIcd10(query: string, limit = 20): Icd10Code[] {
  entries ??= load();
  const q = query.trim().toLowerCase();
  const asCode = q.replace(/\./g, '').toUpperCase();
  const terms = q.split(/[^a-z0-9]+/).filter(Boolean);
  const matches =
    q === ''
      ? entries.filter((e) => commonRank.has(e.raw))
      : entries.filter(
          (e) =>
            (/^[a-z]\d/i.test(asCode) && e.raw.startsWith(asCode)) ||
            (terms.length > 0 && terms.every((t) => e.words.some((w) => w.startsWith(t)))),
        );
  return matches
    .sort((a, b) => rank(a) - rank(b) || a.raw.localeCompare(b.raw))
    .slice(0, limit)
    .map(({ code, display, billable }) => ({ code, display, billable }));
}

/** The code if it exists, for validating a diagnosis. */
export function findIcd10(code: string): Icd10Code | undefined {
  entries ??= load();
  const raw = code.replace(/\./g, '').toUpperCase();
  const entry = entries.find((e) => e.raw === raw);
  return entry && { code: entry.code, display: entry.display, billable: entry.billable };
}
