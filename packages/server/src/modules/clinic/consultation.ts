// A consultation as FHIR: an Encounter, Observations for symptoms, findings and each vital sign
// (LOINC-coded, UCUM units), a Condition per diagnosis coded in ICD-10-CM, and a ClinicalImpression
// for notes and the follow-up date. All reference the Encounter and are saved together, anchored.
import { randomUUID } from 'node:crypto';
import { Invalid } from '@medconnect/core';
import { z } from 'zod';
import type { NewResource } from '../../repository/clinical-store.ts';
import { findIcd10 } from '../terminology/icd10.ts';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const measure = (min: number, max: number) => z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).optional();

export const vitalSigns = {
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', label: 'mmHg', range: [40, 300] },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]', label: 'mmHg', range: [20, 200] },
  heartRate: { loinc: '8867-4', display: 'Heart rate', unit: '/min', label: 'beats/min', range: [20, 300] },
  temperature: { loinc: '8310-5', display: 'Body temperature', unit: 'Cel', label: '°C', range: [25, 45] },
  respiratoryRate: { loinc: '9279-1', display: 'Respiratory rate', unit: '/min', label: 'breaths/min', range: [4, 80] },
  oxygenSaturation: { loinc: '59408-5', display: 'Oxygen saturation', unit: '%', label: '%', range: [50, 100] },
  weight: { loinc: '29463-7', display: 'Body weight', unit: 'kg', label: 'kg', range: [0.3, 400] },
  height: { loinc: '8302-2', display: 'Body height', unit: 'cm', label: 'cm', range: [20, 260] },
} as const;

type VitalName = keyof typeof vitalSigns;

export const consultationBody = z
  .object({
    reason: text(200).optional(),
    symptoms: text(2000).optional(),
    findings: text(2000).optional(),
    vitals: z
      .object(Object.fromEntries(Object.entries(vitalSigns).map(([k, v]) => [k, measure(v.range[0], v.range[1])])) as Record<VitalName, ReturnType<typeof measure>>)
      .strict()
      .optional(),
    diagnoses: z
      .array(z.object({ code: z.string().trim().regex(/^[A-Za-z]\d[0-9A-Za-z](\.?[0-9A-Za-z]{1,4})?$/, 'must be an ICD-10-CM code') }).strict())
      .max(12)
      .optional(),
    notes: text(4000).optional(),
    followUp: z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).optional(),
  })
  .strict()
  .refine((b) => b.symptoms || b.findings || b.notes || (b.diagnoses?.length ?? 0) > 0 || Object.values(b.vitals ?? {}).some((v) => v !== undefined), {
    message: 'A consultation needs at least one of symptoms, findings, vital signs, a diagnosis or notes',
  });
export type ConsultationInput = z.infer<typeof consultationBody>;

const loinc = (code: string, display: string) => ({ coding: [{ system: 'http://loinc.org', code, display }], text: display });
const category = (code: string) => [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }] },
];

export function consultationResources(
  input: ConsultationInput,
  ctx: { patientId: string; doctor: { id: string; name: string; practitionerId: string | null }; now: string },
): { encounterId: string; items: NewResource[] } {
  const encounterId = randomUUID();
  const subject = { reference: `Patient/${ctx.patientId}` };
  const encounter = { reference: `Encounter/${encounterId}` };
  const performer = [{ display: ctx.doctor.name, ...(ctx.doctor.practitionerId ? { identifier: { system: 'https://medconnect.health/practitioner-id', value: ctx.doctor.practitionerId } } : {}) }];
  const diagnoses = (input.diagnoses ?? []).map(({ code }) => {
    const found = findIcd10(code);
    if (!found) throw new Invalid(`Diagnosis ${code} is not an ICD-10-CM code`);
    return found;
  });
  const source = 'consultation';
  const items: NewResource[] = [
    {
      id: encounterId,
      source,
      resource: {
        resourceType: 'Encounter',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
        type: [{ text: 'Consultation' }],
        subject,
        participant: [{ individual: performer[0] }],
        period: { start: ctx.now, end: ctx.now },
        ...(input.reason ? { reasonCode: [{ text: input.reason }] } : {}),
      },
    },
  ];
  const observation = (code: ReturnType<typeof loinc>, cat: string, value: Record<string, unknown>) =>
    items.push({
      source,
      resource: { resourceType: 'Observation', status: 'final', category: category(cat), code, subject, encounter, effectiveDateTime: ctx.now, performer, ...value },
    });
  if (input.symptoms) observation(loinc('75325-1', 'Symptom'), 'survey', { valueString: input.symptoms });
  if (input.findings) observation(loinc('29545-1', 'Physical findings'), 'exam', { valueString: input.findings });
  for (const [name, value] of Object.entries(input.vitals ?? {})) {
    if (value === undefined) continue;
    const sign = vitalSigns[name as VitalName];
    observation(loinc(sign.loinc, sign.display), 'vital-signs', {
      valueQuantity: { value, unit: sign.label, system: 'http://unitsofmeasure.org', code: sign.unit },
    });
  }
  for (const d of diagnoses) {
    items.push({
      source,
      resource: {
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis' }] }],
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: d.code, display: d.display }], text: d.display },
        subject,
        encounter,
        recordedDate: ctx.now,
        recorder: performer[0],
      },
    });
  }
  if (input.notes || input.followUp) {
    items.push({
      source,
      resource: {
        resourceType: 'ClinicalImpression',
        status: 'completed',
        subject,
        encounter,
        date: ctx.now,
        assessor: performer[0],
        ...(input.notes ? { summary: input.notes } : {}),
        ...(input.followUp ? { note: [{ text: `Follow-up on ${input.followUp}` }] } : {}),
      },
    });
  }
  return { encounterId, items };
}
