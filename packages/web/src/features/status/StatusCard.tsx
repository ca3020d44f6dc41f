// One component of the platform (database, chain, outbox, anchoring) with its state in words.
import { Badge, Card, Group, Skeleton, Stack, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export type Tone = 'good' | 'busy' | 'warning' | 'bad';

const toneColor: Record<Tone, string> = { good: 'green', busy: 'brand', warning: 'yellow', bad: 'red' };

export interface StatusCardProps {
  title: string;
  icon: ReactNode;
  state: { label: string; tone: Tone };
  children: ReactNode;
}

export function StatusCard({ title, icon, state, children }: StatusCardProps) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-label={title}>
      <Stack gap="md">
        <Group justify="space-between" gap="xs" align="center">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" color={toneColor[state.tone]} size="lg" radius="md">
              {icon}
            </ThemeIcon>
            <Title order={3} size="h4">
              {title}
            </Title>
          </Group>
          <Badge variant="light" color={toneColor[state.tone]} size="lg" style={{ flexShrink: 0 }}>
            {state.label}
          </Badge>
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

export function StatusCardSkeleton() {
  return (
    <Card withBorder padding="lg" radius="md" aria-hidden="true">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Skeleton height={34} width={34} radius="md" />
            <Skeleton height={20} width={110} />
          </Group>
          <Skeleton height={26} width={90} radius="xl" />
        </Group>
        <Skeleton height={14} width="80%" />
        <Skeleton height={14} width="60%" />
      </Stack>
    </Card>
  );
}
