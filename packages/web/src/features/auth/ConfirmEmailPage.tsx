// Opened from the link sent to a new email address (/confirm-email#token=…): posting the token
// makes the new address the account's email.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useFragmentToken } from '../../ui/fragment-token.ts';
import { CheckIcon } from '../../ui/icons.tsx';
import { NarrowPage } from '../../ui/NarrowPage.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { sessionQueryKey, useSession } from '../account/api.ts';
import { useConfirmEmailChange } from './api.ts';

export function ConfirmEmailPage() {
  const token = useFragmentToken();
  const confirm = useConfirmEmailChange();
  const { mutate } = confirm;
  const queryClient = useQueryClient();
  const signedIn = Boolean(useSession().data);
  const posted = useRef(false);

  useEffect(() => {
    if (token === null || posted.current) return;
    posted.current = true;
    mutate({ token }, { onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionQueryKey }) });
  }, [token, mutate, queryClient]);

  const onward = signedIn ? (
    <Button component={Link} to="/account/email" variant="default">
      Go to account settings
    </Button>
  ) : (
    <Button component={Link} to="/sign-in" variant="default">
      Sign in
    </Button>
  );

  if (token === null) {
    return (
      <NarrowPage title="Confirm your new email">
        <Stack gap="md" align="flex-start">
          <Alert color="yellow" variant="light" title="This link is incomplete" w="100%">
            Open the link from the email again, or copy all of it into the address bar.
          </Alert>
          {onward}
        </Stack>
      </NarrowPage>
    );
  }
  if (confirm.isSuccess) {
    return (
      <NarrowPage title="Email address changed">
        <Stack gap="md" align="flex-start">
          <Alert
            color="green"
            variant="light"
            icon={<CheckIcon />}
            title="Your new email address is confirmed"
            w="100%"
            role="status"
          >
            {confirm.data}
          </Alert>
          {onward}
        </Stack>
      </NarrowPage>
    );
  }
  if (confirm.isError) {
    return (
      <NarrowPage title="Confirm your new email">
        <Stack gap="md" align="flex-start">
          <ProblemAlert error={confirm.error} title="This link did not work">
            <Text size="sm" mt="xs">
              You can ask for a new link by changing your email again in account settings.
            </Text>
          </ProblemAlert>
          {onward}
        </Stack>
      </NarrowPage>
    );
  }
  return (
    <NarrowPage title="Confirm your new email">
      <PageLoader label="Confirming your new email address…" />
    </NarrowPage>
  );
}
