// The doctor's side (docs/consent-api.md): what I may do with a patient now, asking for access and
// confirming it with the patient's one-time code, the chart, recording a consultation, ICD-10-CM search
// and break-the-glass emergency access. Answers are shape-checked before a page relies on them.
import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson, malformedResponse } from '../../ui/api-client.ts';
import { isObject, isStringArray, isStringOrNull } from '../../ui/json-shape.ts';
import { useApiSend } from '../account/api.ts';
import { isConsentView, normaliseConsent, parseConsentList, type ConsentView, type Duration, type Purpose } from '../consents/consent-view.ts';
import { isRecordVersion, type RecordVersion } from '../record/api.ts';

export type AccessBasis = 'self' | 'grant' | 'emergency' | 'author' | 'system' | 'none';

export interface Access {
  basis: AccessBasis;
  scope: string[];
  expiresAt: string | null;
}

export interface EmergencyAccess {
  id: string;
  startedAt: string;
  expiresAt: string;
}

export interface PatientAccess {
  healthId: string;
  access: Access;
  consents: ConsentView[];
  emergency: EmergencyAccess | null;
}

export interface ChartSummary {
  allergies: RecordVersion[];
  problems: RecordVersion[];
  medications: RecordVersion[];
  vitals: RecordVersion[];
  results: RecordVersion[];
}

export interface Chart {
  patient: { healthId: string; name: string | null; birthDate: string | null; gender: string | null };
  access: Access;
  summary: ChartSummary;
  timeline: RecordVersion[];
}

export interface AccessRequest {
  healthId: string;
  purpose: Purpose;
  scope: string[];
  duration: Duration;
  days?: number;
}

export interface Vitals {
  systolic?: number;
  diastolic?: number;
  heartRate?: number;
  temperature?: number;
  respiratoryRate?: number;
  oxygenSaturation?: number;
  weight?: number;
  height?: number;
}

export interface Diagnosis {
  code: string;
  display: string;
}

/** A diagnosis as sent: the code only (the server answers 400 to any other field). */
export interface DiagnosisCode {
  code: string;
}

export interface Consultation {
  reason?: string;
  symptoms?: string;
  findings?: string;
  vitals?: Vitals;
  diagnoses?: DiagnosisCode[];
  notes?: string;
  followUp?: string;
}

const clinicKey = ['clinic'] as const;
const patientKey = (healthId: string) => [...clinicKey, 'patient', healthId] as const;
const requestedKey = [...clinicKey, 'requested'] as const;

const noRetryOnClientError = (failures: number, error: Error) =>
  !(error instanceof ApiError && error.isClientError) && failures < 2;

const patientPath = (healthId: string) => `/api/clinic/patients/${encodeURIComponent(healthId)}`;

function parseAccess(value: unknown): Access | null {
  if (!isObject(value) || typeof value['basis'] !== 'string' || !isStringArray(value['scope'] ?? [])) return null;
  if (!isStringOrNull(value['expiresAt'] ?? null)) return null;
  return {
    basis: value['basis'] as AccessBasis,
    scope: (value['scope'] as string[] | undefined) ?? [],
    expiresAt: (value['expiresAt'] as string | null | undefined) ?? null,
  };
}

function parseEmergency(value: unknown): EmergencyAccess | null | undefined {
  if (value === null || value === undefined) return null;
  if (!isObject(value) || typeof value['id'] !== 'string' || typeof value['startedAt'] !== 'string' || typeof value['expiresAt'] !== 'string') {
    return undefined;
  }
  return { id: value['id'], startedAt: value['startedAt'], expiresAt: value['expiresAt'] };
}

function parsePatientAccess(body: unknown): PatientAccess {
  if (!isObject(body) || typeof body['healthId'] !== 'string') throw malformedResponse('patient lookup');
  const access = parseAccess(body['access']);
  const consents = parseConsentList({ consents: body['consents'] ?? [] });
  const emergency = parseEmergency(body['emergency']);
  if (access === null || consents === null || emergency === undefined) throw malformedResponse('patient lookup');
  return { healthId: body['healthId'], access, consents, emergency };
}

/** What I may do with this patient now. Null Health ID: nothing to look up yet. */
export function usePatientAccess(healthId: string | null) {
  return useQuery({
    queryKey: patientKey(healthId ?? ''),
    queryFn: healthId === null ? skipToken : async ({ signal }) => parsePatientAccess(await getJson(patientPath(healthId), { signal })),
    retry: noRetryOnClientError,
  });
}

function versions(value: unknown): RecordVersion[] | null {
  return Array.isArray(value) && value.every(isRecordVersion) ? value : null;
}

