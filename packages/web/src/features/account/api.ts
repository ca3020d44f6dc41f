// The current session and the account-settings calls (docs/accounts-api.md). The session query is
// the single source of "who is signed in": 401 means signed out (null), and every state-changing
// call takes its CSRF token from it.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, getJson, malformedResponse, sendJson, type WriteMethod } from '../../ui/api-client.ts';
import { isObject, isStringArray } from '../../ui/json-shape.ts';
import { parseAccountUser, parseSessionInfo, type AccountUser, type SessionInfo } from './session.ts';
import { signWithBrowserWallet } from './browser-wallet.ts';

export const sessionQueryKey = ['session'] as const;
const sessionsListKey = ['account', 'sessions'] as const;

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 30_000,
    retry: (failures, error) => !(error instanceof ApiError && error.isClientError) && failures < 2,
  });
}

async function fetchSession(signal: AbortSignal): Promise<SessionInfo | null> {
  try {
    const body = await getJson('/api/auth/session', { signal });
    const session = parseSessionInfo(body);
    if (session === null) throw malformedResponse('session');
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Sends a state-changing request with the current session's CSRF token, when there is a session. */
export function useApiSend() {
  const queryClient = useQueryClient();
  return useCallback(
    (method: WriteMethod, path: string, body?: unknown) =>
      sendJson(method, path, { body, csrfToken: currentCsrfToken(queryClient) }),
    [queryClient],
  );
}

function currentCsrfToken(queryClient: QueryClient): string | undefined {
  return queryClient.getQueryData<SessionInfo | null>(sessionQueryKey)?.csrfToken;
}

/**
 * Stores the session a sign-in answer carried (or null after signing out), so the app switches at
 * once; whatever was cached for the previous person is dropped.
 */
export function storeSession(queryClient: QueryClient, session: SessionInfo | null): void {
  queryClient.removeQueries({ queryKey: ['account'] });
  if (session !== null) queryClient.removeQueries({ queryKey: endedOnPurposeKey });
  queryClient.setQueryData(sessionQueryKey, session);
}

/**
 * Set when this browser's session was ended on purpose (sign out, sign out everywhere), so the page
 * guard sends the person to a plain sign-in page rather than one that leads back to the page left.
 * (The router applies navigations as transitions, so the cleared session can render first.)
 */
const endedOnPurposeKey = ['session', 'ended-on-purpose'] as const;

export function sessionEndedOnPurpose(queryClient: QueryClient): boolean {
  return queryClient.getQueryData<boolean>(endedOnPurposeKey) === true;
}

function storeUser(queryClient: QueryClient, user: AccountUser): void {
  queryClient.setQueryData<SessionInfo | null>(sessionQueryKey, (session) =>
    session ? { ...session, user } : session,
  );
}

function parseUser(body: unknown): AccountUser {
  const user = parseAccountUser(body);
  if (user === null) throw malformedResponse('account');
  return user;
}

/** What to do once this browser's session has ended on purpose: usually, go to the sign-in page. */
export interface SignedOutHandler {
  onSignedOut: () => void;
}

function endSession(queryClient: QueryClient, { onSignedOut }: SignedOutHandler): void {
  queryClient.setQueryData(endedOnPurposeKey, true);
  onSignedOut();
  storeSession(queryClient, null);
}

export function useSignOut(handler: SignedOutHandler) {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: () => send('POST', '/api/auth/logout'),
    onSuccess: () => endSession(queryClient, handler),
    // A session that is already gone is as good as signed out.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) endSession(queryClient, handler);
    },
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: { displayName: string }) =>
      parseUser(await send('PATCH', '/api/account', input)),
    onSuccess: (user) => storeUser(queryClient, user),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      send('POST', '/api/account/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsListKey }),
  });
}

export function useChangeEmail() {
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: { newEmail: string; password: string }) =>
      messageOf(await send('POST', '/api/account/email', input)),
  });
}

export interface ActiveSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ipAddress: string | null;
  current: boolean;
}

export function useActiveSessions() {
  return useQuery({
    queryKey: sessionsListKey,
    queryFn: async ({ signal }) => {
      const body = await getJson('/api/account/sessions', { signal });
      if (!Array.isArray(body) || !body.every(isActiveSession)) throw malformedResponse('list of sessions');
      return body;
    },
    staleTime: 0,
  });
}

