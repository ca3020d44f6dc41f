// The account corner of the header. Signed out: "Sign in" and "Create account". Signed in: the
// person's name and role opening a menu with account settings and sign-out.
import { Avatar, Box, Button, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useSignOut } from './api.ts';
import { roleLabels, type SessionInfo } from './session.ts';
import { notify } from '../../ui/notify.ts';

export function HeaderAccount({ session }: { session: SessionInfo | null | undefined }) {
  // While the session is loading, keep the corner empty rather than flash the wrong buttons.
  if (session === undefined) return null;
  if (session === null) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Button component={Link} to="/sign-in" variant="default" size="sm">
          Sign in
        </Button>
        <Button component={Link} to="/register" size="sm" visibleFrom="sm">
          Create account
        </Button>
      </Group>
    );
  }
  return <AccountMenu session={session} />;
}

/** The phone menu's extra entry for people who are signed out. */
export function SignedOutMenuLinks({ onNavigate }: { onNavigate: () => void }) {
  return (
    <Link to="/register" className="app-nav-link app-nav-link-menu" onClick={onNavigate}>
      Create account
    </Link>
  );
}

function AccountMenu({ session }: { session: SessionInfo }) {
  const navigate = useNavigate();
  const signOut = useSignOut({
    onSignedOut: () => {
      void navigate('/sign-in', { replace: true });
      notify({ message: 'You are signed out.', color: 'brand' });
    },
  });
  const { displayName, email, role } = session.user;
  const roleLabel = roleLabels[role];

  const handleSignOut = () =>
    signOut.mutate(undefined, {
      onError: (error) => notify({ title: 'Could not sign out', message: error.message, color: 'red' }),
    });

  return (
    <Menu
      position="bottom-end"
      width={260}
      shadow="md"
      withinPortal={false}
      withInitialFocusPlaceholder={false}
    >
      <Menu.Target>
        <UnstyledButton className="app-account-button">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="brand" radius="xl" size={34} aria-hidden="true">
              {initials(displayName)}
            </Avatar>
            <Box visibleFrom="sm" style={{ textAlign: 'left', lineHeight: 1.2, maxWidth: 180 }}>
              <Text size="sm" fw={600} truncate="end">
                {displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {roleLabel}
              </Text>
            </Box>
            <Box hiddenFrom="sm">
              <VisuallyHidden>{`${displayName}, ${roleLabel}: account menu`}</VisuallyHidden>
            </Box>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate="end">
            {displayName}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {email}
          </Text>
          <Text size="xs" c="dimmed">
            {roleLabel}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        {session.mfaEnrolmentRequired ? null : (
          <Menu.Item component={Link} to="/account">
            Account settings
          </Menu.Item>
        )}
        <Menu.Item onClick={handleSignOut} disabled={signOut.isPending}>
          {signOut.isPending ? 'Signing out…' : 'Sign out'}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => (part ?? '').charAt(0).toUpperCase()).join('') || '?';
}
