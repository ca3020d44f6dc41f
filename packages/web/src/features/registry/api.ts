// The registrar's licence review queue and decisions (docs/registry-review-api.md), as TanStack Query
// hooks. Answers are shape-checked so a surprising one fails with a clear message.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, malformedResponse } from '../../ui/api-client.ts';
import { isNumberOrNull, isObject, isStringOrNull } from '../../ui/json-shape.ts';
import { useApiSend } from '../account/api.ts';
import { isLicenceDocument, type LicenceDocument } from '../account/licence-document-api.ts';
import type { ProfessionalKind, ProfessionalStatus } from '../account/session.ts';

export interface Application {
  userId: string;
  displayName: string;
  email: string;
  kind: ProfessionalKind;
  status: ProfessionalStatus;
  licenceNumber: string | null;
  council: string | null;
  registrationYear: number | null;
  qualification: string | null;
  specialization: string | null;
  organisation: string | null;
  organisationLicenceNumber: string | null;
  submittedAt: string;
  practitionerId: string | null;
  reviewedAt: string | null;
  reviewReason: string | null;
  licenceDocument: LicenceDocument | null;
}

export type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

const applicationsKey = ['registry', 'applications'] as const;

function isApplication(value: unknown): value is Application {
  return (
    isObject(value) &&
    typeof value['userId'] === 'string' &&
    typeof value['displayName'] === 'string' &&
    typeof value['email'] === 'string' &&
    typeof value['kind'] === 'string' &&
    typeof value['status'] === 'string' &&
    typeof value['submittedAt'] === 'string' &&
    isNumberOrNull(value['registrationYear']) &&
    (['licenceNumber', 'council', 'qualification', 'specialization', 'organisation'] as const).every((key) =>
      isStringOrNull(value[key]),
    ) &&
    isStringOrNull(value['practitionerId']) &&
    isStringOrNull(value['reviewReason']) &&
    (value['licenceDocument'] === null || isLicenceDocument(value['licenceDocument']))
  );
}

export function useApplications(status: ProfessionalStatus) {
  return useQuery({
    queryKey: [...applicationsKey, status],
    queryFn: async ({ signal }) => {
      const body = await getJson(`/api/registry/applications?status=${status}`, { signal });
      const list = isObject(body) ? body['applications'] : undefined;
      if (!Array.isArray(list) || !list.every(isApplication)) throw malformedResponse('licence review queue');
      return list;
    },
  });
}

export function useDecision() {
  const send = useApiSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, decision, reason }: { userId: string; decision: Decision; reason?: string }) => {
      const body = await send(
        'POST',
        `/api/registry/applications/${encodeURIComponent(userId)}/${decision}`,
        reason === undefined ? {} : { reason },
      );
      if (!isApplication(body)) throw malformedResponse('licence decision');
      return body;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
  });
}

/** A patient who erased their account: what stays of their trail (docs: GET /api/registry/erasures). */
export interface Erasure {
  patientId: string;
  healthId: string;
  erasedAt: string;
  recordVersions: number;
  auditEvents: number;
}

function isErasure(value: unknown): value is Erasure {
  return (
    isObject(value) &&
    typeof value['patientId'] === 'string' &&
    typeof value['healthId'] === 'string' &&
    typeof value['erasedAt'] === 'string' &&
    typeof value['recordVersions'] === 'number' &&
    typeof value['auditEvents'] === 'number'
  );
}

export function useErasures() {
  return useQuery({
    queryKey: ['registry', 'erasures'],
    queryFn: async ({ signal }) => {
      const body = await getJson('/api/registry/erasures', { signal });
      const list = isObject(body) ? body['erasures'] : undefined;
      if (!Array.isArray(list) || !list.every(isErasure)) throw malformedResponse('list of erased accounts');
      return list;
    },
  });
}
