// Ask for a password-reset link. The answer is the same whether or not an account exists, so the
// page cannot be used to find out who has one.
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { NarrowPage } from '../../ui/NarrowPage.tsx';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { useForgotPassword } from './api.ts';
import { CheckYourEmail } from './CheckYourEmail.tsx';
import { emailError } from './registration-form.ts';

export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const forgot = useForgotPassword();
  const limited = useRateLimited(forgot.error);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: { email: emailError },
    validateInputOnBlur: true,
  });

  if (sentTo !== null) {
    return (
      <NarrowPage title="Check your email">
        <CheckYourEmail email={sentTo} purpose="reset" onStartOver={() => setSentTo(null)} />
      </NarrowPage>
    );
  }
  return (
    <NarrowPage
      title="Reset your password"
      intro="Enter the email address of your account and we will send you a link to choose a new password."
      footer={
        <Text size="sm" ta="center">
          Remembered it?{' '}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </Text>
      }
    >
      <form
        onSubmit={form.onSubmit((values) => {
          const email = values.email.trim();
          forgot.mutate({ email }, { onSuccess: () => setSentTo(email) });
        })}
        noValidate
        aria-label="Reset your password"
      >
        <Stack gap="md">
          <TextInput
            label="Email address"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            {...form.getInputProps('email')}
          />
          <ProblemAlert error={forgot.error} title="Could not send the link" />
          <Button type="submit" loading={forgot.isPending} disabled={limited}>
            Send reset link
          </Button>
        </Stack>
      </form>
    </NarrowPage>
  );
}
