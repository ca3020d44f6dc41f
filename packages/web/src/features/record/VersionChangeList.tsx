// Under each corrected version: who changed the entry, when and why, and what changed (old → new).
import { List, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../ui/format-time.ts';
import type { RecordVersion } from './api.ts';
import { authorLabel } from './record-entry.ts';
import { correctionReason, versionChanges } from './version-changes.ts';

interface VersionChangeListProps {
  version: RecordVersion;
  previous: RecordVersion;
  currentUserId: string | undefined;
}

export function VersionChangeList({ version, previous, currentUserId }: VersionChangeListProps) {
  const changes = versionChanges(previous.resource, version.resource);
  const reason = correctionReason(version.resource);
  return (
    <Stack gap={4}>
      <Text size="sm">
        Changed by {authorLabel(version, currentUserId)} on {formatDateTime(version.recordedAt)}
        {reason === undefined ? '' : `: ${reason}`}
      </Text>
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          No field changed.
        </Text>
      ) : (
        <List size="sm" spacing={2} aria-label={`Changes in version ${version.version}`} style={{ overflowWrap: 'anywhere' }}>
          {changes.map((change, index) => (
            <List.Item key={`${index}-${change.path}`}>
              <Text span size="sm" fw={600}>
                {change.path}:
              </Text>{' '}
              <Text span size="sm" td={change.before === '—' ? undefined : 'line-through'} c="dimmed">
                {change.before}
              </Text>{' '}
              → {change.after}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
