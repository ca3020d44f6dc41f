// Live platform status from /readyz: an overall verdict and one card per component, with loading
// skeletons, a clear error state, and stale data kept on screen when a single poll fails.
import { Alert, Badge, Button, Group, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { formatClockTime, formatDateTime, formatDuration, formatInteger } from '../../ui/format-time.ts';
import { AlertIcon, ChainIcon, DatabaseIcon, LayersIcon, QueueIcon, RefreshIcon } from '../../ui/icons.tsx';
import { readinessPollMs, useReadiness, type Readiness } from './api.ts';
import { StatusCard, StatusCardSkeleton, type Tone } from './StatusCard.tsx';

const headingId = 'platform-status-heading';

const verdicts: Record<Readiness['status'], { label: string; color: string }> = {
  ready: { label: 'All systems operational', color: 'green' },
  degraded: { label: 'Degraded', color: 'yellow' },
  unavailable: { label: 'Unavailable', color: 'red' },
};

/** Outbox rows older than this mean anchoring is falling behind. */
const backlogWarningSeconds = 120;

export function PlatformStatus() {
  const readiness = useReadiness();
  const { data, error, isPending, isFetching, dataUpdatedAt, refetch } = readiness;

  return (
    <Stack component="section" aria-labelledby={headingId} gap="md">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2} id={headingId}>
          Platform status
        </Title>
        <div role="status">
          {data ? (
            <Badge size="lg" variant="light" color={verdicts[data.status].color}>
              {verdicts[data.status].label}
            </Badge>
          ) : (
            <VisuallyHidden>
              {isPending ? 'Loading platform status' : 'Platform status unknown'}
            </VisuallyHidden>
          )}
        </div>
      </Group>

      {error ? (
        <Alert
          color={data ? 'yellow' : 'red'}
          variant="light"
          icon={<AlertIcon />}
          title={data ? 'Could not refresh the status' : 'Platform status is unavailable'}
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{error.message}</Text>
            <Text size="sm">
              {data ? `Showing the last status received, from ${formatClockTime(dataUpdatedAt)}. ` : ''}
              Retrying every {readinessPollMs / 1000} seconds.
            </Text>
            <Button
              variant="default"
              size="xs"
              leftSection={<RefreshIcon size={16} />}
              loading={isFetching}
              onClick={() => void refetch()}
            >
              Try again now
            </Button>
          </Stack>
        </Alert>
      ) : null}

      {data ? (
        <>
          <StatusCards readiness={data} />
          <Text size="sm" c="dimmed">
            Last checked at {formatClockTime(dataUpdatedAt)}; refreshes every {readinessPollMs / 1000}{' '}
            seconds.
          </Text>
        </>
      ) : isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" aria-busy="true">
          {[0, 1, 2, 3].map((key) => (
            <StatusCardSkeleton key={key} />
          ))}
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}

function StatusCards({ readiness }: { readiness: Readiness }) {
  const { database, chain, outbox, anchoring } = readiness;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <StatusCard
        title="Database"
        icon={<DatabaseIcon />}
        state={database.ok ? { label: 'Connected', tone: 'good' } : { label: 'Unavailable', tone: 'bad' }}
      >
        {database.ok ? (
          <Text size="sm">Records, consents and the outbox are being stored normally.</Text>
        ) : (
          <Stack gap={6}>
            <Text size="sm" c="dimmed" className="app-hex">
              {database.error ?? 'The database is not answering.'}
            </Text>
            <Text size="sm">New records cannot be saved until the database is back.</Text>
          </Stack>
        )}
      </StatusCard>

      <StatusCard
        title="Blockchain"
        icon={<ChainIcon />}
        state={chain.ok ? { label: 'Connected', tone: 'good' } : { label: 'Unreachable', tone: 'bad' }}
      >
        {chain.ok ? (
          <Facts
            items={[
              ['Chain id', chain.chainId === undefined ? 'Unknown' : String(chain.chainId)],
              [
                'Latest block',
                chain.blockNumber === undefined ? 'Unknown' : formatInteger(chain.blockNumber),
              ],
            ]}
          />
        ) : (
          <Stack gap={6}>
            <Text size="sm" c="dimmed" className="app-hex">
              {chain.error ?? 'The chain node is not answering.'}
            </Text>
            <Text size="sm">Records are still saved and will be anchored when the chain is back.</Text>
          </Stack>
        )}
      </StatusCard>

      <StatusCard title="Anchoring queue" icon={<QueueIcon />} state={outboxState(readiness.outbox)}>
        <Facts
          items={[
            ['Waiting to be anchored', formatInteger(outbox.backlog)],
            [
              'Oldest waiting for',
              outbox.oldestPendingAgeSeconds === null
                ? 'Nothing waiting'
                : formatDuration(outbox.oldestPendingAgeSeconds),
            ],
          ]}
        />
      </StatusCard>

      <StatusCard
        title="Anchored batches"
        icon={<LayersIcon />}
        state={
          anchoring.anchoredBatches > 0
            ? { label: 'On chain', tone: 'good' }
            : { label: 'None yet', tone: 'busy' }
        }
      >
        <Facts
          items={[
            ['Batches on chain', formatInteger(anchoring.anchoredBatches)],
            [
              'Last anchored',
              anchoring.lastAnchoredAt === null ? 'Never' : formatDateTime(anchoring.lastAnchoredAt),
            ],
          ]}
        />
      </StatusCard>
    </SimpleGrid>
  );
}

function outboxState({ backlog, oldestPendingAgeSeconds }: Readiness['outbox']): {
  label: string;
  tone: Tone;
} {
  if (backlog === 0) return { label: 'Empty', tone: 'good' };
  if ((oldestPendingAgeSeconds ?? 0) >= backlogWarningSeconds)
    return { label: 'Falling behind', tone: 'warning' };
  return { label: 'Draining', tone: 'busy' };
}

function Facts({ items }: { items: ReadonlyArray<readonly [label: string, value: string]> }) {
  return (
    <dl className="app-facts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
