// The development mailbox (outside production): every email the server "sent", newest first, so
// sign-up, reset and email-change links can be followed without a real mail server.
import { Alert, Anchor, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../../ui/api-client.ts';
import { formatDateTime } from '../../ui/format-time.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useMailbox } from './api.ts';

export function MailboxPage() {
  const mailbox = useMailbox({ poll: true });

  return (
    <Stack gap="xl">
      <PageHeader title="Development mailbox">
        Emails this server would have sent, kept in memory while it runs. It exists only outside production.
      </PageHeader>
      {mailbox.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading the mailbox">
          <Skeleton height={64} radius="md" />
          <Skeleton height={64} radius="md" />
        </Stack>
      ) : mailbox.isError ? (
        mailbox.error instanceof ApiError && mailbox.error.status === 404 ? (
          <Alert color="gray" variant="light" title="No development mailbox here" role="note">
            This server sends real email, so there is nothing to show.
          </Alert>
        ) : (
          <ProblemAlert error={mailbox.error} title="Could not open the mailbox" />
        )
      ) : mailbox.data.length === 0 ? (
        <Alert color="gray" variant="light" title="No messages yet" role="note">
          Sign up or ask for a password reset, and the email appears here within a few seconds.
        </Alert>
      ) : (
        <Stack component="ul" gap="sm" className="app-plain-list" aria-label="Messages">
          {mailbox.data.map((mail) => (
            <Paper component="li" key={mail.id} withBorder p="md" radius="md">
              <Stack gap={4}>
                <Anchor component={Link} to={`/dev/mailbox/${encodeURIComponent(mail.id)}`} fw={600}>
                  {mail.subject}
                </Anchor>
                <Group gap="xs" justify="space-between">
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    To {mail.to}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(mail.sentAt)}
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
