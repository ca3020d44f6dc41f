// Consents (/consents): the patient's say over who reads their record. Requests waiting for an answer
// come first, then the doctors who have access now (each revocable in one click), then past ones.
// The list refreshes every few seconds, so a request made at the desk appears while the patient waits.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { notify } from '../../ui/notify.ts';
import { useConsentDecision, useMyConsents, type PatientDecision } from './api.ts';
import { ConsentCard } from './ConsentCard.tsx';
import type { ConsentView } from './consent-view.ts';
import { DeclineDialog } from './DeclineDialog.tsx';

export function ConsentsPage() {
  const consents = useMyConsents();
  const decision = useConsentDecision();
  const [declining, setDeclining] = useState<ConsentView | null>(null);

  function decide(consent: ConsentView, chosen: PatientDecision, onDone?: () => void) {
    decision.mutate(
      { consent, decision: chosen },
      {
        onSuccess: () => {
          const done = { approve: 'can now read', decline: 'was declined; they cannot read', revoke: 'can no longer read' }[chosen];
          notify({
            color: chosen === 'approve' ? 'green' : 'blue',
            title: chosen === 'approve' ? 'Access granted' : chosen === 'revoke' ? 'Access revoked' : 'Request declined',
            message:
              chosen === 'decline'
                ? `The request from ${consent.grantee.name} ${done} your record.`
                : `${consent.grantee.name} ${done} your record.`,
          });
          onDone?.();
        },
        onError: (error) => notify({ color: 'red', title: 'That did not work', message: error.message }),
      },
    );
  }

  return (
    <Stack gap="xl">
      <PageHeader title="Consents">
        Doctors read your record only with your consent. Approve or decline their requests, and revoke access at any
        time: it ends at once.
      </PageHeader>
      {consents.isPending ? (
        <PageLoader label="Loading your consents…" />
      ) : consents.isError ? (
        <ProblemAlert error={consents.error} title="Your consents could not be loaded">
          <Button mt="sm" variant="light" onClick={() => void consents.refetch()}>
            Try again
          </Button>
        </ProblemAlert>
      ) : (
        <ConsentSections
          consents={consents.data}
          busyId={decision.isPending ? decision.variables.consent.id : null}
          onDecide={(consent, chosen) => (chosen === 'decline' ? setDeclining(consent) : decide(consent, chosen))}
        />
      )}
      {declining ? (
        <DeclineDialog
          consent={declining}
          pending={decision.isPending}
          error={decision.error}
          onCancel={() => {
            decision.reset();
            setDeclining(null);
          }}
          onConfirm={() => decide(declining, 'decline', () => setDeclining(null))}
        />
      ) : null}
    </Stack>
  );
}

interface SectionsProps {
  consents: ConsentView[];
  busyId: string | null;
  onDecide: (consent: ConsentView, decision: PatientDecision) => void;
}

function ConsentSections({ consents, busyId, onDecide }: SectionsProps) {
  const pending = consents.filter((c) => c.state === 'requested');
  const active = consents.filter((c) => c.state === 'active');
  const past = consents.filter((c) => c.state !== 'requested' && c.state !== 'active');
  return (
    <>
      <Section id="pending-heading" title="Waiting for your answer" empty="No doctor is asking for access right now." items={pending} busyId={busyId} onDecide={onDecide} />
      <Section id="active-heading" title="Who can read your record" empty="No one has access to your record." items={active} busyId={busyId} onDecide={onDecide} />
      <Section id="past-heading" title="Past consents" empty="Nothing here yet." items={past} busyId={busyId} onDecide={onDecide} />
    </>
  );
}

interface SectionProps {
  id: string;
  title: string;
  empty: string;
  items: ConsentView[];
  busyId: string | null;
  onDecide: SectionsProps['onDecide'];
}

function Section({ id, title, empty, items, busyId, onDecide }: SectionProps) {
  return (
    <section aria-labelledby={id}>
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {items.length > 0 ? (
            <Text c="dimmed" size="sm">
              ({items.length})
            </Text>
          ) : null}
        </Group>
        {items.length === 0 ? (
          <Text c="dimmed">{empty}</Text>
        ) : (
          <Stack component="ul" gap="sm" className="app-plain-list" aria-labelledby={id}>
            {items.map((consent) => (
              <li key={consent.id}>
                <ConsentCard consent={consent} busy={busyId === consent.id} onDecide={(decision) => onDecide(consent, decision)} />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </section>
  );
}
