// My record: every entry of the signed-in person's lifelong record, newest first, filterable by
// kind and date, with a way for a patient to add their own history. Long records show in pages.
import { Anchor, Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { VerifiedBadge } from '../../ui/VerifiedBadge.tsx';
import { useSession } from '../account/api.ts';
import { AddHistoryForm } from './AddHistoryForm.tsx';
import { ImportBundle } from './ImportBundle.tsx';
import { RecordDownloads } from './RecordDownloads.tsx';
import { useMyRecord, type RecordVersion } from './api.ts';
import {
  authorLabel,
  clinicalDate,
  entryKinds,
  entryTitle,
  filterTimeline,
  formatDay,
  isPatientReported,
  kindLabel,
  kindOf,
  observationValue,
  type EntryKind,
  type TimelineFilter,
} from './record-entry.ts';

const pageSize = 25;

export function RecordPage() {
  const session = useSession();
  const record = useMyRecord();
  const [filter, setFilter] = useState<TimelineFilter>({ kind: null, from: '', to: '' });
  const [shown, setShown] = useState(pageSize);
  const [adding, setAdding] = useState(false);
  const user = session.data?.user;
  const canAdd = user?.role === 'patient' && user.healthId !== null;

  const update = (next: Partial<TimelineFilter>) => {
    setFilter((current) => ({ ...current, ...next }));
    setShown(pageSize);
  };

  return (
    <Stack gap="xl">
      <PageHeader title="My record">
        Every visit, diagnosis, allergy, medication, result and document in your record, newest first. Open an
        entry to see its versions and its proof on chain.
      </PageHeader>

      {canAdd ? (
        <Group gap="sm" wrap="wrap">
          <RecordDownloads />
          <ImportBundle />
        </Group>
      ) : null}

      {canAdd ? (
        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="add-history-heading">
          <Group justify="space-between" gap="sm">
            <Title order={2} size="h3" id="add-history-heading">
              Add to my history
            </Title>
            <Button variant={adding ? 'default' : 'filled'} onClick={() => setAdding((open) => !open)} aria-expanded={adding}>
              {adding ? 'Close' : 'Add an entry'}
            </Button>
          </Group>
          {adding ? (
            <Stack mt="md" gap="sm">
              <Text size="sm" c="dimmed">
                What you add is marked as patient-reported, so anyone reading your record can tell it from what a
                clinician wrote.
              </Text>
              <AddHistoryForm onDone={() => setAdding(false)} />
            </Stack>
          ) : null}
        </Card>
      ) : null}

      <section aria-labelledby="timeline-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="timeline-heading">
            Timeline
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <NativeSelect
              label="Kind"
              value={filter.kind ?? ''}
              onChange={(event) => update({ kind: (event.currentTarget.value || null) as EntryKind | null })}
              data={[{ value: '', label: 'All kinds' }, ...entryKinds.map(({ value, label }) => ({ value, label }))]}
            />
            <TextInput
              type="date"
              label="From"
              value={filter.from}
              onChange={(event) => update({ from: event.currentTarget.value })}
            />
            <TextInput
              type="date"
              label="To"
              value={filter.to}
              onChange={(event) => update({ to: event.currentTarget.value })}
            />
          </SimpleGrid>
          <Timeline
            state={record}
            filter={filter}
            shown={shown}
            currentUserId={user?.id}
            onShowMore={() => setShown((n) => n + pageSize)}
          />
        </Stack>
      </section>
    </Stack>
  );
}

interface TimelineProps {
  state: ReturnType<typeof useMyRecord>;
  filter: TimelineFilter;
  shown: number;
  currentUserId: string | undefined;
  onShowMore: () => void;
}

function Timeline({ state, filter, shown, currentUserId, onShowMore }: TimelineProps) {
  if (state.isPending) return <PageLoader label="Loading your record…" />;
  if (state.isError) {
    return (
      <Stack align="flex-start">
        <ProblemAlert error={state.error} title="Could not load your record" />
        <Button variant="default" onClick={() => void state.refetch()} loading={state.isFetching}>
          Try again
        </Button>
      </Stack>
    );
  }
  if (state.data.length === 0) {
    return <Text c="dimmed">Your record has no entries yet.</Text>;
  }
  const entries = filterTimeline(state.data, filter);
  if (entries.length === 0) return <Text c="dimmed">No entries match these filters.</Text>;
  const visible = entries.slice(0, shown);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" role="status">
        Showing {visible.length} of {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
      </Text>
      <Stack component="ul" gap="sm" className="app-plain-list" aria-label="Record entries">
        {visible.map((entry) => (
          <li key={entry.id}>
            <EntryCard entry={entry} currentUserId={currentUserId} />
          </li>
        ))}
      </Stack>
      {visible.length < entries.length ? (
        <Group>
          <Button variant="default" onClick={onShowMore}>
            Show more ({entries.length - visible.length} left)
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function EntryCard({ entry, currentUserId }: { entry: RecordVersion; currentUserId: string | undefined }) {
  const kind = kindLabel(kindOf(entry.resourceType));
  const value = entry.resourceType === 'Observation' ? observationValue(entry.resource) : undefined;
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" tt="none">
            {kind}
          </Badge>
          {isPatientReported(entry) ? (
            <Badge color="yellow" variant="light" tt="none">
              Patient-reported
            </Badge>
          ) : null}
          <Text size="sm" c="dimmed">
            {formatDay(clinicalDate(entry))}
          </Text>
        </Group>
        <Anchor component={Link} to={`/record/${entry.id}`} fw={600}>
          {entryTitle(entry)}
          {value === undefined ? '' : `: ${value}`}
        </Anchor>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            Written by {authorLabel(entry, currentUserId)} · version {entry.version} · recorded {formatDay(entry.recordedAt)}
          </Text>
          {entry.author?.verified && entry.authorId !== currentUserId ? <VerifiedBadge /> : null}
        </Group>
      </Stack>
    </Card>
  );
}
