// Opened from the verification email (/verify-email#token=…). The token is posted once, as soon as
// the page opens; a link that expired or was already used says so and offers a new one.
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useFragmentToken } from '../../ui/fragment-token.ts';
import { CheckIcon } from '../../ui/icons.tsx';
import { NarrowPage } from '../../ui/NarrowPage.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { useResendVerification, useVerifyEmail } from './api.ts';
import { emailError } from './registration-form.ts';

export function VerifyEmailPage() {
  const token = useFragmentToken();
  const verify = useVerifyEmail();
  const { mutate } = verify;
  const posted = useRef(false);

  useEffect(() => {
    // Once per page: a second post of the same token would only be told the link was used.
    if (token === null || posted.current) return;
    posted.current = true;
    mutate({ token });
  }, [token, mutate]);

  if (token === null) {
    return (
      <NarrowPage title="Verify your email">
        <Stack gap="md">
          <Alert color="yellow" variant="light" title="This link is incomplete">
            Open the link from the email again, or copy all of it into the address bar. You can also ask for a
            new link.
          </Alert>
          <ResendVerificationForm />
        </Stack>
      </NarrowPage>
    );
  }
  if (verify.isSuccess) {
    return (
      <NarrowPage title="Email verified">
        <Stack gap="md" align="flex-start">
          <Alert
            color="green"
            variant="light"
            icon={<CheckIcon />}
            title="Your email address is verified"
            w="100%"
            role="status"
          >
            {verify.data}
          </Alert>
          <Button component={Link} to="/sign-in">
            Sign in
          </Button>
        </Stack>
      </NarrowPage>
    );
  }
  if (verify.isError) {
    return (
      <NarrowPage title="Verify your email">
        <Stack gap="md">
          <ProblemAlert error={verify.error} title="This link did not work" />
          <ResendVerificationForm />
        </Stack>
      </NarrowPage>
    );
  }
  return (
    <NarrowPage title="Verify your email">
      <PageLoader label="Verifying your email address…" />
    </NarrowPage>
  );
}

function ResendVerificationForm() {
  const resend = useResendVerification();
  const limited = useRateLimited(resend.error);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: { email: emailError },
    validateInputOnBlur: true,
  });

  if (resend.isSuccess) {
    return (
      <Alert color="green" variant="light" icon={<CheckIcon />} title="Check your email" role="status">
        {resend.data}
      </Alert>
    );
  }
  return (
    <form onSubmit={form.onSubmit((values) => resend.mutate({ email: values.email.trim() }))} noValidate>
      <Stack gap="sm">
        <Text fw={600}>Get a new link</Text>
        <TextInput
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          {...form.getInputProps('email')}
        />
        <ProblemAlert error={resend.error} title="Could not send a new link" />
        <Button
          type="submit"
          loading={resend.isPending}
          disabled={limited}
          style={{ alignSelf: 'flex-start' }}
        >
          Send a new link
        </Button>
      </Stack>
    </form>
  );
}
