// One entry of my record (/record/:id): every version, newest first, with who wrote it and when, and
// the on-chain proof of the latest version, fetched and re-checked against the chain when opened. A
// correction shows who made it, why and what changed; the patient corrects what they reported
// themselves, a doctor with consent corrects any entry the server lets them (it answers 404 otherwise).
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../ui/api-client.ts';
import { CheckIcon, ClockIcon, AlertIcon } from '../../ui/icons.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { VerifiedBadge } from '../../ui/VerifiedBadge.tsx';
import { useSession } from '../account/api.ts';
import { useRecordProof, type RecordProof } from '../verify/api.ts';
import { ProofResult } from '../verify/ProofResult.tsx';
import { useRecordHistory, type RecordVersion } from './api.ts';
import { CorrectionForm } from './CorrectionForm.tsx';
import { VersionChangeList } from './VersionChangeList.tsx';
import {
  authorLabel,
  clinicalDate,
  entryTitle,
  formatDay,
  isPatientReported,
  kindLabel,
  kindOf,
  observationValue,
} from './record-entry.ts';
import { formatDateTime } from '../../ui/format-time.ts';

export function RecordEntryPage() {
  const { id } = useParams();
  const history = useRecordHistory(id);

  if (history.isPending) return <PageLoader label="Loading the entry…" />;
  if (history.isError) {
    const missing = history.error instanceof ApiError && (history.error.status === 404 || history.error.status === 400);
    return (
      <Stack gap="lg" align="flex-start">
        <PageHeader title={missing ? 'Entry not found' : 'Could not load the entry'} />
        <ProblemAlert error={history.error} title={missing ? 'There is no such entry in your record' : 'Something went wrong'} />
        <Anchor component={Link} to="/record">
          Back to my record
        </Anchor>
      </Stack>
    );
  }
  const versions = [...history.data].sort((a, b) => b.version - a.version);
  const latest = versions[0];
  if (latest === undefined) return <PageLoader />;
  return <EntryDetails latest={latest} versions={versions} />;
}

function EntryDetails({ latest, versions }: { latest: RecordVersion; versions: RecordVersion[] }) {
  const session = useSession();
  const location = useLocation();
  const [proofOpen, setProofOpen] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const role = session.data?.user.role;
  const mayCorrect = role === 'doctor' || (role === 'patient' && isPatientReported(latest));
  const back = backLink(location.state as unknown, role);
  const proofRequest = { recordId: latest.id, version: latest.version };
  const proof = useRecordProof(proofRequest);
  const kind = kindLabel(kindOf(latest.resourceType));

  return (
    <Stack gap="xl">
      <Anchor component={Link} to={back.to} size="sm">
        ← {back.label}
      </Anchor>
      <PageHeader title={entryTitle(latest)} />
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" tt="none">
          {kind}
        </Badge>
        {isPatientReported(latest) ? (
          <Badge color="yellow" variant="light" tt="none">
            Patient-reported
          </Badge>
        ) : null}
        <ChainBadge
          proof={proof.data}
          pending={proof.isPending}
          failed={proof.isError}
          open={proofOpen}
          onToggle={() => {
            setProofOpen((open) => !open);
            if (!proofOpen) void proof.refetch();
          }}
        />
      </Group>
      {proofOpen ? <ProofResult request={proofRequest} result={proof} /> : null}
      {mayCorrect ? (
        <Card withBorder padding="md" radius="md" component="section" aria-label="Correct this entry">
          {correcting ? (
            <CorrectionForm key={latest.version} entry={latest} onDone={() => setCorrecting(false)} />
          ) : (
            <Group justify="space-between" gap="sm">
              <Text size="sm">Something wrong? A correction is saved as a new version; this one stays.</Text>
              <Button variant="light" onClick={() => setCorrecting(true)}>
                Correct this entry
              </Button>
            </Group>
          )}
        </Card>
      ) : null}

      <section aria-labelledby="versions-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="versions-heading">
            {versions.length === 1 ? 'One version' : `${versions.length} versions`}
          </Title>
          <Stack component="ol" gap="sm" className="app-plain-list">
            {versions.map((version) => (
              <li key={version.version}>
                <VersionCard
                  version={version}
                  previous={versions.find((v) => v.version === version.version - 1)}
                  currentUserId={session.data?.user.id}
                />
              </li>
            ))}
          </Stack>
        </Stack>
      </section>
    </Stack>
  );
}

/** A doctor came from a patient's chart (the timeline says which); a patient from their record. */
function backLink(state: unknown, role: string | undefined): { to: string; label: string } {
  const from = typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
  if (typeof from === 'string' && from.startsWith('/clinic/')) return { to: from, label: 'Back to the chart' };
  return role === 'doctor' ? { to: '/clinic', label: 'Find a patient' } : { to: '/record', label: 'Back to my record' };
}

interface ChainBadgeProps {
  proof: RecordProof | undefined;
  pending: boolean;
  failed: boolean;
  open: boolean;
  onToggle: () => void;
}

/** The entry's anchoring at a glance; pressing it shows (or hides) the full proof. */
function ChainBadge({ proof, pending, failed, open, onToggle }: ChainBadgeProps) {
  const [label, color, icon] =
    pending || proof === undefined
      ? failed
        ? ['Proof unavailable', 'red', <AlertIcon key="i" size={14} />]
        : ['Checking the chain…', 'brand', <ClockIcon key="i" size={14} />]
      : proof.status === 'pending'
        ? ['Pending anchoring', 'yellow', <ClockIcon key="i" size={14} />]
        : proof.onChain
          ? ['Verified on chain', 'green', <CheckIcon key="i" size={14} />]
          : ['Not found on chain', 'red', <AlertIcon key="i" size={14} />];
  return (
    <Badge
      component="button"
      type="button"
      onClick={onToggle}
      aria-expanded={open}
      title={open ? 'Hide the proof' : 'Show the proof'}
      color={color}
      variant="light"
      tt="none"
      leftSection={icon}
      style={{ cursor: 'pointer' }}
    >
      {label}
    </Badge>
  );
}

interface VersionCardProps {
  version: RecordVersion;
  previous: RecordVersion | undefined;
  currentUserId: string | undefined;
}

function VersionCard({ version, previous, currentUserId }: VersionCardProps) {
  const value = version.resourceType === 'Observation' ? observationValue(version.resource) : undefined;
  const notes = Array.isArray(version.resource['note']) ? (version.resource['note'] as unknown[]) : [];
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap={4}>
        <Text fw={600}>Version {version.version}</Text>
        <Text size="sm">
          {entryTitle(version)}
          {value === undefined ? '' : `: ${value}`}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            About {formatDay(clinicalDate(version))} · written by {authorLabel(version, currentUserId)} on{' '}
            {formatDateTime(version.recordedAt)}
          </Text>
          {version.author?.verified && version.authorId !== currentUserId ? <VerifiedBadge /> : null}
        </Group>
        {previous === undefined ? null : <VersionChangeList version={version} previous={previous} currentUserId={currentUserId} />}
        {notes.map((note, index) =>
          typeof note === 'object' && note !== null && typeof (note as { text?: unknown }).text === 'string' ? (
            <Text size="sm" key={index}>
              Note: {(note as { text: string }).text}
            </Text>
          ) : null,
        )}
        <Button component={Link} to={`/verify?id=${version.id}&version=${version.version}`} variant="subtle" size="compact-sm" w="fit-content">
          Verify version {version.version}
        </Button>
      </Stack>
    </Card>
  );
}
