// The one-screen summary at the top of the chart: allergies first and hard to miss (or a plain "none
// recorded", which is not the same as "none"), then active problems, current medications, recent vitals
// and results. Each line is a record entry described the way the patient's own timeline does it.
import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { AlertIcon } from '../../ui/icons.tsx';
import type { RecordVersion } from '../record/api.ts';
import { clinicalDate, entryTitle, formatDay, observationValue } from '../record/record-entry.ts';
import type { ChartSummary as Summary } from './api.ts';

export function ChartSummary({ summary }: { summary: Summary }) {
  return (
    <Stack gap="md">
      <Allergies entries={summary.allergies} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <SummaryList id="problems" title="Active problems" empty="No active problems recorded." entries={summary.problems} />
        <SummaryList id="medications" title="Current medications" empty="No current medications recorded." entries={summary.medications} />
        <SummaryList id="vitals" title="Recent vital signs" empty="No vital signs recorded." entries={summary.vitals} withValue />
        <SummaryList id="results" title="Recent results" empty="No results recorded." entries={summary.results} withValue />
      </SimpleGrid>
    </Stack>
  );
}

function Allergies({ entries }: { entries: RecordVersion[] }) {
  const none = entries.length === 0;
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      component="section"
      aria-labelledby="allergies-heading"
      {...(none ? {} : { bg: 'var(--mantine-color-red-light)', style: { borderColor: 'var(--mantine-color-red-7)', borderWidth: 2 } })}
    >
      <Stack gap="xs">
        <Title order={2} size="h3" id="allergies-heading" {...(none ? {} : { c: 'red.9' })}>
          <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
            {none ? null : <AlertIcon />}
            Allergies
          </span>
        </Title>
        {none ? (
          <Text>No known allergies recorded.</Text>
        ) : (
          <List spacing={4} aria-labelledby="allergies-heading">
            {entries.map((entry) => (
              <List.Item key={entry.id}>
                <Text fw={700} span>
                  {entryTitle(entry)}
                </Text>
                {reactionText(entry) ? <Text span> — {reactionText(entry)}</Text> : null}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

/** The reaction and criticality of an AllergyIntolerance, when it says. */
function reactionText(entry: RecordVersion): string | null {
  const r = entry.resource;
  const parts: string[] = [];
  if (typeof r['criticality'] === 'string' && r['criticality'] !== 'unable-to-assess') parts.push(`${r['criticality']} risk`);
  const reactions = Array.isArray(r['reaction']) ? (r['reaction'] as unknown[]) : [];
  for (const reaction of reactions) {
    if (typeof reaction !== 'object' || reaction === null) continue;
    const manifestations = (reaction as { manifestation?: unknown }).manifestation;
    if (!Array.isArray(manifestations)) continue;
    for (const m of manifestations as unknown[]) {
      const text = typeof m === 'object' && m !== null ? ((m as { text?: unknown; coding?: { display?: unknown }[] }).text ?? (m as { coding?: { display?: unknown }[] }).coding?.[0]?.display) : undefined;
      if (typeof text === 'string') parts.push(text);
    }
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

interface SummaryListProps {
  id: string;
  title: string;
  empty: string;
  entries: RecordVersion[];
  withValue?: boolean;
}

function SummaryList({ id, title, empty, entries, withValue = false }: SummaryListProps) {
  const headingId = `${id}-heading`;
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        {entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        ) : (
          <List spacing={4} size="sm" aria-labelledby={headingId}>
            {entries.slice(0, 8).map((entry) => {
              const value = withValue ? observationValue(entry.resource) : undefined;
              return (
                <List.Item key={entry.id}>
                  {entryTitle(entry)}
                  {value === undefined ? '' : `: ${value}`}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {formatDay(clinicalDate(entry))}
                  </Text>
                </List.Item>
              );
            })}
          </List>
        )}
        {entries.length > 8 ? (
          <Text size="xs" c="dimmed">
            And {entries.length - 8} more in the timeline below.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