function parseChart(body: unknown): Chart {
  if (!isObject(body) || !isObject(body['patient']) || !isObject(body['summary'])) throw malformedResponse('chart');
  const patient = body['patient'];
  const summary = body['summary'];
  const access = parseAccess(body['access']);
  const timeline = versions(body['timeline']);
  const parts = (['allergies', 'problems', 'medications', 'vitals', 'results'] as const).map((key) => versions(summary[key] ?? []));
  if (access === null || timeline === null || parts.some((part) => part === null) || typeof patient['healthId'] !== 'string') {
    throw malformedResponse('chart');
  }
  const [allergies, problems, medications, vitals, results] = parts as RecordVersion[][];
  const text = (key: string) => (typeof patient[key] === 'string' ? patient[key] : null);
  return {
    patient: { healthId: patient['healthId'], name: text('name'), birthDate: text('birthDate'), gender: text('gender') },
    access,
    summary: { allergies: allergies!, problems: problems!, medications: medications!, vitals: vitals!, results: results! },
    timeline,
  };
}

export function useChart(healthId: string) {
  return useQuery({
    queryKey: [...patientKey(healthId), 'chart'],
    queryFn: async ({ signal }) => parseChart(await getJson(`${patientPath(healthId)}/chart`, { signal })),
    retry: noRetryOnClientError,
  });
}

export function useRequestedConsents() {
  return useQuery({
    queryKey: requestedKey,
    queryFn: async ({ signal }) => {
      const list = parseConsentList(await getJson('/api/consents/requested', { signal }));
      if (list === null) throw malformedResponse('list of requests');
      return list;
    },
    refetchInterval: 15_000,
    retry: noRetryOnClientError,
  });
}

function parseConsent(body: unknown): ConsentView {
  if (!isConsentView(body)) throw malformedResponse('consent');
  return normaliseConsent(body);
}

/** After any step of a request, what I may do with the patient and my list of requests are stale. */
function useConsentStep<Input>(path: (input: Input) => string, body: (input: Input) => unknown) {
  const send = useApiSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: Input) => parseConsent(await send('POST', path(input), body(input))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: clinicKey }),
  });
}

export function useRequestAccess() {
  return useConsentStep((_: AccessRequest) => '/api/consents', (input) => input);
}

export function useConfirmCode() {
  return useConsentStep(
    ({ id }: { id: string; code: string }) => `/api/consents/${encodeURIComponent(id)}/confirm`,
    ({ code }) => ({ code }),
  );
}

export function useSendNewCode() {
  return useConsentStep(({ id }: { id: string }) => `/api/consents/${encodeURIComponent(id)}/otp`, () => ({}));
}

export function useWithdrawRequest() {
  return useConsentStep(({ id }: { id: string }) => `/api/consents/${encodeURIComponent(id)}/cancel`, () => ({}));
}

export function useRecordConsultation(healthId: string) {
  const send = useApiSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: Consultation) => {
      const body = await send('POST', `${patientPath(healthId)}/consultations`, input);
      if (!isObject(body) || typeof body['encounterId'] !== 'string') throw malformedResponse('consultation');
      return { encounterId: body['encounterId'] };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patientKey(healthId) }),
  });
}

export function useStartEmergency(healthId: string) {
  const send = useApiSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { reason: string; password: string; code: string }) => {
      const emergency = parseEmergency(await send('POST', `${patientPath(healthId)}/emergency-access`, input));
      if (!emergency) throw malformedResponse('emergency access');
      return emergency;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: patientKey(healthId) }),
  });
}

export function useEndEmergency(healthId: string) {
  const send = useApiSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => send('POST', `/api/clinic/emergency-access/${encodeURIComponent(id)}/end`, {}),
    onSuccess: () => queryClient.removeQueries({ queryKey: [...patientKey(healthId), 'chart'] }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: patientKey(healthId) }),
  });
}

function isDiagnosis(value: unknown): value is Diagnosis {
  return isObject(value) && typeof value['code'] === 'string' && typeof value['display'] === 'string';
}

/** ICD-10-CM by code or words; the caller debounces `query`. Fewer than 2 characters: no search. */
export function useIcd10Search(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: ['terminology', 'icd10', q],
    queryFn:
      q.length < 2
        ? skipToken
        : async ({ signal }) => {
            const body = await getJson(`/api/terminology/icd10?q=${encodeURIComponent(q)}&limit=20`, { signal });
            const results = isObject(body) ? body['results'] : undefined;
            if (!Array.isArray(results) || !results.every(isDiagnosis)) throw malformedResponse('diagnosis search');
            return results.map(({ code, display }) => ({ code, display }));
          },
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientError,
  });
}
