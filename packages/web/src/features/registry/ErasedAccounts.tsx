// The tombstones registrars see: patients who erased their account, newest first, with how much of
// their trail stays anchored. Their records cannot be read by anyone; only the counts are shown.
import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime, formatInteger } from '../../ui/format-time.ts';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useErasures, type Erasure } from './api.ts';

export function ErasedAccounts() {
  const query = useErasures();
  return (
    <Stack component="section" aria-labelledby="erased-accounts-heading" gap="md">
      <Stack gap={4}>
        <Title order={2} size="h3" id="erased-accounts-heading">
          Erased accounts
        </Title>
        <Text size="sm" c="dimmed" maw="70ch">
          Patients who erased their account. Their data keys are destroyed, so their records can no longer be read;
          the record versions and audit events below stay anchored on chain.
        </Text>
      </Stack>
      {query.isPending ? (
        <PageLoader label="Loading erased accounts…" />
      ) : query.isError ? (
        <ProblemAlert error={query.error} title="The erased accounts could not be loaded">
          <Button mt="sm" variant="light" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </ProblemAlert>
      ) : query.data.length === 0 ? (
        <Text c="dimmed">No account has been erased.</Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {query.data.map((erasure) => (
            <ErasureItem key={erasure.patientId} erasure={erasure} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ErasureItem({ erasure }: { erasure: Erasure }) {
  return (
    <Paper component="li" withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Field label="Health ID">
          <Text ff="monospace">{erasure.healthId}</Text>
        </Field>
        <Field label="Erased">{formatDateTime(erasure.erasedAt)}</Field>
        <Field label="Record versions kept">{formatInteger(erasure.recordVersions)}</Field>
        <Field label="Audit events kept">{formatInteger(erasure.auditEvents)}</Field>
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xs" style={{ overflowWrap: 'anywhere' }}>
        Patient {erasure.patientId}
      </Text>
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm">
        {children}
      </Text>
    </Stack>
  );
}