function isActiveSession(value: unknown): value is ActiveSession {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['createdAt'] === 'string' &&
    typeof value['lastSeenAt'] === 'string' &&
    (value['userAgent'] === null || typeof value['userAgent'] === 'string') &&
    (value['ipAddress'] === null || typeof value['ipAddress'] === 'string') &&
    typeof value['current'] === 'boolean'
  );
}

export function useRevokeSession(handler: SignedOutHandler) {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: (session: ActiveSession) =>
      send('DELETE', `/api/account/sessions/${encodeURIComponent(session.id)}`),
    onSuccess: async (_answer, session) => {
      if (session.current) endSession(queryClient, handler);
      else await queryClient.invalidateQueries({ queryKey: sessionsListKey });
    },
  });
}

export function useRevokeAllSessions(handler: SignedOutHandler) {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: () => send('DELETE', '/api/account/sessions'),
    onSuccess: () => endSession(queryClient, handler),
  });
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

export function useStartTotpSetup() {
  const send = useApiSend();
  return useMutation({
    mutationFn: async (): Promise<TotpSetup> => {
      const body = await send('POST', '/api/account/mfa/totp/setup', {});
      if (
        !isObject(body) ||
        typeof body['secret'] !== 'string' ||
        typeof body['otpauthUrl'] !== 'string' ||
        typeof body['qrCodeDataUrl'] !== 'string'
      ) {
        throw malformedResponse('authenticator setup');
      }
      return { secret: body['secret'], otpauthUrl: body['otpauthUrl'], qrCodeDataUrl: body['qrCodeDataUrl'] };
    },
  });
}

/** Turns MFA on. The session is refreshed only when the person confirms they saved the codes. */
export function useEnableTotp() {
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: { code: string }): Promise<string[]> => {
      const body = await send('POST', '/api/account/mfa/totp/enable', input);
      if (!isObject(body) || !isStringArray(body['recoveryCodes'])) throw malformedResponse('recovery codes');
      return body['recoveryCodes'];
    },
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: (input: { password: string; code: string }) =>
      send('POST', '/api/account/mfa/totp/disable', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}

/** Links the browser wallet: the wallet signs a Sign-In with Ethereum message carrying a server nonce. */
export function useLinkWallet() {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: async () => {
      const signed = await signWithBrowserWallet(async () => {
        const body = await send('POST', '/api/account/wallet/nonce', {});
        if (!isObject(body) || typeof body['nonce'] !== 'string') throw malformedResponse('wallet nonce');
        return body['nonce'];
      }, 'Link this wallet to my MedConnect account.');
      return parseUser(await send('POST', '/api/account/wallet', signed));
    },
    onSuccess: (user) => storeUser(queryClient, user),
  });
}

export function useUnlinkWallet() {
  const queryClient = useQueryClient();
  const send = useApiSend();
  return useMutation({
    mutationFn: async () => parseUser(await send('DELETE', '/api/account/wallet')),
    onSuccess: (user) => storeUser(queryClient, user),
  });
}

/** The `message` of a 202 answer, with a fallback so a terse server still gives a sentence. */
export function messageOf(body: unknown, fallback = 'Done.'): string {
  return isObject(body) && typeof body['message'] === 'string' ? body['message'] : fallback;
}

export interface EraseInput {
  password: string;
  confirm: 'ERASE';
  /** The current authenticator code, when two-step sign-in is on. */
  code?: string;
}

/** Erases the signed-in patient's account for good; answers when it was erased. */
export function useEraseAccount() {
  const send = useApiSend();
  return useMutation({
    mutationFn: async (input: EraseInput): Promise<string> => {
      const body = await send('POST', '/api/account/erase', input);
      if (!isObject(body) || typeof body['erasedAt'] !== 'string') throw malformedResponse('erasure');
      return body['erasedAt'];
    },
  });
}

/** Forgets the session of an account just erased (the server has already ended it). */
export function useForgetErasedSession() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    queryClient.setQueryData(endedOnPurposeKey, true);
    storeSession(queryClient, null);
  }, [queryClient]);
}
