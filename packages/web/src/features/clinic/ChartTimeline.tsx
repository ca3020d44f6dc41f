// The chart's timeline: every entry the doctor may read, newest first, described as in the patient's
// own record (kind, date, title, value, who wrote it, with their verified badge). Each title opens the
// entry's page: its versions, who changed what, its proof, and "Correct this entry".
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { VerifiedBadge } from '../../ui/VerifiedBadge.tsx';
import { useSession } from '../account/api.ts';
import type { RecordVersion } from '../record/api.ts';
import {
  authorLabel,
  clinicalDate,
  entryTitle,
  filterTimeline,
  formatDay,
  isPatientReported,
  kindLabel,
  kindOf,
  observationValue,
} from '../record/record-entry.ts';

const pageSize = 25;

export function ChartTimeline({ entries }: { entries: RecordVersion[] }) {
  const session = useSession();
  const [shown, setShown] = useState(pageSize);
  const sorted = filterTimeline(entries, { kind: null, from: '', to: '' });
  const visible = sorted.slice(0, shown);
  const me = session.data?.user.id;
  const { pathname } = useLocation();
  return (
    <section aria-labelledby="chart-timeline-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="chart-timeline-heading">
          Timeline
        </Title>
        {sorted.length === 0 ? (
          <Text c="dimmed">Nothing you may read is in this record yet.</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed" role="status">
              Showing {visible.length} of {sorted.length} {sorted.length === 1 ? 'entry' : 'entries'}
            </Text>
            <Stack component="ul" gap="sm" className="app-plain-list" aria-label="Chart entries">
              {visible.map((entry) => {
                const value = entry.resourceType === 'Observation' ? observationValue(entry.resource) : undefined;
                return (
                  <li key={entry.id}>
                    <Card withBorder padding="md" radius="md">
                      <Stack gap={6}>
                        <Group gap="xs" wrap="wrap">
                          <Badge variant="light" tt="none">
                            {kindLabel(kindOf(entry.resourceType))}
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
                        <Anchor component={Link} to={`/record/${entry.id}`} state={{ from: pathname }} fw={600}>
                          {entryTitle(entry)}
                          {value === undefined ? '' : `: ${value}`}
                        </Anchor>
                        <Group gap="xs" wrap="wrap">
                          <Text size="sm" c="dimmed">
                            Written by {authorLabel(entry, me)} · recorded {formatDay(entry.recordedAt)}
                          </Text>
                          {entry.author?.verified && entry.authorId !== me ? <VerifiedBadge /> : null}
                        </Group>
                      </Stack>
                    </Card>
                  </li>
                );
              })}
            </Stack>
            {visible.length < sorted.length ? (
              <Group>
                <Button variant="default" onClick={() => setShown((n) => n + pageSize)}>
                  Show more ({sorted.length - visible.length} left)
                </Button>
              </Group>
            ) : null}
          </>
        )}
      </Stack>
    </section>
  );
}
