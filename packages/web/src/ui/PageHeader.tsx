// The heading block every page starts with. It also names the browser tab, and its h1 takes focus
// after in-app navigation so screen-reader users hear where they arrived.
import { Stack, Text, Title, rem } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

export const pageHeadingId = 'page-heading';

export interface PageHeaderProps {
  title: string;
  children?: ReactNode;
}

export function PageHeader({ title, children }: PageHeaderProps) {
  useEffect(() => {
    document.title = `${title} · MedConnect`;
  }, [title]);

  return (
    <Stack gap="xs">
      <Title
        order={1}
        id={pageHeadingId}
        tabIndex={-1}
        className="app-page-heading"
        fz={{ base: rem(30), sm: rem(40) }}
      >
        {title}
      </Title>
      {children === undefined ? null : (
        <Text size="lg" c="dimmed" maw="70ch">
          {children}
        </Text>
      )}
    </Stack>
  );
}
