// One consent as the patient sees it: who is asking (with their verified licence), why, what and for how
// long, and the buttons its state allows: approve or decline a request, revoke a grant.
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../ui/format-time.ts';
import { VerifiedBadge } from '../../ui/VerifiedBadge.tsx';
import type { PatientDecision } from './api.ts';
import { ChainStatus } from './ChainStatus.tsx';
import { durationInWords, purposeLabel, scopeInWords, stateLabels, type ConsentView } from './consent-view.ts';

interface ConsentCardProps {
  consent: ConsentView;
  busy: boolean;
  onDecide: (decision: PatientDecision) => void;
}

export function ConsentCard({ consent: c, busy, onDecide }: ConsentCardProps) {
  const headingId = `consent-${c.id}`;
  const state = stateLabels[c.state];
  const who = [c.grantee.specialization, c.grantee.organisation].filter((part): part is string => !!part).join(' · ');
  return (
    <Card withBorder padding="lg" radius="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs" wrap="wrap">
            <Title order={3} size="h4" id={headingId}>
              {c.grantee.name}
            </Title>
            {c.grantee.verified ? <VerifiedBadge label="Verified doctor" /> : (
              <Badge color="orange" variant="light" tt="none">
                Licence not verified
              </Badge>
            )}
          </Group>
          <Badge color={state.color} variant="light" tt="none">
            {state.label}
          </Badge>
        </Group>
        {c.grantee.practitionerId || who ? (
          <Text size="sm" c="dimmed">
            {[c.grantee.practitionerId, who].filter(Boolean).join(' · ')}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
          <Field label="Purpose">{purposeLabel(c.purpose)}</Field>
          <Field label="Can read">{scopeInWords(c.scope)}</Field>
          {c.state === 'requested' ? (
            <>
              <Field label="For">{durationInWords(c)}</Field>
              <Field label="Asked">{formatDateTime(c.requestedAt)}</Field>
            </>
          ) : (
            <>
              <Field label="Since">{c.grantedAt ? formatDateTime(c.grantedAt) : formatDateTime(c.requestedAt)}</Field>
              <Field label={c.state === 'active' ? 'Until' : 'Ended'}>{endText(c)}</Field>
            </>
          )}
        </SimpleGrid>
        {c.onChain.grant || c.onChain.revoke ? (
          <Stack gap="xs">
            <ChainStatus what="Grant" step={c.onChain.grant} />
            <ChainStatus what="Revocation" step={c.onChain.revoke} />
          </Stack>
        ) : null}
        {c.state === 'requested' ? (
          <Group gap="sm">
            <Button color="green" onClick={() => onDecide('approve')} loading={busy} aria-label={`Approve ${c.grantee.name}`}>
              Approve
            </Button>
            <Button variant="default" onClick={() => onDecide('decline')} disabled={busy} aria-label={`Decline ${c.grantee.name}`}>
              Decline
            </Button>
          </Group>
        ) : c.state === 'active' ? (
          <Group>
            <Button color="red" variant="light" onClick={() => onDecide('revoke')} loading={busy} aria-label={`Revoke access for ${c.grantee.name}`}>
              Revoke
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function endText(c: ConsentView): string {
  if (c.state === 'active') return c.expiresAt ? formatDateTime(c.expiresAt) : 'until you revoke it';
  if (c.revokedAt) return formatDateTime(c.revokedAt);
  if (c.expiresAt) return formatDateTime(c.expiresAt);
  return stateLabels[c.state].label;
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
