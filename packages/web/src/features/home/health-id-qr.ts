// What the QR code on the Health ID card says: the address of the clinic's find-a-patient page with the
// Health ID filled in, and nothing else. A doctor who scans it still has to ask the patient for consent.
import QRCode from 'qrcode';

/** `${origin}/clinic?healthId=<14 digits>`: the only text the QR code carries. */
export function findPatientUrl(origin: string, healthId: string): string {
  return `${origin.replace(/\/+$/, '')}/clinic?healthId=${healthId.replace(/[\s-]/g, '')}`;
}

/** The QR symbol of `text` (error correction M) as rows of dark (true) and light modules, quiet zone excluded. */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => modules.get(row, col) !== 0),
  );
}

/** Runs of dark modules along each row, as `[row, col, length]`: fewer shapes to draw, no seams. */
export function darkRuns(modules: boolean[][]): [row: number, col: number, length: number][] {
  const runs: [number, number, number][] = [];
  modules.forEach((cells, row) => {
    let start = -1;
    cells.forEach((dark, col) => {
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    });
    if (start >= 0) runs.push([row, start, cells.length - start]);
  });
  return runs;
}
