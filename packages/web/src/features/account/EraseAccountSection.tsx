// The danger zone of a patient's account settings: erasing the account for good. It says plainly what
// happens, asks for the password (and the current code when two-step sign-in is on) and the word
// ERASE, confirms once more in a dialog, and then leads to a page saying the account was erased.
import { Alert, Anchor, Button, Group, List, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { AlertIcon } from '../../ui/icons.tsx';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { normaliseTotpCode, totpCodeError } from '../auth/totp-code.ts';
import { useEraseAccount, type EraseInput } from './api.ts';
import type { SessionInfo } from './session.ts';
import { SettingsSection } from './SettingsSection.tsx';

const ERASE_WORD = 'ERASE';

export function EraseAccountSection({ session }: { session: SessionInfo }) {
  const erase = useEraseAccount();
  const limited = useRateLimited(erase.error);
  const navigate = useNavigate();
  const [confirming, dialog] = useDisclosure(false);
  const formRef = useRef<HTMLFormElement>(null);
  const withCode = session.mfa.enabled;
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', code: '', confirm: '' },
    validate: {
      password: (value: string) => (value === '' ? 'Enter your password.' : null),
      code: (value: string) => (withCode ? totpCodeError(value) : null),
      confirm: (value: string) => (value.trim() === ERASE_WORD ? null : `Type ${ERASE_WORD} in capital letters.`),
    },
  });

  const eraseNow = () => {
    const { password, code } = form.getValues();
    const input: EraseInput = { password, confirm: 'ERASE', ...(withCode ? { code: normaliseTotpCode(code) } : {}) };
    erase.mutate(input, {
      onSuccess: (erasedAt) => {
        dialog.close();
        void navigate('/account-erased', { replace: true, state: { erasedAt } });
      },
      onError: (error) => {
        dialog.close();
        if (applyServerErrors(form, error, ['password', 'code', 'confirm']) > 0) focusFirstInvalid(formRef.current);
      },
    });
  };

  return (
    <SettingsSection
      id="erase-heading"
      title="Erase my account"
      intro="Erasing your account destroys the key your health record is encrypted with. It cannot be undone."
    >
      <Alert color="red" variant="light" icon={<AlertIcon />} title="Before you erase your account">
        <List size="sm" spacing={4}>
          <List.Item>
            Your health record becomes unreadable forever: by you, by your doctors, and by MedConnect. Your Health ID
            stops working.
          </List.Item>
          <List.Item>
            The fingerprints of your entries on the blockchain and the audit trail of who accessed your record stay.
            Without the destroyed key they cannot be linked to what your record said.
          </List.Item>
          <List.Item>You are signed out everywhere and cannot sign in again with this account.</List.Item>
          <List.Item>
            Save a copy of anything you need from{' '}
            <Anchor component={Link} to="/record">
              your record
            </Anchor>{' '}
            first.
          </List.Item>
        </List>
      </Alert>
      <form
        ref={formRef}
        noValidate
        aria-label="Erase my account"
        onSubmit={form.onSubmit(dialog.open, () => focusFirstInvalid(formRef.current))}
      >
        <Stack gap="md">
          <PasswordInput label="Your password" autoComplete="current-password" {...form.getInputProps('password')} />
          {withCode ? (
            <TextInput
              label="Code from your authenticator app"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              {...form.getInputProps('code')}
            />
          ) : null}
          <TextInput
            label={`Type ${ERASE_WORD} to confirm`}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            {...form.getInputProps('confirm')}
          />
          <ProblemAlert error={confirming ? null : erase.error} title="Your account was not erased" />
          <Group>
            <Button type="submit" color="red" disabled={limited}>
              Erase my account
            </Button>
          </Group>
        </Stack>
      </form>
      <Modal
        opened={confirming}
        onClose={() => {
          if (!erase.isPending) dialog.close();
        }}
        closeOnClickOutside={!erase.isPending}
        closeOnEscape={!erase.isPending}
        withCloseButton={!erase.isPending}
        title="Erase your account now?"
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            Your record will be unreadable forever and your account closed. There is no way back, not even through
            MedConnect support.
          </Text>
          {erase.isPending ? (
            <Text size="sm" role="status">
              Erasing your account…
            </Text>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={dialog.close} disabled={erase.isPending} data-autofocus>
              Keep my account
            </Button>
            <Button color="red" onClick={eraseNow} loading={erase.isPending}>
              Erase forever
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SettingsSection>
  );
}
