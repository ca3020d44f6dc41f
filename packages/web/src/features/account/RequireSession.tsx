// Guards the signed-in pages. Signed out: to /sign-in?next=<this page> (plain /sign-in after a
// deliberate sign-out). A role that must enrol MFA first: to /mfa-setup. While the session loads, a spinner; if it cannot be loaded, a way to retry.
import { Button, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { sessionEndedOnPurpose, useSession } from './api.ts';
import { withNext } from './next-path.ts';

export function RequireSession() {
  const session = useSession();
  const queryClient = useQueryClient();
  const location = useLocation();
  const here = location.pathname + location.search;

  if (session.isPending) return <PageLoader label="Checking your session…" />;
  if (session.isError) {
    return (
      <Stack align="flex-start">
        <ProblemAlert error={session.error} title="Could not check whether you are signed in" />
        <Button variant="default" onClick={() => void session.refetch()} loading={session.isFetching}>
          Try again
        </Button>
      </Stack>
    );
  }
  if (session.data === null) {
    // Signed out on purpose: a plain sign-in page. Expired or ended elsewhere: come back here after.
    const target = sessionEndedOnPurpose(queryClient) ? '/sign-in' : withNext('/sign-in', here);
    return <Navigate to={target} replace />;
  }
  if (session.data.mfaEnrolmentRequired && location.pathname !== '/mfa-setup') {
    return <Navigate to={withNext('/mfa-setup', here)} replace />;
  }
  return <Outlet />;
}
