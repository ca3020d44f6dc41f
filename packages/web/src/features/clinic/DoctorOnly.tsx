// The clinic pages are for doctors: anyone else who lands here (say, from a scanned QR code) is told so.
import { Anchor, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../ui/api-client.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useSession } from '../account/api.ts';

export function DoctorOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.data?.user.role === 'doctor') return children;
  return (
    <Stack gap="lg" align="flex-start">
      <PageHeader title="For doctors only" />
      <ProblemAlert
        error={new ApiError(403, 'For doctors only', 'Only a doctor can look up patients and ask for access to their records.')}
      />
      <Anchor component={Link} to="/home">
        Go to your home page
      </Anchor>
    </Stack>
  );
}
