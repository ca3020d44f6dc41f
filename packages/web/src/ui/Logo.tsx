// The MedConnect word mark; links home.
import { Group, Text, UnstyledButton } from '@mantine/core';
import { linkProps } from './navigation.ts';

export function Logo({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <UnstyledButton component="a" {...linkProps('/', onNavigate)} className="app-logo">
      <Group gap={10} wrap="nowrap">
        <svg width="32" height="32" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="8" fill="var(--mantine-primary-color-filled)" />
          <path d="M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z" fill="#fff" />
        </svg>
        <Text component="span" fw={700} fz="xl" lh={1} c="var(--mantine-color-text)">
          MedConnect
        </Text>
      </Group>
    </UnstyledButton>
  );
}
