// Claiming an account a clinic registered (public): ask for a code with the Health ID and the phone
// or email the clinic recorded, then take the account over with the code, an email and a password.
import { useMutation } from '@tanstack/react-query';
import { malformedResponse } from '../../ui/api-client.ts';
import { isObject } from '../../ui/json-shape.ts';
import { messageOf, useApiSend } from '../account/api.ts';

export interface ClaimResult {
  status: 'active' | 'pending-verification';
  message: string;
}

export function useStartClaim() {
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: { healthId: string; phoneOrEmail: string }) =>
      messageOf(await send('POST', '/api/auth/claim/start', input)),
  });
}

export function useFinishClaim() {
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: {
      healthId: string;
      code: string;
      email: string;
      password: string;
    }): Promise<ClaimResult> => {
      const body = await send('POST', '/api/auth/claim/finish', input);
      if (!isObject(body) || (body['status'] !== 'active' && body['status'] !== 'pending-verification')) {
        throw malformedResponse('claim answer');
      }
      return { status: body['status'], message: messageOf(body) };
    },
  });
}
