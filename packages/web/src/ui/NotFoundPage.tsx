// Shown for any path the app does not know.
import { Button, Stack } from '@mantine/core';
import { linkProps } from './navigation.ts';
import { PageHeader } from './PageHeader.tsx';

export function NotFoundPage() {
  return (
    <Stack align="flex-start">
      <PageHeader title="Page not found">There is no page at this address.</PageHeader>
      <Button component="a" {...linkProps('/')}>
        Go to the status page
      </Button>
    </Stack>
  );
}
