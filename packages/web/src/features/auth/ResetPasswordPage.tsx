// Choose a new password from an emailed link (/reset-password#token=…); also how a new registrar
// or admin sets their first password. Success signs out every session of the account.
import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../ui/api-client.ts';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { useFragmentToken } from '../../ui/fragment-token.ts';
import { CheckIcon } from '../../ui/icons.tsx';
import { NarrowPage } from '../../ui/NarrowPage.tsx';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { NewPasswordInput } from '../account/NewPasswordInput.tsx';
import { validateNewPassword, validatePasswordConfirmation } from '../account/password-rules.ts';
import { useResetPassword } from './api.ts';

export function ResetPasswordPage() {
  const token = useFragmentToken();
  const reset = useResetPassword();
  const limited = useRateLimited(reset.error);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', confirmation: '' },
    validate: {
      password: (value: string) => validateNewPassword(value),
      confirmation: (value: string, values) => validatePasswordConfirmation(value, values.password),
    },
    validateInputOnChange: ['password'],
    validateInputOnBlur: true,
  });

  if (token === null) {
    return (
      <NarrowPage title="Choose a new password">
        <Stack gap="md" align="flex-start">
          <Alert color="yellow" variant="light" title="This link is incomplete" w="100%">
            Open the link from the email again, or copy all of it into the address bar.
          </Alert>
          <Button component={Link} to="/forgot-password" variant="default">
            Ask for a new link
          </Button>
        </Stack>
      </NarrowPage>
    );
  }
  if (reset.isSuccess) {
    return (
      <NarrowPage title="Password changed">
        <Stack gap="md" align="flex-start">
          <Alert
            color="green"
            variant="light"
            icon={<CheckIcon />}
            title="Your new password is set"
            w="100%"
            role="status"
          >
            {reset.data} For your safety, every device that was signed in to your account has been signed out.
          </Alert>
          <Button component={Link} to="/sign-in">
            Sign in
          </Button>
        </Stack>
      </NarrowPage>
    );
  }

  // A refused token (expired, used, replaced by a newer link) is not fixed by retyping the password.
  const linkProblem =
    reset.error instanceof ApiError &&
    reset.error.status === 400 &&
    (/link-(expired|used|invalid)$/.test(reset.error.type ?? '') || reset.error.errors.length === 0);
  const submit = form.onSubmit(
    (values) =>
      reset.mutate(
        { token, password: values.password },
        {
          onError: (error) => {
            if (applyServerErrors(form, error, ['password']) > 0) focusFirstInvalid(formRef.current);
          },
        },
      ),
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <NarrowPage title="Choose a new password">
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Choose a new password">
        <Stack gap="md">
          <NewPasswordInput
            label="New password"
            {...form.getInputProps('password')}
            value={form.values.password}
          />
          <PasswordInput
            label="Type it again"
            autoComplete="new-password"
            {...form.getInputProps('confirmation')}
          />
          <ProblemAlert
            error={reset.error}
            title={linkProblem ? 'This link did not work' : 'Your password was not changed'}
          >
            {linkProblem ? (
              <Text size="sm" mt="xs">
                <Anchor component={Link} to="/forgot-password">
                  Ask for a new link
                </Anchor>
              </Text>
            ) : null}
          </ProblemAlert>
          <Button type="submit" loading={reset.isPending} disabled={limited}>
            Set new password
          </Button>
        </Stack>
      </form>
    </NarrowPage>
  );
}
