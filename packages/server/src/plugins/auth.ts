// Who is calling. Reads the session cookie on every API request, looks the session up (database clock,
// idle and absolute expiry), and decorates `request.session` and `request.user`. Refuses a
// state-changing request from another site (an Origin that is not this one) and, for a signed-in
// session, one without the session's CSRF token in `x-csrf-token`. Routes declare what they need with
// `requireUser()`, which runs before the body is even parsed.
import cookie from '@fastify/cookie';
import { Conflict, Forbidden, Unauthorized } from '@medconnect/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import type { RequestMeta } from '../modules/accounts/deps.ts';
import type { UserRole, UserRow } from '../modules/accounts/repo.ts';
import { mfaEnrolmentRequired } from '../modules/accounts/session-info.ts';
import { findSession, type SessionContext } from '../modules/accounts/sessions.ts';
import { sameSecret } from '../modules/accounts/secrets.ts';

export const SESSION_COOKIE = '__Host-mc_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's live session (possibly half signed in), or null. */
    session: SessionContext | null;
    user: UserRow | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const cookieOptions = { path: '/', secure: true, httpOnly: true, sameSite: 'strict' } as const;

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date): void {
  void reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions);
}

export const requestMeta = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/** The hosts this server answers as: the request's own Host and the host of PUBLIC_URL. */
export function ownHosts(request: FastifyRequest, publicUrl: string): string[] {
  const hosts = [new URL(publicUrl).host];
  if (request.headers.host) hosts.push(request.headers.host);
  return hosts;
}

function sameOrigin(origin: string, hosts: string[]): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && hosts.includes(url.host);
  } catch {
    return false;
  }
}

export async function registerAuth(
  app: FastifyInstance,
  { db, publicUrl }: { db: Database; publicUrl: string },
): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('session', null);
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request, reply) => {
    const changing = !safeMethods.has(request.method);
    const origin = request.headers.origin;
    if (changing && origin !== undefined && !sameOrigin(origin, ownHosts(request, publicUrl))) {
      throw new Forbidden('This request came from another site and was refused.');
    }
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(db, token);
    if (!session) {
      clearSessionCookie(reply); // expired or signed out: let the browser forget it
      return;
    }
    request.session = session;
    request.user = session.user;
    // A half-signed-in session has no CSRF token yet (the page learns it once signed in) and can only
    // finish signing in or sign out.
    const presented = request.headers['x-csrf-token'];
    if (
      changing &&
      session.mfaSatisfied &&
      !sameSecret(session.csrfToken, typeof presented === 'string' ? presented : undefined)
    ) {
      throw new Forbidden('The request is missing its security token. Reload the page and try again.');
    }
  });
}

export type Requirement = {
  /** Only these roles (others get 403). */
  roles?: UserRole[];
  /** Also while a required second factor is not set up yet (MFA setup, session, sign-out). */
  allowMfaEnrolment?: boolean;
  /** 'only': the second sign-in step, for a half-signed-in session; 'also': any session at all. */
  halfSession?: 'only' | 'also';
};

/** An onRequest hook: the caller must be signed in as the requirement says, before anything else runs. */
export function requireUser(requirement: Requirement = {}) {
  return async (request: FastifyRequest): Promise<void> => {
    const { session } = request;
    if (!session) {
      throw new Unauthorized(
        requirement.halfSession === 'only' ? 'Sign in with your password first.' : 'Sign in to continue.',
      );
    }
    if (!session.mfaSatisfied) {
      if (requirement.halfSession) return;
      throw new Unauthorized('Finish signing in: enter the code from your authenticator app.');
    }
    if (requirement.halfSession === 'only') throw new Conflict('You are already signed in.');
    if (!requirement.allowMfaEnrolment && mfaEnrolmentRequired(session.user)) {
      throw new Forbidden('Set up two-step sign-in first: your role requires it.');
    }
    if (requirement.roles && !requirement.roles.includes(session.user.role)) {
      throw new Forbidden('Your role does not allow this.');
    }
  };
}

/** The signed-in session of a request that passed requireUser(). */
export function signedIn(request: FastifyRequest): SessionContext {
  if (!request.session) throw new Unauthorized('Sign in to continue.');
  return request.session;
}
