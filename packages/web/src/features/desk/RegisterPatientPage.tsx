// "Register a patient" at a clinic desk, for verified doctors and staff: a patient without email or
// smartphone gets a Health ID and a printed card at once. A likely duplicate (same phone and date of
// birth) is shown before anything is created; the clinician registers anyway only for a different
// person. Afterwards the page offers the card and the way to ask for the patient's consent.
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { CheckIcon } from '../../ui/icons.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useSession } from '../account/api.ts';
import { emailError } from '../auth/registration-form.ts';
import {
  duplicateOf,
  healthIdDigits,
  useRegisterPatient,
  type DeskRegistrationInput,
  type RegisteredPatient,
  type Sex,
} from './api.ts';
import { PrintableHealthIdCard } from './PrintableHealthIdCard.tsx';

const sexes: { value: Sex; label: string }[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Not known' },
];

interface Values {
  given: string;
  family: string;
  birthKnown: 'date' | 'age';
  birthDate: string;
  age: number | string;
  sex: Sex;
  phone: string;
  email: string;
}

const initialValues: Values = {
  given: '',
  family: '',
  birthKnown: 'date',
  birthDate: '',
  age: '',
  sex: 'female',
  phone: '',
  email: '',
};

const required = (what: string) => (value: string) => (value.trim() === '' ? `Enter the ${what}.` : null);

function toInput(values: Values, confirmDuplicate: boolean): DeskRegistrationInput {
  return {
    name: { given: values.given.trim(), family: values.family.trim() },
    ...(values.birthKnown === 'date' ? { birthDate: values.birthDate } : { age: Number(values.age) }),
    sex: values.sex,
    phone: values.phone.trim(),
    ...(values.email.trim() === '' ? {} : { email: values.email.trim() }),
    ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
  };
}

export function RegisterPatientPage() {
  const session = useSession();
  const [registered, setRegistered] = useState<RegisteredPatient | null>(null);
  const user = session.data?.user;
  const mayRegister =
    (user?.role === 'doctor' || user?.role === 'staff') && user.professional?.status === 'verified';

  return (
    <Stack gap="xl">
      <PageHeader title="Register a patient">
        For a patient without email or smartphone: they get a Health ID and a card now, confirm consent with a
        code sent to their phone, and can take over their account later.
      </PageHeader>
      {!mayRegister ? (
        <Alert
          color="gray"
          variant="light"
          title="Only verified doctors and clinic staff can register patients"
          role="note"
        >
          {user?.role === 'doctor' || user?.role === 'staff'
            ? 'A registrar must verify your licence first.'
            : 'Ask the doctor or the front desk to register the patient.'}
        </Alert>
      ) : registered ? (
        <Registered patient={registered} onNext={() => setRegistered(null)} />
      ) : (
        <RegistrationForm onRegistered={setRegistered} />
      )}
    </Stack>
  );
}

function RegistrationForm({ onRegistered }: { onRegistered: (patient: RegisteredPatient) => void }) {
  const register = useRegisterPatient();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues,
    validate: {
      given: required('given name'),
      family: required('family name'),
      birthDate: (value, values) =>
        values.birthKnown === 'date' && value === '' ? 'Enter the date of birth.' : null,
      age: (value, values) =>
        values.birthKnown === 'age' && (value === '' || Number(value) < 0 || Number(value) > 125)
          ? 'Enter the age in years.'
          : null,
      phone: (value) =>
        value.replace(/[^\d]/g, '').length < 8
          ? 'Enter the phone number with its country code, e.g. +91 98765 43210.'
          : null,
      email: (value) => (value.trim() === '' ? null : emailError(value)),
    },
    validateInputOnBlur: true,
  });
  const duplicate = duplicateOf(register.error);

  const send = (values: Values, confirmDuplicate: boolean) =>
    register.mutate(toInput(values, confirmDuplicate), {
      onSuccess: onRegistered,
      onError: (error) => {
        const fields = ['birthDate', 'age', 'sex', 'phone', 'email'];
        if (applyServerErrors(form, error, fields) > 0) focusFirstInvalid(formRef.current);
      },
    });

  const submit = form.onSubmit(
    (values) => send(values, false),
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Register a patient">
      <Stack gap="md" maw={560}>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label="Given name"
            autoComplete="off"
            required
            miw={200}
            {...form.getInputProps('given')}
          />
          <TextInput
            label="Family name"
            autoComplete="off"
            required
            miw={200}
            {...form.getInputProps('family')}
          />
        </Group>
        <Radio.Group label="What is known of the birth" {...form.getInputProps('birthKnown')}>
          <Group gap="lg" mt={4}>
            <Radio value="date" label="The date" />
            <Radio value="age" label="Only the age" />
          </Group>
        </Radio.Group>
        {form.values.birthKnown === 'date' ? (
          <TextInput
            label="Date of birth"
            type="date"
            required
            maw="14rem"
            {...form.getInputProps('birthDate')}
          />
        ) : (
          <NumberInput
            label="Age in years"
            description="The birth year is estimated from it and marked as estimated."
            min={0}
            max={125}
            allowDecimal={false}
            required
            maw="14rem"
            {...form.getInputProps('age')}
          />
        )}
        <NativeSelect label="Sex" data={sexes} maw="14rem" {...form.getInputProps('sex')} />
        <TextInput
          label="Phone number"
          description="With the country code. Consent codes are sent here by text message."
          type="tel"
          inputMode="tel"
          autoComplete="off"
          required
          {...form.getInputProps('phone')}
        />
        <TextInput
          label="Email address (optional)"
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('email')}
        />
        {duplicate ? (
          <Alert color="yellow" variant="light" title="This patient may already be registered" role="alert">
            <Stack gap="sm">
              <Text size="sm">
                A patient with the same phone number and date of birth already has Health ID {duplicate}. If
                the patient has a card, use that Health ID instead.
              </Text>
              <Group>
                <Button
                  variant="default"
                  loading={register.isPending}
                  onClick={() => send(form.values, true)}
                >
                  This is a different person — register anyway
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert error={register.error} title="The patient was not registered" />
        )}
        <Group>
          <Button type="submit" loading={register.isPending && !duplicate}>
            Register patient
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Registered({ patient, onNext }: { patient: RegisteredPatient; onNext: () => void }) {
  return (
    <Stack gap="lg">
      <Alert
        color="green"
        variant="light"
        icon={<CheckIcon />}
        title={`${patient.name} is registered`}
        role="status"
      >
        <Text size="sm">
          Born {patient.birthDate}
          {patient.birthDateEstimated ? ' (estimated from the age)' : ''}. Print the card and give it to the
          patient. They can take over their account later at <strong>{window.location.origin}/claim</strong>{' '}
          with their Health ID and phone number.
        </Text>
      </Alert>
      <PrintableHealthIdCard name={patient.name} healthId={patient.healthId} />
      <Group gap="sm">
        <Button component={Link} to={`/clinic?healthId=${healthIdDigits(patient.healthId)}`}>
          Ask for consent
        </Button>
        <Button variant="default" onClick={onNext}>
          Register another patient
        </Button>
      </Group>
    </Stack>
  );
}
