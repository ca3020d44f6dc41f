// Two-factor authentication in account settings: set it up, or see that it is on. Patients may turn
// it off (password and a current code, after a confirmation); roles that require it cannot.
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { applyServerErrors } from '../../ui/form-errors.ts';
import { ShieldCheckIcon } from '../../ui/icons.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { normaliseTotpCode, totpCodeError } from '../auth/totp-code.ts';
import { sessionQueryKey, useDisableTotp } from './api.ts';
import type { SessionInfo } from './session.ts';
import { SettingsSection } from './SettingsSection.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';
import { notify } from '../../ui/notify.ts';

export function TwoFactorSection({ session }: { session: SessionInfo }) {
  const queryClient = useQueryClient();
  const { enabled, required } = session.mfa;
  // Stays true from the start of a setup until the recovery codes are saved, so a session refresh
  // in the background (which already says "enabled") cannot take the codes off the screen.
  const [enrolling, setEnrolling] = useState(!enabled);

  return (
    <SettingsSection
      id="two-factor-heading"
      title="Two-factor authentication"
      intro="When you sign in, you also type a code from an app on your phone, so a stolen password alone is not enough."
    >
      {enabled && !enrolling ? (
        <Stack gap="md">
          <Alert
            color="green"
            variant="light"
            icon={<ShieldCheckIcon />}
            title="Two-factor authentication is on"
            role="status"
          >
            {required
              ? 'Your role requires it, so it stays on.'
              : 'You will be asked for a code from your authenticator app each time you sign in.'}
          </Alert>
          {required ? null : <DisableTotp onDisabled={() => setEnrolling(true)} />}
        </Stack>
      ) : (
        <TotpEnrolment
          onDone={() => {
            void queryClient.invalidateQueries({ queryKey: sessionQueryKey }).then(() => setEnrolling(false));
          }}
        />
      )}
    </SettingsSection>
  );
}

function DisableTotp({ onDisabled }: { onDisabled: () => void }) {
  const [opened, modal] = useDisclosure(false);
  const disable = useDisableTotp();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', code: '' },
    validate: {
      password: (value: string) => (value === '' ? 'Enter your password.' : null),
      code: totpCodeError,
    },
  });
  const close = () => {
    modal.close();
    form.reset();
    disable.reset();
  };

  return (
    <>
      <Group>
        <Button variant="default" color="red" onClick={modal.open}>
          Turn off two-factor authentication
        </Button>
      </Group>
      <Modal opened={opened} onClose={close} title="Turn off two-factor authentication?" centered>
        <form
          onSubmit={form.onSubmit((values) =>
            disable.mutate(
              { password: values.password, code: normaliseTotpCode(values.code) },
              {
                onSuccess: () => {
                  close();
                  onDisabled();
                  notify({ message: 'Two-factor authentication is off.', color: 'yellow' });
                },
                onError: (error) => applyServerErrors(form, error, ['password', 'code']),
              },
            ),
          )}
          noValidate
        >
          <Stack gap="md">
            <Text size="sm">
              Your account will be protected by your password alone, and your recovery codes stop working.
            </Text>
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              data-autofocus
              {...form.getInputProps('password')}
            />
            <TextInput
              label="Code from your authenticator app"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              {...form.getInputProps('code')}
            />
            <ProblemAlert error={disable.error} title="Two-factor authentication is still on" />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Keep it on
              </Button>
              <Button type="submit" color="red" loading={disable.isPending}>
                Turn off
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
