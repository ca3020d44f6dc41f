// The layout of sign-in, sign-up and email-link pages: a heading and one card, centred and narrow
// on a desktop, full width on a phone.
import { Card, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader.tsx';

export interface NarrowPageProps {
  title: string;
  intro?: ReactNode;
  /** Wider for long forms such as registration. */
  size?: 'sm' | 'md';
  children: ReactNode;
  /** Content under the card: links to neighbouring pages. */
  footer?: ReactNode;
}

export function NarrowPage({ title, intro, size = 'sm', children, footer }: NarrowPageProps) {
  return (
    <Stack gap="lg" maw={size === 'sm' ? 480 : 680} mx="auto" w="100%">
      <PageHeader title={title}>{intro}</PageHeader>
      <Card withBorder padding="lg" radius="md">
        {children}
      </Card>
      {footer}
    </Stack>
  );
}
