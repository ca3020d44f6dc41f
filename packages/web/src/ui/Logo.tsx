// The MedConnect word mark; links to the person's home page.
import { Group, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';

export function Logo({ to, onNavigate }: { to: string; onNavigate?: () => void }) {
  return (
    <UnstyledButton
      component={Link}
      to={to}
      onClick={onNavigate}
      className="app-logo"
      aria-label="MedConnect home"
    >
      <Group gap={10} wrap="nowrap">
        <svg width="32" height="32" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="8" fill="var(--mantine-primary-color-filled)" />
          <path d="M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z" fill="#fff" />
        </svg>
        <Text
          component="span"
          fw={700}
          fz="xl"
          lh={1}
          c="var(--mantine-color-text)"
          className="app-logo-text"
        >
          MedConnect
        </Text>
      </Group>
    </UnstyledButton>
  );
}
