// The patient's side of consent (docs/consent-api.md): requests and grants on my own record, polled so a
// doctor's request shows up while the patient waits at the desk, and approve, decline and revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson, malformedResponse } from '../../ui/api-client.ts';
import { useApiSend } from '../account/api.ts';
import { isConsentView, normaliseConsent, parseConsentList, type ConsentView } from './consent-view.ts';

export const myConsentsKey = ['consents', 'mine'] as const;

export function useMyConsents() {
  return useQuery({
    queryKey: myConsentsKey,
    queryFn: async ({ signal }) => {
      const list = parseConsentList(await getJson('/api/consents', { signal }));
      if (list === null) throw malformedResponse('list of consents');
      return list;
    },
    refetchInterval: 10_000,
    retry: (failures, error) => !(error instanceof ApiError && error.isClientError) && failures < 2,
  });
}

export type PatientDecision = 'approve' | 'decline' | 'revoke';

export function useConsentDecision() {
  const send = useApiSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ consent, decision }: { consent: ConsentView; decision: PatientDecision }) => {
      const body = await send('POST', `/api/consents/${encodeURIComponent(consent.id)}/${decision}`, {});
      // The answer is the updated consent; a body-less success still refreshes the list below.
      return isConsentView(body) ? normaliseConsent(body) : null;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: myConsentsKey }),
  });
}
