// The signed-in person's own record: every entry (GET /api/records), one entry's versions
// (GET /api/records/:id/history), adding patient-reported history (POST /api/records), correcting an
// entry (POST /api/records/:id/versions) and importing a FHIR bundle from another system (POST /api/records/import).
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson, malformedResponse } from '../../ui/api-client.ts';
import { isObject, isStringOrNull } from '../../ui/json-shape.ts';
import { useApiSend } from '../account/api.ts';

/** One version of a FHIR resource as the server stores it. */
export interface RecordVersion {
  id: string;
  version: number;
  resourceType: string;
  authorId: string;
  source: string;
  recordedAt: string;
  resource: Record<string, unknown>;
  /** Who wrote this version; null for system imports, absent from servers that do not say. */
  author?: RecordAuthor | null;
}

export interface RecordAuthor {
  id: string;
  name: string;
  role: string;
  practitionerId: string | null;
  verified: boolean;
}

export type HistoryKind = 'condition' | 'allergy' | 'medication' | 'symptom' | 'family-history';

export interface NewHistory {
  kind: HistoryKind;
  text: string;
  onset?: string;
  note?: string;
}

const recordKey = ['record'] as const;

const noRetryOnClientError = (failures: number, error: Error) =>
  !(error instanceof ApiError && error.isClientError) && failures < 2;

export function useMyRecord() {
  return useQuery({
    queryKey: [...recordKey, 'list'],
    queryFn: async ({ signal }) => parseVersions(await getJson('/api/records', { signal }), 'record'),
    staleTime: 30_000,
    retry: noRetryOnClientError,
  });
}

export function useRecordHistory(id: string | undefined) {
  return useQuery({
    queryKey: [...recordKey, 'history', id ?? null],
    queryFn: id
      ? async ({ signal }) =>
          parseVersions(await getJson(`/api/records/${encodeURIComponent(id)}/history`, { signal }), 'record history')
      : skipToken,
    staleTime: 30_000,
    retry: noRetryOnClientError,
  });
}

export function useAddHistory() {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: NewHistory) => {
      const body = await send('POST', '/api/records', input);
      if (!isRecordVersion(body)) throw malformedResponse('record entry');
      return body;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recordKey }),
  });
}

export interface EntryCorrection {
  resource: Record<string, unknown>;
  expectedVersion: number;
  reason: string;
}

/** Corrects an entry (POST /api/records/:id/versions): a new version; 409 when someone did so first. */
export function useCorrectEntry(id: string) {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: async (correction: EntryCorrection) => {
      const body = await send('POST', `/api/records/${encodeURIComponent(id)}/versions`, correction);
      if (!isRecordVersion(body)) throw malformedResponse('record entry');
      return body;
    },
    // The doctor's chart shows the same entries as the patient's record.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: recordKey }), queryClient.invalidateQueries({ queryKey: ['clinic'] })]),
  });
}

function parseVersions(body: unknown, what: string): RecordVersion[] {
  if (!Array.isArray(body) || !body.every(isRecordVersion)) throw malformedResponse(what);
  return body;
}

function isRecordAuthor(value: unknown): value is RecordAuthor | null | undefined {
  return (
    value === undefined ||
    value === null ||
    (isObject(value) &&
      typeof value['id'] === 'string' &&
      typeof value['name'] === 'string' &&
      typeof value['role'] === 'string' &&
      isStringOrNull(value['practitionerId'] ?? null) &&
      typeof value['verified'] === 'boolean')
  );
}

export function isRecordVersion(value: unknown): value is RecordVersion {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['version'] === 'number' &&
    typeof value['resourceType'] === 'string' &&
    typeof value['authorId'] === 'string' &&
    typeof value['source'] === 'string' &&
    typeof value['recordedAt'] === 'string' &&
    isObject(value['resource']) &&
    isRecordAuthor(value['author'])
  );
}

/** What an import added: entries per resource type, and what it left out. */
export interface ImportResult {
  total: number;
  byType: Record<string, number>;
  skipped: Record<string, number>;
}

export function useImportBundle() {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: async (bundle: Record<string, unknown>): Promise<ImportResult> => {
      const body = await send('POST', '/api/records/import', bundle);
      if (!isObject(body) || typeof body['total'] !== 'number' || !isObject(body['byType']) || !isObject(body['skipped'])) {
        throw malformedResponse('import result');
      }
      return { total: body['total'], byType: body['byType'] as Record<string, number>, skipped: body['skipped'] as Record<string, number> };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recordKey }),
  });
}
