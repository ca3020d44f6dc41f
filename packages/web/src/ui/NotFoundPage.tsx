// Shown for any path the app does not know.
import { Button, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from './PageHeader.tsx';

export function NotFoundPage() {
  return (
    <Stack align="flex-start">
      <PageHeader title="Page not found">There is no page at this address.</PageHeader>
      <Button component={Link} to="/">
        Go to the status page
      </Button>
    </Stack>
  );
}
