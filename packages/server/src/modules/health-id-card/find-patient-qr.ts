// What the Health ID card's QR code says: the address of the clinic's find-a-patient page with the
// patient's Health ID filled in, and nothing else. A doctor who scans it still has to ask for consent.
import { parseHealthId } from '@medconnect/core';
import QRCode from 'qrcode';

/** `${publicUrl}/clinic?healthId=<14 digits>`: the only text the QR code carries. */
export function findPatientUrl(publicUrl: string, healthId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/clinic?healthId=${parseHealthId(healthId)}`;
}

/** The QR symbol of `text` (error correction M) as rows of dark (true) and light modules, quiet zone excluded. */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => modules.get(row, col) !== 0),
  );
}

/** Each row's runs of dark modules, left to right: what the card draws, one rectangle per run. */
export function darkRuns(modules: boolean[][]): { row: number; col: number; length: number }[] {
  const runs: { row: number; col: number; length: number }[] = [];
  modules.forEach((cells, row) => {
    let start = -1;
    cells.forEach((dark, col) => {
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    });
    if (start >= 0) runs.push({ row, col: start, length: cells.length - start });
  });
  return runs;
}
