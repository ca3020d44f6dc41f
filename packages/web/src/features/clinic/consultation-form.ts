// The rules of the "Record consultation" form: vital signs within the ranges the server accepts (so a
// slip of the keyboard is caught), both blood-pressure values or neither, and something clinical to
// record: a reason for the visit alone is not a consultation.
import type { Consultation, Diagnosis, Vitals } from './api.ts';

export type VitalKey = keyof Vitals;

export const vitalFields: readonly { key: VitalKey; label: string; unit: string; min: number; max: number; decimals: number }[] = [
  { key: 'systolic', label: 'Blood pressure, systolic', unit: 'mmHg', min: 40, max: 300, decimals: 0 },
  { key: 'diastolic', label: 'Blood pressure, diastolic', unit: 'mmHg', min: 20, max: 200, decimals: 0 },
  { key: 'heartRate', label: 'Heart rate', unit: 'beats/min', min: 20, max: 300, decimals: 0 },
  { key: 'temperature', label: 'Temperature', unit: '°C', min: 25, max: 45, decimals: 1 },
  { key: 'respiratoryRate', label: 'Respiratory rate', unit: 'breaths/min', min: 4, max: 80, decimals: 0 },
  { key: 'oxygenSaturation', label: 'SpO2', unit: '%', min: 50, max: 100, decimals: 0 },
  { key: 'weight', label: 'Weight', unit: 'kg', min: 0.3, max: 400, decimals: 1 },
  { key: 'height', label: 'Height', unit: 'cm', min: 20, max: 260, decimals: 1 },
];

export interface ConsultationValues {
  reason: string;
  symptoms: string;
  findings: string;
  vitals: Record<VitalKey, number | string>;
  diagnoses: Diagnosis[];
  notes: string;
  followUp: string;
}

export const emptyConsultation = (): ConsultationValues => ({
  reason: '',
  symptoms: '',
  findings: '',
  vitals: Object.fromEntries(vitalFields.map((f) => [f.key, ''])) as Record<VitalKey, number | string>,
  diagnoses: [],
  notes: '',
  followUp: '',
});

const today = () => new Date().toISOString().slice(0, 10);

export function vitalProblem(key: VitalKey, value: number | string, all: Record<VitalKey, number | string>): string | null {
  const field = vitalFields.find((f) => f.key === key)!;
  if (value === '') {
    if (key === 'systolic' && all.diastolic !== '') return 'Enter both blood-pressure values, or neither.';
    if (key === 'diastolic' && all.systolic !== '') return 'Enter both blood-pressure values, or neither.';
    return null;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) return 'Enter a number.';
  if (value < field.min || value > field.max) return `Enter ${field.min} to ${field.max} ${field.unit}.`;
  if (key === 'diastolic' && typeof all.systolic === 'number' && value >= all.systolic) return 'Diastolic must be lower than systolic.';
  return null;
}

export function textProblem(value: string, max: number): string | null {
  return value.trim().length > max ? `Keep it to ${max} characters (${value.trim().length} now).` : null;
}

export function followUpProblem(value: string): string | null {
  if (value === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return 'Enter a date, or leave it empty.';
  return value < today() ? 'The follow-up date cannot be in the past.' : null;
}

/** The request body: empty fields left out. Null when there is nothing to record. */
export function toConsultation(values: ConsultationValues): Consultation | null {
  const vitals: Vitals = {};
  for (const { key } of vitalFields) {
    const value = values.vitals[key];
    if (typeof value === 'number') vitals[key] = value;
  }
  const text = (value: string) => value.trim();
  const body: Consultation = {
    ...(text(values.reason) ? { reason: text(values.reason) } : {}),
    ...(text(values.symptoms) ? { symptoms: text(values.symptoms) } : {}),
    ...(text(values.findings) ? { findings: text(values.findings) } : {}),
    ...(Object.keys(vitals).length > 0 ? { vitals } : {}),
    // The server names each diagnosis from its own copy of ICD-10-CM: only the code is sent.
    ...(values.diagnoses.length > 0 ? { diagnoses: values.diagnoses.map(({ code }) => ({ code })) } : {}),
    ...(text(values.notes) ? { notes: text(values.notes) } : {}),
    ...(values.followUp ? { followUp: values.followUp } : {}),
  };
  const clinical = Object.keys(body).filter((key) => key !== 'reason' && key !== 'followUp');
  return clinical.length === 0 ? null : body;
}
