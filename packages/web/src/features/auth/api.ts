// Signing up, signing in and the single-use links sent by email (docs/accounts-api.md, public
// routes), plus demo mode's one-click accounts. A sign-in that completes stores the session it
// carries, so the whole app switches to signed in without another round trip.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson, malformedResponse } from '../../ui/api-client.ts';
import { isObject } from '../../ui/json-shape.ts';
import { messageOf, storeSession, useApiSend } from '../account/api.ts';
import type { ProfessionalKind, Role } from '../account/session.ts';
import { parseSessionInfo, type SessionInfo } from '../account/session.ts';
import { signWithBrowserWallet } from '../account/browser-wallet.ts';

export type RegistrationRole = 'patient' | ProfessionalKind;

export interface Registration {
  role: RegistrationRole;
  email: string;
  password: string;
  displayName: string;
  professional?: {
    licenceNumber: string;
    council: string;
    registrationYear: number;
    qualification: string;
    specialization: string;
  };
  organisation?: { name: string; licenceNumber: string };
}

export type SignInResult = { status: 'signed-in'; session: SessionInfo } | { status: 'mfa-required' };

function parseSignIn(body: unknown): SignInResult {
  if (isObject(body) && body['status'] === 'mfa-required') return { status: 'mfa-required' };
  if (isObject(body) && body['status'] === 'signed-in') {
    const session = parseSessionInfo(body['session']);
    if (session !== null) return { status: 'signed-in', session };
  }
  throw malformedResponse('sign-in answer');
}

/** A mutation that posts `path` and resolves to the answer's `message`. */
function useMessageMutation<Input>(path: string) {
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: Input) => messageOf(await send('POST', path, input)),
  });
}

export const useRegister = () => useMessageMutation<Registration>('/api/auth/register');
export const useVerifyEmail = () => useMessageMutation<{ token: string }>('/api/auth/verify-email');
export const useResendVerification = () =>
  useMessageMutation<{ email: string }>('/api/auth/resend-verification');
export const useForgotPassword = () => useMessageMutation<{ email: string }>('/api/auth/forgot-password');
export const useConfirmEmailChange = () =>
  useMessageMutation<{ token: string }>('/api/auth/confirm-email-change');

export function useResetPassword() {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: { token: string; password: string }) =>
      messageOf(await send('POST', '/api/auth/reset-password', input)),
    // Every session of the account was revoked, this browser's included if it had one.
    onSuccess: () => storeSession(queryClient, null),
  });
}

/** A sign-in step: password, TOTP code, recovery code, wallet or demo account. */
function useSignInStep<Input>(post: (send: ReturnType<typeof useApiSend>, input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: Input) => parseSignIn(await post(send, input)),
    onSuccess: (result) => {
      if (result.status === 'signed-in') storeSession(queryClient, result.session);
    },
  });
}

export const useSignIn = () =>
  useSignInStep<{ email: string; password: string }>((send, input) => send('POST', '/api/auth/login', input));

export const useSignInWithTotp = () =>
  useSignInStep<{ code: string }>((send, input) => send('POST', '/api/auth/login/totp', input));

export const useSignInWithRecoveryCode = () =>
  useSignInStep<{ code: string }>((send, input) => send('POST', '/api/auth/login/recovery', input));

export const useSignInWithWallet = () =>
  useSignInStep<void>(async (send) => {
    const signed = await signWithBrowserWallet(async () => {
      const body = await getJson('/api/auth/siwe/nonce');
      if (!isObject(body) || typeof body['nonce'] !== 'string') throw malformedResponse('wallet nonce');
      return body['nonce'];
    }, 'Sign in to MedConnect.');
    return send('POST', '/api/auth/siwe', signed);
  });

export interface DemoAccount {
  email: string;
  role: Role;
  displayName: string;
  description: string;
}

/** Demo accounts, or null when the server is not in demo mode (404). */
export function useDemoAccounts() {
  return useQuery({
    queryKey: ['demo-accounts'],
    queryFn: async ({ signal }): Promise<DemoAccount[] | null> => {
      try {
        const body = await getJson('/api/demo/accounts', { signal });
        if (!Array.isArray(body) || !body.every(isDemoAccount))
          throw malformedResponse('list of demo accounts');
        return body;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

function isDemoAccount(value: unknown): value is DemoAccount {
  return (
    isObject(value) &&
    typeof value['email'] === 'string' &&
    typeof value['role'] === 'string' &&
    typeof value['displayName'] === 'string' &&
    typeof value['description'] === 'string'
  );
}

export const useDemoSignIn = () =>
  useSignInStep<{ email: string }>((send, input) => send('POST', '/api/demo/sign-in', input));
