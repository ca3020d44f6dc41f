// The development text-message outbox (outside production): every text the server "sent", newest
// first, so consent and claim codes for patients without email can be read without a phone.
import { Alert, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { ApiError } from '../../ui/api-client.ts';
import { formatDateTime } from '../../ui/format-time.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useSmsOutbox } from './api.ts';

export function SmsOutboxPage() {
  const outbox = useSmsOutbox({ poll: true });

  return (
    <Stack gap="xl">
      <PageHeader title="Development SMS">
        Text messages this server would have sent. No SMS provider is connected; this page exists only outside
        production.
      </PageHeader>
      {outbox.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading the text messages">
          <Skeleton height={64} radius="md" />
          <Skeleton height={64} radius="md" />
        </Stack>
      ) : outbox.isError ? (
        outbox.error instanceof ApiError && outbox.error.status === 404 ? (
          <Alert color="gray" variant="light" title="No development outbox here" role="note">
            This server does not keep text messages, so there is nothing to show.
          </Alert>
        ) : (
          <ProblemAlert error={outbox.error} title="Could not open the text messages" />
        )
      ) : outbox.data.length === 0 ? (
        <Alert color="gray" variant="light" title="No text messages yet" role="note">
          Ask for consent from a patient registered at the desk, and the code appears here within a few
          seconds.
        </Alert>
      ) : (
        <Stack component="ul" gap="sm" className="app-plain-list" aria-label="Text messages">
          {outbox.data.map((sms) => (
            <Paper component="li" key={sms.id} withBorder p="md" radius="md">
              <Stack gap={4}>
                <Text style={{ overflowWrap: 'anywhere' }}>{sms.text}</Text>
                <Group gap="xs" justify="space-between">
                  <Text size="sm" c="dimmed">
                    To {sms.to}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(sms.sentAt)}
                  </Text>
                </Group>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
