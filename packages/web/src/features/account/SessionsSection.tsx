// Where the account is signed in: one row per session, this device marked, each can be signed out,
// and all of them at once after a confirmation.
import { Badge, Button, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../ui/format-time.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useActiveSessions, useRevokeAllSessions, useRevokeSession, type ActiveSession } from './api.ts';
import { deviceName } from './session-device.ts';
import type { SessionInfo } from './session.ts';
import { SettingsSection } from './SettingsSection.tsx';
import { notify } from '../../ui/notify.ts';

/** Takes the session like every settings tab; the list comes from its own query. */
export function SessionsSection(_props: { session: SessionInfo }) {
  const sessions = useActiveSessions();
  const navigate = useNavigate();
  const revoke = useRevokeSession({
    onSignedOut: () => {
      void navigate('/sign-in', { replace: true });
      notify({ message: 'You are signed out.', color: 'brand' });
    },
  });

  const signOut = (session: ActiveSession) =>
    revoke.mutate(session, {
      onSuccess: () => {
        if (!session.current)
          notify({ message: `${deviceName(session.userAgent)} is signed out.`, color: 'brand' });
      },
    });

  return (
    <SettingsSection
      id="sessions-heading"
      title="Sessions"
      intro="Devices and browsers signed in to your account. Sign out any you do not recognise, then change your password."
    >
      {sessions.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading sessions">
          <Skeleton height={72} radius="md" />
          <Skeleton height={72} radius="md" />
        </Stack>
      ) : sessions.isError ? (
        <ProblemAlert error={sessions.error} title="Could not load your sessions">
          <Button variant="default" size="xs" mt="sm" onClick={() => void sessions.refetch()}>
            Try again
          </Button>
        </ProblemAlert>
      ) : (
        <Stack gap="sm" component="ul" className="app-plain-list" aria-label="Signed-in sessions">
          {sortCurrentFirst(sessions.data).map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              busy={revoke.isPending && revoke.variables.id === session.id}
              onSignOut={() => signOut(session)}
            />
          ))}
        </Stack>
      )}
      <ProblemAlert error={revoke.error} title="That session is still signed in" />
      <SignOutEverywhere />
    </SettingsSection>
  );
}

function SessionRow({
  session,
  busy,
  onSignOut,
}: {
  session: ActiveSession;
  busy: boolean;
  onSignOut: () => void;
}) {
  const name = deviceName(session.userAgent);
  return (
    <Paper component="li" withBorder p="md" radius="md">
      <Group justify="space-between" gap="sm" align="center">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Group gap="xs">
            <Text fw={600}>{name}</Text>
            {session.current ? (
              <Badge variant="light" color="green" tt="none">
                This device
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            Signed in {formatDateTime(session.createdAt)} · last active {formatDateTime(session.lastSeenAt)}
          </Text>
          {session.ipAddress ? (
            <Text size="sm" c="dimmed">
              IP address {session.ipAddress}
            </Text>
          ) : null}
        </Stack>
        <Button
          variant="default"
          size="sm"
          loading={busy}
          onClick={onSignOut}
          aria-label={
            session.current
              ? 'Sign out of this device'
              : `Sign out ${name}, signed in ${formatDateTime(session.createdAt)}`
          }
        >
          Sign out
        </Button>
      </Group>
    </Paper>
  );
}

function SignOutEverywhere() {
  const [opened, modal] = useDisclosure(false);
  const navigate = useNavigate();
  const revokeAll = useRevokeAllSessions({
    onSignedOut: () => {
      void navigate('/sign-in', { replace: true });
      notify({ message: 'You are signed out on every device.', color: 'brand' });
    },
  });
  return (
    <>
      <Group>
        <Button variant="light" color="red" onClick={modal.open}>
          Sign out everywhere
        </Button>
      </Group>
      <Modal opened={opened} onClose={modal.close} title="Sign out everywhere?" centered>
        <Stack gap="md">
          <Text size="sm">
            Every device signed in to your account is signed out, this one included. You will need your
            password (and your authenticator app, if it is on) to sign in again.
          </Text>
          <ProblemAlert error={revokeAll.error} title="You are still signed in" />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={modal.close} data-autofocus>
              Cancel
            </Button>
            <Button color="red" loading={revokeAll.isPending} onClick={() => revokeAll.mutate()}>
              Sign out everywhere
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function sortCurrentFirst(sessions: readonly ActiveSession[]): ActiveSession[] {
  return [...sessions].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
}
