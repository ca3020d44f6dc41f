// Registering a patient at the desk (POST /api/desk/patients). A likely duplicate answers 409 with the
// existing patient's Health ID masked but for its last four digits, which the page shows before the
// clinician confirms this is someone else.
import { useMutation } from '@tanstack/react-query';
import { ApiError, malformedResponse } from '../../ui/api-client.ts';
import { isObject } from '../../ui/json-shape.ts';
import { useApiSend } from '../account/api.ts';

export type Sex = 'female' | 'male' | 'other' | 'unknown';

export interface DeskRegistrationInput {
  name: { given: string; family: string };
  birthDate?: string;
  age?: number;
  sex: Sex;
  phone: string;
  email?: string;
  confirmDuplicate?: boolean;
}

export interface RegisteredPatient {
  patientId: string;
  healthId: string;
  name: string;
  birthDate: string;
  birthDateEstimated: boolean;
  duplicateOf: string | null;
}

function parseRegistered(body: unknown): RegisteredPatient {
  if (
    !isObject(body) ||
    typeof body['patientId'] !== 'string' ||
    typeof body['healthId'] !== 'string' ||
    typeof body['name'] !== 'string' ||
    typeof body['birthDate'] !== 'string' ||
    typeof body['birthDateEstimated'] !== 'boolean'
  ) {
    throw malformedResponse('registration');
  }
  return {
    patientId: body['patientId'],
    healthId: body['healthId'],
    name: body['name'],
    birthDate: body['birthDate'],
    birthDateEstimated: body['birthDateEstimated'],
    duplicateOf: typeof body['duplicateOf'] === 'string' ? body['duplicateOf'] : null,
  };
}

export function useRegisterPatient() {
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: DeskRegistrationInput) =>
      parseRegistered(await send('POST', '/api/desk/patients', input)),
  });
}

/** The masked Health ID of a likely duplicate, when the registration was refused for that reason. */
export function duplicateOf(error: Error | null): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  return error.errors.find((problem) => problem.path === 'duplicateOf')?.message;
}

/** The 14 digits of a Health ID, as the clinic page and the card's QR code take it. */
export const healthIdDigits = (healthId: string) => healthId.replace(/[\s-]/g, '');
