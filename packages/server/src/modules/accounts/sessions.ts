// Server-side sessions. The cookie holds a 256-bit random token; the database holds its SHA-256 as
// the session id, a CSRF token, and the times that bound it: idle 15 minutes after the last request
// (recorded at most every 30 seconds) and 12 hours after sign-in at most. Every time is the
// database's `now()`, so several API instances with drifting clocks agree on who is signed in.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';
import type { RequestMeta } from './deps.ts';
import type { UserRow } from './repo.ts';
import { newToken, sha256Hex } from './secrets.ts';

export const SESSION_IDLE_MINUTES = 15;
export const SESSION_ABSOLUTE_HOURS = 12;
/** Wrong second-factor codes a half-signed-in session may try before it is ended. */
export const SECOND_FACTOR_TRIES = 5;

export type SessionContext = {
  /** SHA-256 of the token (never leaves the server). */
  id: string;
  /** The id shown in the list of sessions. */
  handle: string;
  userId: string;
  csrfToken: string;
  mfaSatisfied: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  idleExpiresAt: Date;
  user: UserRow;
};

export type NewSession = { token: string; id: string; csrfToken: string; expiresAt: Date };

const idleExpiry = (lastSeenAt: Date) => new Date(lastSeenAt.getTime() + SESSION_IDLE_MINUTES * 60_000);

export async function createSession(
  tx: Executor,
  { userId, mfaSatisfied, meta }: { userId: string; mfaSatisfied: boolean; meta: RequestMeta },
): Promise<NewSession> {
  // Sessions that ended more than a day ago are of no further use (sign-ins are in the audit trail).
  await tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        or(
          lt(sessions.expiresAt, sql`now() - interval '1 day'`),
          lt(sessions.revokedAt, sql`now() - interval '1 day'`),
          lt(sessions.lastSeenAt, sql`now() - interval '1 day'`),
        ),
      ),
    );
  const token = newToken();
  const id = sha256Hex(token);
  const csrfToken = newToken();
  const [row] = await tx
    .insert(sessions)
    .values({
      id,
      handle: randomUUID(),
      userId,
      csrfToken,
      mfaSatisfied,
      expiresAt: sql`now() + make_interval(hours => ${SESSION_ABSOLUTE_HOURS})`,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ipAddress: meta.ip,
    })
    .returning({ expiresAt: sessions.expiresAt });
  return { token, id, csrfToken, expiresAt: row!.expiresAt };
}

/** The live session behind a cookie token, its last-seen time refreshed; undefined when there is none. */
export async function findSession(db: Executor, token: string): Promise<SessionContext | undefined> {
  const [row] = await db
    .select({
      session: sessions,
      user: users,
      stale: sql<boolean>`${sessions.lastSeenAt} < now() - interval '30 seconds'`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sha256Hex(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${SESSION_IDLE_MINUTES})`),
        ne(users.status, 'disabled'),
      ),
    );
  if (!row) return undefined;
  let { lastSeenAt } = row.session;
  if (row.stale) {
    const [touched] = await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.id, row.session.id))
      .returning({ lastSeenAt: sessions.lastSeenAt });
    if (touched) lastSeenAt = touched.lastSeenAt;
  }
  const { id, handle, userId, csrfToken, mfaSatisfied, createdAt, expiresAt } = row.session;
  return {
    id,
    handle,
    userId,
    csrfToken,
    mfaSatisfied,
    createdAt,
    lastSeenAt,
    expiresAt,
    idleExpiresAt: idleExpiry(lastSeenAt),
    user: row.user,
  };
}

export async function revokeSession(db: Executor, id: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Signs a user out everywhere, or everywhere but `exceptId` (the session that asked). */
export async function revokeUserSessions(db: Executor, userId: string, exceptId?: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptId ? ne(sessions.id, exceptId) : undefined,
      ),
    );
}

/** Signs out one of the user's own sessions by its handle; false when the user has no such session. */
export async function revokeSessionByHandle(db: Executor, userId: string, handle: string): Promise<boolean> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.handle, handle), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length > 0;
}

/** The user's sessions that are still alive, newest first. */
export async function listSessions(db: Executor, userId: string, currentId: string) {
  const rows = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        eq(sessions.mfaSatisfied, true),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${SESSION_IDLE_MINUTES})`),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((row) => ({
    id: row.handle,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    userAgent: row.userAgent,
    ipAddress: row.ipAddress,
    current: row.id === currentId,
  }));
}

/** Counts a wrong second-factor code; the half-signed-in session ends after SECOND_FACTOR_TRIES. */
export async function countSecondFactorFailure(db: Executor, id: string): Promise<void> {
  await db
    .update(sessions)
    .set({
      secondFactorFailures: sql`${sessions.secondFactorFailures} + 1`,
      revokedAt: sql`case when ${sessions.secondFactorFailures} + 1 >= ${SECOND_FACTOR_TRIES} then now() else null end`,
    })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}
