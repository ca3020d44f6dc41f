// Change password: the current one proves it is really the owner; the new one follows the shared
// rules as it is typed. Every other session is signed out afterwards.
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { useChangePassword } from './api.ts';
import { NewPasswordInput } from './NewPasswordInput.tsx';
import { validateNewPassword, validatePasswordConfirmation } from './password-rules.ts';
import type { SessionInfo } from './session.ts';
import { SettingsSection } from './SettingsSection.tsx';
import { notify } from '../../ui/notify.ts';

export function PasswordSection({ session }: { session: SessionInfo }) {
  const change = useChangePassword();
  const limited = useRateLimited(change.error);
  const formRef = useRef<HTMLFormElement>(null);
  const { email, displayName } = session.user;
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirmation: '' },
    validate: {
      currentPassword: (value: string) => (value === '' ? 'Enter your current password.' : null),
      newPassword: (value: string, values) =>
        validateNewPassword(value, { email, displayName }) ??
        (value === values.currentPassword ? 'Choose a password different from your current one.' : null),
      confirmation: (value: string, values) => validatePasswordConfirmation(value, values.newPassword),
    },
    validateInputOnChange: ['newPassword'],
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(
    ({ currentPassword, newPassword }) =>
      change.mutate(
        { currentPassword, newPassword },
        {
          onSuccess: () => {
            form.reset();
            notify({
              title: 'Password changed',
              message: 'Your other devices have been signed out.',
              color: 'green',
            });
          },
          onError: (error) => {
            const placed = applyServerErrors(form, error, ['currentPassword', 'newPassword']);
            if (placed > 0) focusFirstInvalid(formRef.current);
          },
        },
      ),
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <SettingsSection
      id="password-heading"
      title="Password"
      intro="After you change it, every other device signed in to your account is signed out."
    >
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Change password">
        <Stack gap="md">
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordInput
            label="New password"
            {...form.getInputProps('newPassword')}
            value={form.values.newPassword}
          />
          <PasswordInput
            label="Type the new password again"
            autoComplete="new-password"
            {...form.getInputProps('confirmation')}
          />
          <ProblemAlert error={change.error} title="Your password was not changed" />
          <Group>
            <Button type="submit" loading={change.isPending} disabled={limited}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}
