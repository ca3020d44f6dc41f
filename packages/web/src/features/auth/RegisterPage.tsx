// Create an account as a patient, doctor, pharmacist or hospital staff. Professionals add their
// licence details and stay pending until a registrar verifies them. After sending, the page turns
// into "Check your email": the account starts only once the address is verified.
import {
  Anchor,
  Button,
  Fieldset,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { NarrowPage } from '../../ui/NarrowPage.tsx';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { useSession } from '../account/api.ts';
import { NewPasswordInput } from '../account/NewPasswordInput.tsx';
import { useRegister } from './api.ts';
import { CheckYourEmail } from './CheckYourEmail.tsx';
import {
  emptyRegistration,
  firstRegistrationYear,
  registrationFields,
  registrationRequest,
  roleChoices,
  validateRegistration,
  type RegistrationValues,
} from './registration-form.ts';

export function RegisterPage() {
  const session = useSession();
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (session.data) return <Navigate to="/home" replace />;
  if (sentTo !== null) {
    return (
      <NarrowPage title="Check your email">
        <CheckYourEmail email={sentTo} purpose="verify" onStartOver={() => setSentTo(null)} />
      </NarrowPage>
    );
  }
  return (
    <NarrowPage
      title="Create your account"
      size="md"
      intro="One account for your own health record, and for your professional work if you have any."
      footer={
        <Text size="sm">
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </Text>
      }
    >
      <RegisterForm onRegistered={setSentTo} />
    </NarrowPage>
  );
}

function RegisterForm({ onRegistered }: { onRegistered: (email: string) => void }) {
  const register = useRegister();
  const formRef = useRef<HTMLFormElement>(null);
  const limited = useRateLimited(register.error);
  const form = useForm<RegistrationValues>({
    mode: 'controlled',
    initialValues: emptyRegistration,
    validate: validateRegistration,
    validateInputOnChange: ['password'],
    validateInputOnBlur: true,
  });
  const { role } = form.values;
  const isProfessional = role !== 'patient';

  const submit = form.onSubmit(
    (values) => {
      register.mutate(registrationRequest(values), {
        onSuccess: () => onRegistered(values.email.trim()),
        onError: (error) => {
          if (applyServerErrors(form, error, registrationFields) > 0) focusFirstInvalid(formRef.current);
        },
      });
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Create an account">
      <Stack gap="lg">
        <Radio.Group
          label="I am registering as"
          {...form.getInputProps('role')}
          onChange={(value) => form.setFieldValue('role', value as RegistrationValues['role'])}
        >
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" mt="xs">
            {roleChoices.map((choice) => (
              <Radio.Card key={choice.value} value={choice.value} className="app-role-card" p="sm">
                <Stack gap={2}>
                  <Text fw={600} size="sm">
                    {choice.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {choice.description}
                  </Text>
                </Stack>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>

        <TextInput
          label="Full name"
          autoComplete="name"
          withAsterisk
          {...form.getInputProps('displayName')}
        />
        <TextInput
          label="Email address"
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          withAsterisk
          {...form.getInputProps('email')}
        />
        <NewPasswordInput
          label="Password"
          withAsterisk
          {...form.getInputProps('password')}
          value={form.values.password}
        />

        {role === 'doctor' ? (
          <Fieldset legend="Your medical registration" variant="filled">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <TextInput
                label="Licence number"
                withAsterisk
                autoComplete="off"
                {...form.getInputProps('professional.licenceNumber')}
              />
              <TextInput
                label="Issuing medical council"
                withAsterisk
                autoComplete="off"
                {...form.getInputProps('professional.council')}
              />
              <NumberInput
                label="Registration year"
                withAsterisk
                min={firstRegistrationYear}
                max={new Date().getFullYear()}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                inputMode="numeric"
                {...form.getInputProps('professional.registrationYear')}
              />
              <TextInput
                label="Qualification"
                withAsterisk
                placeholder="MBBS, MD"
                {...form.getInputProps('professional.qualification')}
              />
              <TextInput
                label="Specialization"
                withAsterisk
                placeholder="General practice"
                {...form.getInputProps('professional.specialization')}
              />
            </SimpleGrid>
          </Fieldset>
        ) : null}

        {role === 'pharmacist' || role === 'staff' ? (
          <Fieldset legend={role === 'pharmacist' ? 'Your pharmacy' : 'Your hospital'} variant="filled">
            <Stack gap="md">
              <TextInput
                label={role === 'pharmacist' ? 'Pharmacy name' : 'Hospital name'}
                withAsterisk
                autoComplete="organization"
                {...form.getInputProps('organisation.name')}
              />
              <TextInput
                label={role === 'pharmacist' ? 'Pharmacy licence number' : 'Hospital licence number'}
                withAsterisk
                autoComplete="off"
                {...form.getInputProps('organisation.licenceNumber')}
              />
            </Stack>
          </Fieldset>
        ) : null}

        {isProfessional ? (
          <Text size="sm" c="dimmed">
            A registrar checks your details before you can work with records; until then your account is
            pending. You will also set up an authenticator app for two-factor sign-in, which is required for
            professional accounts.
          </Text>
        ) : null}

        <ProblemAlert error={register.error} title="Your account was not created" />

        <Button type="submit" loading={register.isPending} disabled={limited}>
          Create account
        </Button>
      </Stack>
    </form>
  );
}
