// The patient's Health ID, laid out like the card they would show at a clinic, with a copy button.
import { ActionIcon, CopyButton, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { CheckIcon, CopyIcon } from '../../ui/icons.tsx';
import { formatHealthId } from '../account/session.ts';

export function HealthIdCard({ name, healthId }: { name: string; healthId: string }) {
  const formatted = formatHealthId(healthId);
  return (
    <Paper
      component="section"
      aria-labelledby="health-id-heading"
      className="app-health-card"
      radius="lg"
      p="lg"
      maw={440}
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
        <div>
          <Text size="xs" className="app-health-card-label">
            Name
          </Text>
          <Text fw={600}>{name}</Text>
        </div>
        <Text size="xs" className="app-health-card-label">
          Give this number to a doctor or hospital so they can ask for your consent to read your record.
        </Text>
      </Stack>
    </Paper>
  );
}
