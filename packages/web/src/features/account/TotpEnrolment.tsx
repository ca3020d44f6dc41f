// Setting up an authenticator app: scan the QR code (or type the setup key), confirm with a code
// from the app, then save the recovery codes, which are shown this once.
import { Alert, Button, Group, Image, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { CopyValue } from '../../ui/CopyValue.tsx';
import { focusFirstInvalid } from '../../ui/form-errors.ts';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { normaliseTotpCode, totpCodeError } from '../auth/totp-code.ts';
import { useEnableTotp, useStartTotpSetup, type TotpSetup } from './api.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';

export interface TotpEnrolmentProps {
  /** Called once the person confirms they saved the recovery codes. */
  onDone: () => void;
  /** Ask the server for a secret at once instead of waiting for a click (the forced setup page). */
  autoStart?: boolean;
}

export function TotpEnrolment({ onDone, autoStart = false }: TotpEnrolmentProps) {
  const start = useStartTotpSetup();
  const { mutate: startSetup } = start;
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    startSetup();
  }, [autoStart, startSetup]);

  if (recoveryCodes !== null) return <RecoveryCodes codes={recoveryCodes} onSaved={onDone} />;
  if (start.isSuccess) return <ScanAndConfirm setup={start.data} onEnabled={setRecoveryCodes} />;
  if (start.isPending) return <PageLoader label="Preparing your setup key…" />;

  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm">
        You need an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator,
        1Password or Aegis.
      </Text>
      <ProblemAlert error={start.error} title="Could not start the setup" />
      <Button onClick={() => startSetup()}>
        {start.isError ? 'Try again' : 'Set up two-factor authentication'}
      </Button>
    </Stack>
  );
}

function ScanAndConfirm({ setup, onEnabled }: { setup: TotpSetup; onEnabled: (codes: string[]) => void }) {
  const enable = useEnableTotp();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: totpCodeError },
  });

  const submit = form.onSubmit(
    (values) =>
      enable.mutate(
        { code: normaliseTotpCode(values.code) },
        { onSuccess: onEnabled, onError: () => form.setFieldValue('code', '') },
      ),
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Text fw={600}>1. Scan this QR code with your authenticator app</Text>
        <Paper withBorder p="sm" radius="md" bg="white" w="fit-content">
          <Image
            src={setup.qrCodeDataUrl}
            alt="QR code for adding MedConnect to your authenticator app"
            w={200}
            h={200}
          />
        </Paper>
      </Stack>
      <Stack gap="xs">
        <Text size="sm" id="totp-setup-key-label">
          Cannot scan it? Choose “enter a setup key” in the app and type this key:
        </Text>
        <div aria-labelledby="totp-setup-key-label" role="group">
          <CopyValue value={groupInFours(setup.secret)} label="setup key" />
        </div>
      </Stack>
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Confirm your authenticator app">
        <Stack gap="sm">
          <Text fw={600}>2. Enter the code the app now shows</Text>
          <TextInput
            label="6-digit code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            maw={220}
            classNames={{ input: 'app-mono-input' }}
            {...form.getInputProps('code')}
          />
          <ProblemAlert error={enable.error} title="Two-factor authentication is not on yet" />
          <Group>
            <Button type="submit" loading={enable.isPending}>
              Turn on two-factor authentication
            </Button>
          </Group>
        </Stack>
      </form>
      <Alert variant="light" color="gray" role="note">
        <Text size="sm">The key and QR code are shown only during this setup. Keep them private.</Text>
      </Alert>
    </Stack>
  );
}

/** Base32 secrets are easier to copy by hand in groups of four; apps ignore the spaces. */
function groupInFours(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
