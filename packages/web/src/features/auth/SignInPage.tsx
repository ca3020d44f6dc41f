// Sign in with email and password, then, when the account has two-factor authentication, with a
// code from the authenticator app or a recovery code. Once signed in, the page sends the person on
// to where they were going (`next`), to MFA setup if their role still needs it, or home.
import { Anchor, Button, Divider, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError, isRateLimited } from '../../ui/api-client.ts';
import { focusFirstInvalid } from '../../ui/form-errors.ts';
import { NarrowPage } from '../../ui/NarrowPage.tsx';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { useSession } from '../account/api.ts';
import { safeNextPath, withNext } from '../account/next-path.ts';
import { browserWallet } from '../account/browser-wallet.ts';
import { useMailboxAvailable } from '../mailbox/api.ts';
import { useSignIn, useSignInWithWallet } from './api.ts';
import { DemoAccounts } from './DemoAccounts.tsx';
import { emailError } from './registration-form.ts';
import { SecondFactorForm } from './SecondFactorForm.tsx';

export function SignInPage() {
  const session = useSession();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const [step, setStep] = useState<'password' | 'second-factor'>('password');

  if (session.data) {
    const target = session.data.mfaEnrolmentRequired ? withNext('/mfa-setup', next) : next;
    return <Navigate to={target} replace />;
  }

  return (
    <Stack gap="xl">
      <NarrowPage
        title={step === 'password' ? 'Sign in' : 'Two-factor authentication'}
        intro={step === 'password' ? undefined : 'Your account is protected with a second step.'}
        footer={
          step === 'password' ? (
            <Text size="sm" ta="center">
              New to MedConnect?{' '}
              <Anchor component={Link} to="/register">
                Create an account
              </Anchor>
              <br />
              Registered at a clinic?{' '}
              <Anchor component={Link} to="/claim">
                Take over your account
              </Anchor>
            </Text>
          ) : undefined
        }
      >
        {step === 'password' ? (
          <PasswordStep onMfaRequired={() => setStep('second-factor')} />
        ) : (
          <SecondFactorForm onStartOver={() => setStep('password')} />
        )}
      </NarrowPage>
      {step === 'password' ? <DemoAccounts /> : null}
    </Stack>
  );
}

function PasswordStep({ onMfaRequired }: { onMfaRequired: () => void }) {
  const signIn = useSignIn();
  const limited = useRateLimited(signIn.error);
  const mailbox = useMailboxAvailable();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: emailError,
      password: (value: string) => (value === '' ? 'Enter your password.' : null),
    },
    validateInputOnBlur: true,
  });
  const unverified = signIn.error instanceof ApiError && signIn.error.status === 403;

  const submit = form.onSubmit(
    (values) =>
      signIn.mutate(
        { email: values.email.trim(), password: values.password },
        {
          onSuccess: (result) => {
            if (result.status === 'mfa-required') onMfaRequired();
          },
          // A wrong password is cleared for the next try; after a 429 the same one can be sent again.
          onError: (error) => {
            if (!isRateLimited(error)) form.setFieldValue('password', '');
          },
        },
      ),
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <Stack gap="lg">
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Sign in">
        <Stack gap="md">
          <TextInput
            label="Email address"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
          <ProblemAlert
            error={signIn.error}
            title={unverified ? 'Verify your email first' : 'You are not signed in'}
          >
            {unverified && mailbox ? (
              <Anchor component={Link} to="/dev/mailbox" size="sm">
                Open the development mailbox
              </Anchor>
            ) : null}
          </ProblemAlert>
          <Button type="submit" loading={signIn.isPending} disabled={limited}>
            Sign in
          </Button>
        </Stack>
      </form>
      <WalletSignIn />
    </Stack>
  );
}

/** For people who linked their own wallet in account settings; offered only when a wallet is present. */
function WalletSignIn() {
  const walletSignIn = useSignInWithWallet();
  const [hasWallet] = useState(() => browserWallet() !== null);
  if (!hasWallet) return null;
  return (
    <Stack gap="sm">
      <Divider label="or" labelPosition="center" />
      <Button variant="default" loading={walletSignIn.isPending} onClick={() => walletSignIn.mutate()}>
        Sign in with your Ethereum wallet
      </Button>
      <ProblemAlert error={walletSignIn.error} title="Wallet sign-in did not work" />
    </Stack>
  );
}
