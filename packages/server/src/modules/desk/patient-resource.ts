// The FHIR Patient resource a desk registration writes into the new record: name, birth date (only
// the year, flagged as estimated, when the clinician gave an age), gender and the contact numbers.
import type { FhirResource } from '../../repository/clinical-store.ts';
import type { DeskRegistrationInput } from './schemas.ts';

export const ESTIMATED_BIRTH_DATE = 'https://medconnect.health/fhir/StructureDefinition/birth-date-estimated';

/** The birth date to record: as given, or the year an age points to (today's age, this year). */
export function birthDateOf(input: Pick<DeskRegistrationInput, 'birthDate' | 'age'>, today = new Date()) {
  if (input.birthDate !== undefined) return { birthDate: input.birthDate, estimated: false };
  return { birthDate: String(today.getUTCFullYear() - (input.age ?? 0)), estimated: true };
}

export function patientResource(
  input: DeskRegistrationInput,
  birth: { birthDate: string; estimated: boolean },
): FhirResource {
  return {
    resourceType: 'Patient',
    name: [
      {
        use: 'official',
        given: [input.name.given],
        family: input.name.family,
        text: `${input.name.given} ${input.name.family}`,
      },
    ],
    gender: input.sex,
    birthDate: birth.birthDate,
    ...(birth.estimated
      ? { _birthDate: { extension: [{ url: ESTIMATED_BIRTH_DATE, valueBoolean: true }] } }
      : {}),
    telecom: [
      { system: 'phone', value: input.phone, use: 'mobile' },
      ...(input.email ? [{ system: 'email', value: input.email }] : []),
    ],
  };
}
