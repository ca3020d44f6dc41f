// How far a grant or a revocation got onto ConsentLedger: waiting for the relayer, or recorded in a
// transaction whose hash can be copied and checked on any explorer.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { CopyValue } from '../../ui/CopyValue.tsx';
import { AlertIcon, CheckIcon, ClockIcon } from '../../ui/icons.tsx';
import type { ChainStep } from './consent-view.ts';

const looks = {
  pending: { label: 'Pending on chain', color: 'yellow', icon: <ClockIcon size={14} /> },
  recorded: { label: 'Recorded on chain', color: 'green', icon: <CheckIcon size={14} /> },
  failed: { label: 'Not recorded on chain', color: 'red', icon: <AlertIcon size={14} /> },
} as const;

export function ChainStatus({ what, step }: { what: 'Grant' | 'Revocation'; step: ChainStep | null }) {
  if (step === null) return null;
  const look = looks[step.status];
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text size="sm">{what}:</Text>
        <Badge color={look.color} variant="light" tt="none" leftSection={look.icon}>
          {look.label}
        </Badge>
      </Group>
      {step.transactionHash ? <CopyValue value={step.transactionHash} label={`${what.toLowerCase()} transaction hash`} /> : null}
    </Stack>
  );
}
