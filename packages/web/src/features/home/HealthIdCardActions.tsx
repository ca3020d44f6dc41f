// What a patient can do with their Health ID card: download it as a PDF (made by the server, to print
// and cut out), as a PNG (drawn here at 300 dpi, for a phone's photo album) or print just the card.
import { Button, Group } from '@mantine/core';
import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { notify } from '../../ui/notify.ts';
import { cardFileName, drawHealthIdCard, healthIdCardPng, type CardContent } from './health-id-card-image.ts';
import './health-id-card-print.css';

export const HEALTH_ID_CARD_PDF = '/api/account/health-id-card.pdf';

/** Set on <html> while the card is being printed: the print stylesheet then shows only the card. */
const PRINTING = 'app-printing-health-id-card';

const pageFont = () => getComputedStyle(document.body).fontFamily || 'sans-serif';

export function HealthIdCardActions({ name, healthId }: { name: string; healthId: string }) {
  const [drawing, setDrawing] = useState(false);
  const printImage = useRef<HTMLImageElement>(null);
  const content = (): CardContent => ({ name, healthId, origin: window.location.origin });

  async function downloadPng() {
    setDrawing(true);
    try {
      const url = URL.createObjectURL(await healthIdCardPng(content(), pageFont()));
      const link = document.createElement('a');
      link.href = url;
      link.download = cardFileName(healthId, 'png');
      link.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch (error) {
      notify({
        color: 'red',
        message: error instanceof Error ? error.message : 'The card image could not be made.',
      });
    } finally {
      setDrawing(false);
    }
  }

  async function print() {
    const image = printImage.current;
    if (!image) return;
    try {
      image.src = drawHealthIdCard(content(), pageFont()).toDataURL('image/png');
      await image.decode();
    } catch (error) {
      notify({
        color: 'red',
        message: error instanceof Error ? error.message : 'The card could not be printed.',
      });
      return;
    }
    const root = document.documentElement;
    root.classList.add(PRINTING);
    window.addEventListener('afterprint', () => root.classList.remove(PRINTING), { once: true });
    window.print();
  }

  return (
    <>
      <Group gap="sm" className="app-health-card-actions">
        <Button
          component="a"
          href={HEALTH_ID_CARD_PDF}
          download={cardFileName(healthId, 'pdf')}
          variant="light"
        >
          Download PDF
        </Button>
        <Button variant="light" onClick={() => void downloadPng()} loading={drawing}>
          Download PNG
        </Button>
        <Button variant="default" onClick={() => void print()}>
          Print
        </Button>
      </Group>
      {createPortal(
        <img
          ref={printImage}
          className="app-health-card-print"
          alt={`MedConnect Health ID card of ${name}`}
        />,
        document.body,
      )}
    </>
  );
}
