// Access log (/access-log): who read or changed my record, when, why, and whether the event is
// anchored on chain yet. A table on wide screens, a stacked list on a phone; a CSV copy to keep.
import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, useMatches } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../ui/format-time.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { accessLogCsvPath, useAccessLog } from './api.ts';
import {
  actionGroups,
  actionLabel,
  inGroup,
  purposeText,
  roleName,
  type AccessEvent,
  type ActionGroup,
} from './access-event.ts';

const pageSize = 50;

export function AccessLogPage() {
  const log = useAccessLog();
  const [group, setGroup] = useState<ActionGroup | null>(null);
  const [shown, setShown] = useState(pageSize);
  const wide = useMatches({ base: false, md: true });

  return (
    <Stack gap="xl">
      <PageHeader title="Access log">
        Every time someone reads or changes your record, asks for access, or is refused, it is written here and anchored
        on chain, so no one can quietly remove it.
      </PageHeader>
      <Group justify="space-between" align="flex-end" gap="md" wrap="wrap">
        <NativeSelect
          label="Show"
          value={group ?? ''}
          onChange={(event) => {
            setGroup((event.currentTarget.value || null) as ActionGroup | null);
            setShown(pageSize);
          }}
          data={[{ value: '', label: 'Everything' }, ...actionGroups]}
          w={{ base: '100%', xs: 280 }}
        />
        <Button component="a" href={accessLogCsvPath} download variant="default">
          Download CSV
        </Button>
      </Group>
      {log.isPending ? (
        <PageLoader label="Loading the access log…" />
      ) : log.isError ? (
        <ProblemAlert error={log.error} title="The access log could not be loaded">
          <Button mt="sm" variant="light" onClick={() => void log.refetch()}>
            Try again
          </Button>
        </ProblemAlert>
      ) : (
        <Events events={log.data.filter((event) => inGroup(event, group))} wide={wide} shown={shown} onShowMore={() => setShown((n) => n + pageSize)} />
      )}
    </Stack>
  );
}

function Events({ events, wide, shown, onShowMore }: { events: AccessEvent[]; wide: boolean; shown: number; onShowMore: () => void }) {
  if (events.length === 0) return <Text c="dimmed">Nothing to show.</Text>;
  const visible = events.slice(0, shown);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" role="status">
        Showing {visible.length} of {events.length} {events.length === 1 ? 'event' : 'events'}
      </Text>
      {wide ? <EventTable events={visible} /> : <EventList events={visible} />}
      {visible.length < events.length ? (
        <Group>
          <Button variant="default" onClick={onShowMore}>
            Show more ({events.length - visible.length} left)
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function EventTable({ events }: { events: AccessEvent[] }) {
  return (
    <Table striped highlightOnHover verticalSpacing="sm" aria-label="Access events, newest first">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">Who</Table.Th>
          <Table.Th scope="col">What</Table.Th>
          <Table.Th scope="col">Purpose</Table.Th>
          <Table.Th scope="col">Anchored</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((event) => (
          <Table.Tr key={event.id}>
            <Table.Td>{formatDateTime(event.at)}</Table.Td>
            <Table.Td>
              <Who event={event} />
            </Table.Td>
            <Table.Td>
              <What event={event} />
            </Table.Td>
            <Table.Td>{purposeText(event.purpose)}</Table.Td>
            <Table.Td>
              <Anchored anchored={event.anchored} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function EventList({ events }: { events: AccessEvent[] }) {
  return (
    <Stack component="ul" gap="sm" className="app-plain-list" aria-label="Access events, newest first">
      {events.map((event) => (
        <li key={event.id}>
          <Card withBorder padding="md" radius="md">
            <Stack gap={4}>
              <Group justify="space-between" gap="xs">
                <What event={event} />
                <Anchored anchored={event.anchored} />
              </Group>
              <Who event={event} />
              <Text size="sm" c="dimmed">
                {formatDateTime(event.at)} · purpose: {purposeText(event.purpose).toLowerCase()}
              </Text>
            </Stack>
          </Card>
        </li>
      ))}
    </Stack>
  );
}

function Who({ event }: { event: AccessEvent }) {
  const { actor } = event;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {actor.name ?? roleName(actor.role)}
      </Text>
      <Text size="xs" c="dimmed">
        {[roleName(actor.role), actor.practitionerId].filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}

function What({ event }: { event: AccessEvent }) {
  const refused = event.outcome === 'denied' || event.outcome === 'failed';
  return (
    <Text size="sm" fw={refused ? 600 : 400} {...(refused ? { c: 'var(--mantine-color-error)' } : {})}>
      {actionLabel(event)}
    </Text>
  );
}

function Anchored({ anchored }: { anchored: boolean }) {
  return anchored ? (
    <Badge color="green" variant="light" tt="none">
      Anchored
    </Badge>
  ) : (
    <Badge color="yellow" variant="light" tt="none">
      Anchoring pending
    </Badge>
  );
}
