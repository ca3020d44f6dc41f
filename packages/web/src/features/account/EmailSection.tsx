// Change email: the new address gets a confirmation link and becomes the account's email only once
// that link is opened; the password guards against someone at an unlocked screen.
import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { CheckIcon } from '../../ui/icons.tsx';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { emailError } from '../auth/registration-form.ts';
import { useChangeEmail } from './api.ts';
import type { SessionInfo } from './session.ts';
import { SettingsSection } from './SettingsSection.tsx';

export function EmailSection({ session }: { session: SessionInfo }) {
  const change = useChangeEmail();
  const limited = useRateLimited(change.error);
  const formRef = useRef<HTMLFormElement>(null);
  const current = session.user.email;
  const form = useForm({
    mode: 'controlled',
    initialValues: { newEmail: '', password: '' },
    validate: {
      newEmail: (value: string) =>
        emailError(value) ??
        (value.trim().toLowerCase() === current.toLowerCase() ? 'That is already your email address.' : null),
      password: (value: string) => (value === '' ? 'Enter your password.' : null),
    },
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(
    (values) =>
      change.mutate(
        { newEmail: values.newEmail.trim(), password: values.password },
        {
          onSuccess: () => form.setFieldValue('password', ''),
          onError: (error) => {
            if (applyServerErrors(form, error, ['newEmail', 'password']) > 0)
              focusFirstInvalid(formRef.current);
          },
        },
      ),
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <SettingsSection id="email-heading" title="Email">
      <Text size="sm">
        Your email address is{' '}
        <Text component="strong" fw={700} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {current}
        </Text>
        .
      </Text>
      {change.isSuccess ? (
        <Alert color="green" variant="light" icon={<CheckIcon />} title="Check your new inbox" role="status">
          {change.data} Your email stays {current} until you open that link.
        </Alert>
      ) : null}
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Change email">
        <Stack gap="md">
          <TextInput
            label="New email address"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            {...form.getInputProps('newEmail')}
          />
          <PasswordInput
            label="Your password"
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <ProblemAlert error={change.error} title="Your email was not changed" />
          <Group>
            <Button type="submit" loading={change.isPending} disabled={limited}>
              Send confirmation link
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}
