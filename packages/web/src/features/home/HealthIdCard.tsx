// The patient's Health ID, laid out like the card they would show at a clinic: a copy button, the QR
// code a doctor scans to find them, and the card to download or print below it.
import { ActionIcon, CopyButton, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { CheckIcon, CopyIcon } from '../../ui/icons.tsx';
import { formatHealthId } from '../account/session.ts';
import { HealthIdCardActions } from './HealthIdCardActions.tsx';
import { HealthIdQr } from './HealthIdQr.tsx';

export function HealthIdCard({ name, healthId }: { name: string; healthId: string }) {
  const formatted = formatHealthId(healthId);
  return (
    <Stack gap="sm" maw={440}>
      <Paper
        component="section"
        aria-labelledby="health-id-heading"
        className="app-health-card"
        radius="lg"
        p="lg"
      >
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text id="health-id-heading" fw={600} size="sm" className="app-health-card-label">
              MedConnect Health ID
            </Text>
            <CopyButton value={formatted} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy Health ID'} withArrow>
                  <ActionIcon
                    variant="white"
                    color="brand"
                    onClick={copy}
                    aria-label={copied ? 'Health ID copied' : 'Copy Health ID'}
                    size="lg"
                  >
                    {copied ? <CheckIcon size={18} /> : <CopyIcon size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text className="app-health-card-number">{formatted}</Text>
          <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
            <Stack gap="md" miw={0}>
              <div>
                <Text size="xs" className="app-health-card-label">
                  Name
                </Text>
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {name}
                </Text>
              </div>
              <Text size="xs" className="app-health-card-label">
                Give this number to a doctor or hospital, or let them scan the code, so they can ask for your
                consent to read your record.
              </Text>
            </Stack>
            <HealthIdQr healthId={healthId} size={104} />
          </Group>
        </Stack>
      </Paper>
      <HealthIdCardActions name={name} healthId={healthId} />
    </Stack>
  );
}
