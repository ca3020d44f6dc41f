// The frame of one account-settings tab: a heading, a sentence on what it is for, and its content.
import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function SettingsSection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack component="section" aria-labelledby={id} gap="lg" maw={640}>
      <Stack gap={4}>
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {intro === undefined ? null : (
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
        )}
      </Stack>
      {children}
    </Stack>
  );
}
