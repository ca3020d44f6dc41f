// The session as the web app sees it (GET /api/auth/session and every completed sign-in).
import type { Executor } from '../../db/client.ts';
import { accountUser, requiresMfa, type UserRow } from './repo.ts';
import type { SessionInfo } from './schemas.ts';
import { findSession, type SessionContext } from './sessions.ts';

/** True when the role needs a second factor that is not set up yet: only MFA setup and sign-out work. */
export const mfaEnrolmentRequired = (user: UserRow): boolean =>
  requiresMfa(user.role) && user.totpEnabledAt === null;

export async function sessionInfo(db: Executor, session: SessionContext): Promise<SessionInfo> {
  return {
    user: await accountUser(db, session.userId),
    csrfToken: session.csrfToken,
    mfa: { enabled: session.user.totpEnabledAt !== null, required: requiresMfa(session.user.role) },
    mfaEnrolmentRequired: mfaEnrolmentRequired(session.user),
    expiresAt: session.expiresAt.toISOString(),
    idleExpiresAt: session.idleExpiresAt.toISOString(),
  };
}

/** The info of a session just created at sign-in, read back the way every later request reads it. */
export async function newSessionInfo(db: Executor, token: string): Promise<SessionInfo> {
  const session = await findSession(db, token);
  if (!session) throw new Error('a session just created could not be read back');
  return sessionInfo(db, session);
}
