// The second sign-in step: a 6-digit code from the authenticator app, or one of the recovery codes
// saved when two-factor authentication was set up (each works once).
import { Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { isRateLimited } from '../../ui/api-client.ts';
import { focusFirstInvalid } from '../../ui/form-errors.ts';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { useSignInWithRecoveryCode, useSignInWithTotp } from './api.ts';
import { normaliseTotpCode, totpCodeError } from './totp-code.ts';

export function SecondFactorForm({ onStartOver }: { onStartOver: () => void }) {
  const [method, setMethod] = useState<'totp' | 'recovery'>('totp');
  return method === 'totp' ? (
    <TotpStep key="totp" onUseRecovery={() => setMethod('recovery')} onStartOver={onStartOver} />
  ) : (
    <RecoveryStep key="recovery" onUseTotp={() => setMethod('totp')} onStartOver={onStartOver} />
  );
}

function TotpStep({ onUseRecovery, onStartOver }: { onUseRecovery: () => void; onStartOver: () => void }) {
  const signIn = useSignInWithTotp();
  const limited = useRateLimited(signIn.error);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: totpCodeError },
  });
  const submit = form.onSubmit(
    (values) =>
      signIn.mutate(
        { code: normaliseTotpCode(values.code) },
        { onError: (error) => clearUnlessRateLimited(error, () => form.setFieldValue('code', '')) },
      ),
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Authenticator code">
      <Stack gap="md">
        <TextInput
          label="Code from your authenticator app"
          description="Open the app and type the 6-digit code it shows for MedConnect."
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          autoFocus
          classNames={{ input: 'app-mono-input' }}
          {...form.getInputProps('code')}
        />
        <ProblemAlert error={signIn.error} title="You are not signed in yet" />
        <Button type="submit" loading={signIn.isPending} disabled={limited}>
          Verify and sign in
        </Button>
        <Group justify="space-between" gap="xs">
          <Anchor component="button" type="button" size="sm" onClick={onUseRecovery}>
            Use a recovery code instead
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={onStartOver}>
            Start over
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

function RecoveryStep({ onUseTotp, onStartOver }: { onUseTotp: () => void; onStartOver: () => void }) {
  const signIn = useSignInWithRecoveryCode();
  const limited = useRateLimited(signIn.error);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (value: string) => (value.trim() === '' ? 'Enter one of your recovery codes.' : null) },
  });
  const submit = form.onSubmit(
    (values) =>
      signIn.mutate(
        { code: values.code.trim() },
        { onError: (error) => clearUnlessRateLimited(error, () => form.setFieldValue('code', '')) },
      ),
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Recovery code">
      <Stack gap="md">
        <TextInput
          label="Recovery code"
          description="One of the codes you saved when you set up two-factor authentication. Each code works once."
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          autoFocus
          classNames={{ input: 'app-mono-input' }}
          {...form.getInputProps('code')}
        />
        <ProblemAlert error={signIn.error} title="You are not signed in yet" />
        <Button type="submit" loading={signIn.isPending} disabled={limited}>
          Sign in with recovery code
        </Button>
        <Group justify="space-between" gap="xs">
          <Anchor component="button" type="button" size="sm" onClick={onUseTotp}>
            Use your authenticator app instead
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={onStartOver}>
            Start over
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

/** A wrong code is cleared for the next try; after a 429 the same code may still be sent once allowed. */
function clearUnlessRateLimited(error: Error, clear: () => void): void {
  if (!isRateLimited(error)) clear();
}
