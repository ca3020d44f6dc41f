// Forced two-factor setup: doctors, pharmacists, staff, registrars and admins land here after
// their first sign-in and can do nothing else until it is done. Others may use it too.
import { Alert, Button, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ShieldCheckIcon } from '../../ui/icons.tsx';
import { NarrowPage } from '../../ui/NarrowPage.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { sessionQueryKey, useSession } from './api.ts';
import { safeNextPath } from './next-path.ts';
import { roleLabels } from './session.ts';
import { TotpEnrolment } from './TotpEnrolment.tsx';

export function MfaSetupPage() {
  const session = useSession().data;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  // Fixed when the page opens: a background refresh that already says "enabled" must not swap the
  // recovery codes for the "already on" message before they are saved.
  const [alreadyOn] = useState(() => session?.mfa.enabled === true);

  if (!session) return <PageLoader />;

  if (alreadyOn) {
    return (
      <NarrowPage title="Two-factor authentication">
        <Stack gap="md" align="flex-start">
          <Alert
            color="green"
            variant="light"
            icon={<ShieldCheckIcon />}
            title="Two-factor authentication is on"
            w="100%"
            role="note"
          >
            Your account already asks for a code from your authenticator app when you sign in.
          </Alert>
          <Button component={Link} to="/home">
            Go to your home page
          </Button>
        </Stack>
      </NarrowPage>
    );
  }

  const finish = async () => {
    await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    void navigate(safeNextPath(searchParams.get('next')), { replace: true });
  };

  return (
    <NarrowPage
      title="Set up two-factor authentication"
      size="md"
      intro={
        session.mfa.required
          ? `As a ${roleLabels[session.user.role].toLowerCase()}, you sign in with a password and a code from an authenticator app. Set it up now to continue.`
          : 'Sign in with your password and a code from an authenticator app.'
      }
    >
      <TotpEnrolment autoStart onDone={() => void finish()} />
    </NarrowPage>
  );
}
