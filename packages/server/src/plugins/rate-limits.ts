// Per-IP rate limits on the account routes (RELIABILITY T07, Medplum's figures): signing in (password,
// TOTP and recovery codes share one budget) 5 per minute, every other account route 160 per minute.
// Keys are the socket's address: `trustProxy` is off, so a client cannot pick its own address with
// X-Forwarded-For. Answers carry RateLimit-* headers and, once over, Retry-After. Counts live in
// memory per process; the per-account failure budget (modules/accounts/login-budget.ts) lives in the
// database and holds across instances.
import rateLimit from '@fastify/rate-limit';
import { TooManyRequests } from '@medconnect/core';
import type { FastifyInstance } from 'fastify';

export const SIGN_IN_PER_MINUTE = 5;
export const AUTH_PER_MINUTE = 160;

export type Limiters = Awaited<ReturnType<typeof registerRateLimits>>;

export async function registerRateLimits(app: FastifyInstance) {
  await app.register(rateLimit, {
    global: false,
    enableDraftSpec: true,
    // Refused requests are not evaluated or audited, but operators see them.
    onExceeded: (request, key) =>
      request.log.warn({ route: request.routeOptions.url, client: key }, 'rate limit exceeded'),
    errorResponseBuilder: (_request, context) =>
      new TooManyRequests(
        `Too many attempts from your network. Try again in ${context.after}.`,
        Math.max(1, Math.ceil(context.ttl / 1000)),
      ),
  });
  return {
    /** One budget shared by every sign-in step, so codes cannot be guessed faster than passwords. */
    signIn: app.rateLimit({ max: SIGN_IN_PER_MINUTE, timeWindow: 60_000 }),
    /** One budget shared by the other account routes (sign-up, links, settings, wallet). */
    auth: app.rateLimit({ max: AUTH_PER_MINUTE, timeWindow: 60_000 }),
  };
}
