// The registrar's licence review: the queue of professionals by status, the details each submitted,
// and the decisions (approve, reject with a reason, suspend with a reason, reinstate), each confirmed
// in a dialog first.
import { Badge, Button, Card, DataList, Group, Modal, Stack, Tabs, Text, Textarea, Title, useMatches } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatDateTime } from '../../ui/format-time.ts';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import type { ProfessionalStatus } from '../account/session.ts';
import { useApplications, useDecision, type Application, type Decision } from './api.ts';
import { EmergencyReviews } from './EmergencyReviews.tsx';
import { ErasedAccounts } from './ErasedAccounts.tsx';
import { LicenceDocumentLink } from './LicenceDocumentLink.tsx';

const tabs: { status: ProfessionalStatus; label: string }[] = [
  { status: 'pending', label: 'Pending' },
  { status: 'verified', label: 'Verified' },
  { status: 'rejected', label: 'Rejected' },
  { status: 'suspended', label: 'Suspended' },
];

const kindLabel = { doctor: 'Doctor', pharmacist: 'Pharmacist', staff: 'Hospital staff' } as const;

/** What each decision is called, what it does, and whether it needs a reason. */
const decisions: Record<Decision, { label: string; done: string; explain: string; reason: boolean; color: string }> = {
  approve: {
    label: 'Approve',
    done: 'approved',
    explain: 'The licence becomes verified on chain and a MedConnect practitioner identifier is assigned.',
    reason: false,
    color: 'green',
  },
  reject: {
    label: 'Reject',
    done: 'rejected',
    explain: 'The professional is told the reason by email and cannot act clinically.',
    reason: true,
    color: 'red',
  },
  suspend: {
    label: 'Suspend',
    done: 'suspended',
    explain: 'The verification is suspended on chain; the professional is told the reason by email.',
    reason: true,
    color: 'red',
  },
  reinstate: {
    label: 'Reinstate',
    done: 'reinstated',
    explain: 'The professional is verified again on chain, with the same practitioner identifier.',
    reason: false,
    color: 'green',
  },
};

const available: Record<ProfessionalStatus, Decision[]> = {
  pending: ['approve', 'reject'],
  verified: ['suspend'],
  rejected: [],
  suspended: ['reinstate'],
};

export function LicenceReviewPage() {
  const [status, setStatus] = useState<ProfessionalStatus>('pending');
  const [chosen, setChosen] = useState<{ application: Application; decision: Decision } | null>(null);
  return (
    <Stack gap="xl">
      <PageHeader title="Licence review">
        Check the licence details professionals submitted, then approve, reject or suspend them.
      </PageHeader>
      <Tabs value={status} onChange={(value) => setStatus((value ?? 'pending') as ProfessionalStatus)}>
        <Tabs.List aria-label="Applications by status">
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.status} value={tab.status}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.status} value={tab.status} pt="lg">
            {tab.status === status ? (
              <Queue status={status} onDecide={(application, decision) => setChosen({ application, decision })} />
            ) : null}
          </Tabs.Panel>
        ))}
      </Tabs>
      {chosen ? <DecisionDialog {...chosen} onClose={() => setChosen(null)} /> : null}
      <EmergencyReviews />
      <ErasedAccounts />
    </Stack>
  );
}

function Queue({
  status,
  onDecide,
}: {
  status: ProfessionalStatus;
  onDecide: (application: Application, decision: Decision) => void;
}) {
  const query = useApplications(status);
  if (query.isPending) return <PageLoader label="Loading applications…" />;
  if (query.isError) {
    return (
      <ProblemAlert error={query.error} title="The queue could not be loaded">
        <Button mt="sm" variant="light" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </ProblemAlert>
    );
  }
  if (query.data.length === 0) return <Text c="dimmed">No {status} applications.</Text>;
  return (
    <Stack gap="md">
      {query.data.map((application) => (
        <ApplicationCard key={application.userId} application={application} onDecide={onDecide} />
      ))}
    </Stack>
  );
}

function ApplicationCard({
  application,
  onDecide,
}: {
  application: Application;
  onDecide: (application: Application, decision: Decision) => void;
}) {
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', sm: 'horizontal' });
  const headingId = `application-${application.userId}`;
  const a = application;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {a.displayName}
          </Title>
          <Badge variant="light">{kindLabel[a.kind]}</Badge>
        </Group>
        <DataList orientation={orientation} labelWidth="12rem" gap="sm" withDivider>
          <Item label="Email">{a.email}</Item>
          {a.kind === 'doctor' ? (
            <>
              <Item label="Licence number">{a.licenceNumber}</Item>
              <Item label="Issuing council">{a.council}</Item>
              <Item label="Registration year">{a.registrationYear}</Item>
              <Item label="Qualification">{a.qualification}</Item>
              <Item label="Specialization">{a.specialization}</Item>
            </>
          ) : (
            <>
              <Item label="Organisation">{a.organisation}</Item>
              <Item label="Organisation licence">{a.organisationLicenceNumber}</Item>
            </>
          )}
          <Item label="Licence document">
            <LicenceDocumentLink userId={a.userId} displayName={a.displayName} document={a.licenceDocument} />
          </Item>
          <Item label="Submitted">{formatDateTime(a.submittedAt)}</Item>
          {a.practitionerId ? <Item label="Practitioner identifier">{a.practitionerId}</Item> : null}
          {a.reviewReason ? <Item label="Reason given">{a.reviewReason}</Item> : null}
          {a.reviewedAt ? <Item label="Last reviewed">{formatDateTime(a.reviewedAt)}</Item> : null}
        </DataList>
        {available[a.status].length > 0 ? (
          <Group gap="sm">
            {available[a.status].map((decision) => (
              <Button
                key={decision}
                color={decisions[decision].color}
                variant={decisions[decision].reason ? 'light' : 'filled'}
                onClick={() => onDecide(a, decision)}
                aria-label={`${decisions[decision].label} ${a.displayName}`}
              >
                {decisions[decision].label}
              </Button>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function DecisionDialog({
  application,
  decision,
  onClose,
}: {
  application: Application;
  decision: Decision;
  onClose: () => void;
}) {
  const meta = decisions[decision];
  const mutation = useDecision();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  function confirm() {
    const trimmed = reason.trim();
    if (meta.reason && (trimmed.length < 3 || trimmed.length > 500)) {
      setReasonError('Give a reason of 3 to 500 characters.');
      return;
    }
    mutation.mutate(
      { userId: application.userId, decision, ...(meta.reason ? { reason: trimmed } : {}) },
      {
        onSuccess: () => {
          notify({ message: `${application.displayName} was ${meta.done}.`, color: 'green' });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={`${meta.label} ${application.displayName}?`} centered>
      <Stack gap="md">
        <Text size="sm">{meta.explain}</Text>
        {meta.reason ? (
          <Textarea
            label="Reason"
            description="Sent to the professional by email. No health data."
            required
            autosize
            minRows={3}
            maxLength={500}
            value={reason}
            error={reasonError}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setReasonError(null);
            }}
          />
        ) : null}
        <ProblemAlert error={mutation.error} title={`Could not ${meta.label.toLowerCase()}`} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button color={meta.color} onClick={confirm} loading={mutation.isPending}>
            {meta.label}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children ?? '—'}</DataList.ItemValue>
    </DataList.Item>
  );
}
