// The Health ID card of a patient just registered at the desk, to print and hand over at once: the
// same card as on the patient's own home page (drawn by health-id-card-image.ts, with the QR code a
// doctor scans), printed alone at its real size by the card's print stylesheet.
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { createPortal } from 'react-dom';
import { notify } from '../../ui/notify.ts';
import { formatHealthId } from '../account/session.ts';
import { drawHealthIdCard } from '../home/health-id-card-image.ts';
import '../home/health-id-card-print.css';
import { HealthIdQr } from '../home/HealthIdQr.tsx';

/** Set on <html> while the card is being printed (see health-id-card-print.css). */
const PRINTING = 'app-printing-health-id-card';

export function PrintableHealthIdCard({ name, healthId }: { name: string; healthId: string }) {
  const printImage = useRef<HTMLImageElement>(null);

  async function print() {
    const image = printImage.current;
    if (!image) return;
    try {
      const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
      image.src = drawHealthIdCard({ name, healthId, origin: window.location.origin }, font).toDataURL(
        'image/png',
      );
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
    <Stack gap="sm" maw={440}>
      <Paper component="section" aria-label="Health ID card" className="app-health-card" radius="lg" p="lg">
        <Stack gap="md">
          <Text fw={600} size="sm" className="app-health-card-label">
            MedConnect Health ID
          </Text>
          <Text className="app-health-card-number">{formatHealthId(healthId)}</Text>
          <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
            <div>
              <Text size="xs" className="app-health-card-label">
                Name
              </Text>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {name}
              </Text>
            </div>
            <HealthIdQr healthId={healthId} size={104} />
          </Group>
        </Stack>
      </Paper>
      <Group gap="sm">
        <Button onClick={() => void print()}>Print card</Button>
      </Group>
      {createPortal(
        <img
          ref={printImage}
          className="app-health-card-print"
          alt={`MedConnect Health ID card of ${name}`}
        />,
        document.body,
      )}
    </Stack>
  );
}
