// Registrar review of break-the-glass emergency access (docs/consent-api.md): the queue by status and
// the verdict with a note. Answers are shape-checked like the licence queue's.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, malformedResponse } from '../../ui/api-client.ts';
import { isObject, isStringOrNull } from '../../ui/json-shape.ts';
import { useApiSend } from '../account/api.ts';

export type ReviewOutcome = 'justified' | 'unjustified';

export interface EmergencyAccessRecord {
  id: string;
  healthId: string;
  doctor: { id: string; name: string; practitionerId: string | null };
  reason: string;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
  reviewedAt: string | null;
  outcome: ReviewOutcome | null;
  note: string | null;
}

const reviewsKey = ['registry', 'emergency-accesses'] as const;

function isRecord(value: unknown): value is EmergencyAccessRecord {
  if (!isObject(value)) return false;
  const doctor = value['doctor'];
  return (
    typeof value['id'] === 'string' &&
    typeof value['healthId'] === 'string' &&
    isObject(doctor) &&
    typeof doctor['id'] === 'string' &&
    typeof doctor['name'] === 'string' &&
    isStringOrNull(doctor['practitionerId'] ?? null) &&
    typeof value['reason'] === 'string' &&
    typeof value['startedAt'] === 'string' &&
    typeof value['expiresAt'] === 'string' &&
    (['endedAt', 'reviewedAt', 'outcome', 'note'] as const).every((key) => isStringOrNull(value[key] ?? null))
  );
}

export function useEmergencyAccesses(status: 'pending' | 'reviewed') {
  return useQuery({
    queryKey: [...reviewsKey, status],
    queryFn: async ({ signal }) => {
      const body = await getJson(`/api/registry/emergency-accesses?status=${status}`, { signal });
      const list = isObject(body) ? body['accesses'] : undefined;
      if (!Array.isArray(list) || !list.every(isRecord)) throw malformedResponse('list of emergency accesses');
      return list;
    },
  });
}

export function useReviewEmergencyAccess() {
  const send = useApiSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome, note }: { id: string; outcome: ReviewOutcome; note: string }) =>
      send('POST', `/api/registry/emergency-accesses/${encodeURIComponent(id)}/review`, { outcome, note }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewsKey }),
  });
}
