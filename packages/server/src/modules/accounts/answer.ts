// Turning a sign-in outcome into the HTTP answer: the session cookie, and the session info once the
// person is fully signed in.
import type { FastifyReply } from 'fastify';
import { setSessionCookie } from '../../plugins/auth.ts';
import type { Database } from '../../db/client.ts';
import { newSessionInfo } from './session-info.ts';
import type { SignInOutcome } from './sign-in.ts';

export async function answerSignIn(db: Database, reply: FastifyReply, outcome: SignInOutcome) {
  setSessionCookie(reply, outcome.session.token, outcome.session.expiresAt);
  if (outcome.status === 'mfa-required') return { status: 'mfa-required' as const };
  return { status: 'signed-in' as const, session: await newSessionInfo(db, outcome.session.token) };
}
