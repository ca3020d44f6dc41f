// Taking over an account a clinic registered: first the Health ID from the card and the phone number
// (or email) the clinic wrote down, which brings a six-digit code; then the code, an email address and
// a password of the patient's own. From then on only they sign in and decide who sees their record.
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { CheckIcon } from '../../ui/icons.tsx';
import { NarrowPage } from '../../ui/NarrowPage.tsx';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { NewPasswordInput } from '../account/NewPasswordInput.tsx';
import { validateNewPassword, validatePasswordConfirmation } from '../account/password-rules.ts';
import { emailError } from '../auth/registration-form.ts';
import { useFinishClaim, useStartClaim, type ClaimResult } from './api.ts';

const healthIdError = (value: string) =>
  value.replace(/[\s-]/g, '').length === 14 ? null : 'Enter the 14 digits of the Health ID on the card.';

export function ClaimAccountPage() {
  const [started, setStarted] = useState<{ healthId: string; message: string } | null>(null);
  const [claimed, setClaimed] = useState<ClaimResult | null>(null);

  if (claimed) {
    return (
      <NarrowPage title="Your account is yours">
        <Stack gap="md" align="flex-start">
          <Alert
            color="green"
            variant="light"
            icon={<CheckIcon />}
            title="Account taken over"
            w="100%"
            role="status"
          >
            {claimed.message}
          </Alert>
          {claimed.status === 'active' ? (
            <Button component={Link} to="/sign-in">
              Sign in
            </Button>
          ) : null}
        </Stack>
      </NarrowPage>
    );
  }

  return (
    <NarrowPage
      title="Take over your account"
      intro="A clinic registered you on MedConnect. Take over the account to see your record and decide who may read it."
      footer={
        <Text size="sm" ta="center">
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </Text>
      }
    >
      {started ? (
        <FinishStep
          healthId={started.healthId}
          sentMessage={started.message}
          onClaimed={setClaimed}
          onStartOver={() => setStarted(null)}
        />
      ) : (
        <StartStep onStarted={(healthId, message) => setStarted({ healthId, message })} />
      )}
    </NarrowPage>
  );
}

function StartStep({ onStarted }: { onStarted: (healthId: string, message: string) => void }) {
  const start = useStartClaim();
  const limited = useRateLimited(start.error);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { healthId: '', phoneOrEmail: '' },
    validate: {
      healthId: healthIdError,
      phoneOrEmail: (value: string) =>
        value.trim() === '' ? 'Enter the phone number or email address the clinic registered.' : null,
    },
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(
    (values) =>
      start.mutate(
        { healthId: values.healthId.trim(), phoneOrEmail: values.phoneOrEmail.trim() },
        {
          onSuccess: (message) => onStarted(values.healthId.trim(), message),
          onError: (error) => {
            if (applyServerErrors(form, error, ['healthId', 'phoneOrEmail']) > 0)
              focusFirstInvalid(formRef.current);
          },
        },
      ),
    () => focusFirstInvalid(formRef.current),
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Ask for a code">
      <Stack gap="md">
        <TextInput
          label="Health ID"
          description="The 14 digits on your card."
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps('healthId')}
        />
        <TextInput
          label="Phone number or email address"
          description="The one the clinic registered. Give the phone number with its country code."
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('phoneOrEmail')}
        />
        <ProblemAlert error={start.error} title="No code was sent" />
        <Button type="submit" loading={start.isPending} disabled={limited}>
          Send me a code
        </Button>
      </Stack>
    </form>
  );
}

function FinishStep({
  healthId,
  sentMessage,
  onClaimed,
  onStartOver,
}: {
  healthId: string;
  sentMessage: string;
  onClaimed: (result: ClaimResult) => void;
  onStartOver: () => void;
}) {
  const finish = useFinishClaim();
  const limited = useRateLimited(finish.error);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '', email: '', password: '', confirmation: '' },
    validate: {
      code: (value: string) =>
        /^\d{6}$/.test(value.replace(/[\s-]/g, '')) ? null : 'Enter the 6-digit code.',
      email: emailError,
      password: (value: string, values) => validateNewPassword(value, { email: values.email }),
      confirmation: (value: string, values) => validatePasswordConfirmation(value, values.password),
    },
    validateInputOnChange: ['password'],
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(
    (values) =>
      finish.mutate(
        { healthId, code: values.code.trim(), email: values.email.trim(), password: values.password },
        {
          onSuccess: onClaimed,
          onError: (error) => {
            if (applyServerErrors(form, error, ['code', 'email', 'password']) > 0)
              focusFirstInvalid(formRef.current);
          },
        },
      ),
    () => focusFirstInvalid(formRef.current),
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Take over the account">
      <Stack gap="md">
        <Alert color="blue" variant="light" role="status">
          {sentMessage}
        </Alert>
        <TextInput
          label="Code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maw="12rem"
          {...form.getInputProps('code')}
        />
        <TextInput
          label="Your email address"
          description="You will sign in with it. We send a link to confirm it unless the code came to this address."
          type="email"
          inputMode="email"
          autoComplete="email"
          spellCheck={false}
          {...form.getInputProps('email')}
        />
        <NewPasswordInput
          label="Choose a password"
          {...form.getInputProps('password')}
          value={form.values.password}
        />
        <PasswordInput
          label="Type it again"
          autoComplete="new-password"
          {...form.getInputProps('confirmation')}
        />
        <ProblemAlert error={finish.error} title="The account was not taken over" />
        <Button type="submit" loading={finish.isPending} disabled={limited}>
          Take over my account
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onStartOver}>
          Ask for a new code
        </Anchor>
      </Stack>
    </form>
  );
}
