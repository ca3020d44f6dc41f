// My requests (/clinic/requests): every access request the doctor made and what became of it, newest
// first, with a way back to each patient (to enter a code, open the chart or ask again).
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format-time.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { formatHealthId } from '../account/session.ts';
import { durationInWords, purposeLabel, scopeInWords, stateLabels, type ConsentView } from '../consents/consent-view.ts';
import { useRequestedConsents } from './api.ts';
import { DoctorOnly } from './DoctorOnly.tsx';

export function MyRequestsPage() {
  return (
    <DoctorOnly>
      <MyRequests />
    </DoctorOnly>
  );
}

function MyRequests() {
  const requests = useRequestedConsents();
  return (
    <Stack gap="xl">
      <PageHeader title="My requests">Access you asked patients for, and what became of it.</PageHeader>
      {requests.isPending ? (
        <PageLoader label="Loading your requests…" />
      ) : requests.isError ? (
        <ProblemAlert error={requests.error} title="Your requests could not be loaded">
          <Button mt="sm" variant="light" onClick={() => void requests.refetch()}>
            Try again
          </Button>
        </ProblemAlert>
      ) : requests.data.length === 0 ? (
        <Text c="dimmed">
          You have not asked anyone for access yet. <Anchor component={Link} to="/clinic">Find a patient</Anchor> to start.
        </Text>
      ) : (
        <Stack component="ul" gap="sm" className="app-plain-list" aria-label="My requests, newest first">
          {requests.data.map((consent) => (
            <li key={consent.id}>
              <RequestCard consent={consent} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function RequestCard({ consent: c }: { consent: ConsentView }) {
  const state = stateLabels[c.state];
  const healthId = formatHealthId(c.patient.healthId);
  const target = c.state === 'active' ? `/clinic/patients/${c.patient.healthId}` : `/clinic?healthId=${c.patient.healthId}`;
  const action = c.state === 'active' ? 'Open the chart' : c.state === 'requested' ? 'Enter the code' : 'Ask again';
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} ff="monospace">
            {healthId}
          </Text>
          <Badge color={state.color} variant="light" tt="none">
            {state.label}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
          <Field label="Purpose">{purposeLabel(c.purpose)}</Field>
          <Field label="Scope">{scopeInWords(c.scope)}</Field>
          <Field label="Asked">{formatDateTime(c.requestedAt)}</Field>
          <Field label={c.state === 'active' ? 'Until' : 'For'}>
            {c.state === 'active' ? (c.expiresAt ? formatDateTime(c.expiresAt) : 'until revoked') : durationInWords(c)}
          </Field>
        </SimpleGrid>
        <Group>
          <Anchor component={Link} to={target} aria-label={`${action} for patient ${healthId}`}>
            {action}
          </Anchor>
        </Group>
      </Stack>
    </Card>
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
