// The registration form's values, its checks (run as the person types) and the request body it
// becomes. Form paths mirror the request body, so the server's `errors[]` land on the right field.
import { validateNewPassword } from '../account/password-rules.ts';
import type { Registration, RegistrationRole } from './api.ts';

export interface RegistrationValues {
  role: RegistrationRole;
  displayName: string;
  email: string;
  password: string;
  professional: {
    licenceNumber: string;
    council: string;
    registrationYear: number | string;
    qualification: string;
    specialization: string;
  };
  organisation: { name: string; licenceNumber: string };
}

export const registrationFields = [
  'role',
  'displayName',
  'email',
  'password',
  'professional.licenceNumber',
  'professional.council',
  'professional.registrationYear',
  'professional.qualification',
  'professional.specialization',
  'organisation.name',
  'organisation.licenceNumber',
] as const;

export const emptyRegistration: RegistrationValues = {
  role: 'patient',
  displayName: '',
  email: '',
  password: '',
  professional: {
    licenceNumber: '',
    council: '',
    registrationYear: '',
    qualification: '',
    specialization: '',
  },
  organisation: { name: '', licenceNumber: '' },
};

export const roleChoices: readonly { value: RegistrationRole; label: string; description: string }[] = [
  {
    value: 'patient',
    label: 'Patient',
    description: 'Keep your own health record and decide who may read it.',
  },
  {
    value: 'doctor',
    label: 'Doctor',
    description: 'Read records with consent. You keep one account and are a patient too.',
  },
  {
    value: 'pharmacist',
    label: 'Pharmacist',
    description: 'Dispense prescriptions for a registered pharmacy.',
  },
  {
    value: 'staff',
    label: 'Hospital staff',
    description: 'Work with records on behalf of a registered hospital.',
  },
];

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const firstRegistrationYear = 1950;

export function emailError(email: string): string | null {
  if (email.trim() === '') return 'Enter your email address.';
  return emailPattern.test(email.trim()) ? null : 'Enter an email address like name@example.org.';
}

function required(value: string, message: string): string | null {
  return value.trim() === '' ? message : null;
}

export function validateRegistration(values: RegistrationValues): Record<string, string | null> {
  const errors: Record<string, string | null> = {
    displayName: required(values.displayName, 'Enter your full name.'),
    email: emailError(values.email),
    password: validateNewPassword(values.password, { email: values.email, displayName: values.displayName }),
  };
  if (values.role === 'doctor') {
    const p = values.professional;
    errors['professional.licenceNumber'] = required(p.licenceNumber, 'Enter your licence number.');
    errors['professional.council'] = required(
      p.council,
      'Enter the medical council that issued your licence.',
    );
    errors['professional.registrationYear'] = registrationYearError(p.registrationYear);
    errors['professional.qualification'] = required(
      p.qualification,
      'Enter your qualification, for example MBBS.',
    );
    errors['professional.specialization'] = required(
      p.specialization,
      'Enter your specialization, or "General practice".',
    );
  }
  if (values.role === 'pharmacist' || values.role === 'staff') {
    const o = values.organisation;
    errors['organisation.name'] = required(
      o.name,
      `Enter the name of your ${values.role === 'pharmacist' ? 'pharmacy' : 'hospital'}.`,
    );
    errors['organisation.licenceNumber'] = required(o.licenceNumber, 'Enter its licence number.');
  }
  return errors;
}

function registrationYearError(year: number | string): string | null {
  if (year === '') return 'Enter the year you were registered.';
  const thisYear = new Date().getFullYear();
  const value = typeof year === 'number' ? year : Number(year);
  if (!Number.isInteger(value) || value < firstRegistrationYear || value > thisYear) {
    return `Enter a year between ${firstRegistrationYear} and ${thisYear}.`;
  }
  return null;
}

export function registrationRequest(values: RegistrationValues): Registration {
  const base: Registration = {
    role: values.role,
    displayName: values.displayName.trim(),
    email: values.email.trim(),
    password: values.password,
  };
  if (values.role === 'doctor') {
    const p = values.professional;
    return {
      ...base,
      professional: {
        licenceNumber: p.licenceNumber.trim(),
        council: p.council.trim(),
        registrationYear: Number(p.registrationYear),
        qualification: p.qualification.trim(),
        specialization: p.specialization.trim(),
      },
    };
  }
  if (values.role === 'pharmacist' || values.role === 'staff') {
    return {
      ...base,
      organisation: {
        name: values.organisation.name.trim(),
        licenceNumber: values.organisation.licenceNumber.trim(),
      },
    };
  }
  return base;
}
