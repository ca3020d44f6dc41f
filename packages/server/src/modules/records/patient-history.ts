// Patient-reported history: what a patient adds to their own record (past conditions, allergies,
// current medications, symptoms, family history), turned into the FHIR resource it stands for and
// marked as patient-reported, so every reader can tell it from what a clinician wrote.
import { z } from 'zod';
import type { FhirResource } from '../../repository/clinical-store.ts';

export const provenanceSystem = 'https://medconnect.health/fhir/provenance';
export const patientReportedTag = { system: provenanceSystem, code: 'patient-reported', display: 'Patient-reported' };

export const historyKinds = ['condition', 'allergy', 'medication', 'symptom', 'family-history'] as const;
export type HistoryKind = (typeof historyKinds)[number];

export const patientHistoryBody = z
  .object({
    kind: z.enum(historyKinds, { message: 'must be one of condition, allergy, medication, symptom, family-history' }),
    text: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
    onset: z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).optional(),
    note: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
  })
  .strict();
export type PatientHistory = z.infer<typeof patientHistoryBody>;

/** The FHIR R4 resource for one piece of patient-reported history about `patientId`. */
export function historyResource(entry: PatientHistory, patientId: string): FhirResource {
  const patient = { reference: `Patient/${patientId}` };
  const code = { text: entry.text };
  const common = {
    meta: { tag: [patientReportedTag] },
    ...(entry.note ? { note: [{ text: entry.note }] } : {}),
  };
  switch (entry.kind) {
    case 'condition':
      return {
        resourceType: 'Condition',
        ...common,
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/condition-category',
                code: 'problem-list-item',
                display: 'Problem List Item',
              },
            ],
          },
        ],
        code,
        subject: patient,
        recorder: patient,
        asserter: patient,
        ...(entry.onset ? { onsetDateTime: entry.onset } : {}),
      };
    case 'allergy':
      return {
        resourceType: 'AllergyIntolerance',
        ...common,
        code,
        patient,
        recorder: patient,
        asserter: patient,
        ...(entry.onset ? { onsetDateTime: entry.onset } : {}),
      };
    case 'medication':
      return {
        resourceType: 'MedicationStatement',
        ...common,
        status: 'active',
        medicationCodeableConcept: code,
        subject: patient,
        informationSource: patient,
        ...(entry.onset ? { effectivePeriod: { start: entry.onset } } : {}),
      };
    case 'symptom':
      return {
        resourceType: 'Observation',
        ...common,
        status: 'final',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'survey',
                display: 'Survey',
              },
            ],
          },
        ],
        code,
        subject: patient,
        performer: [patient],
        ...(entry.onset ? { effectiveDateTime: entry.onset } : {}),
      };
    case 'family-history':
      return {
        resourceType: 'FamilyMemberHistory',
        ...common,
        status: 'partial',
        patient,
        relationship: { text: 'Family member' },
        condition: [{ code, ...(entry.onset ? { onsetString: entry.onset } : {}) }],
      };
  }
}
