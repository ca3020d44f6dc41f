// Erasure over HTTP: a signed-in patient erases their own account (password, the current code when
// two-step sign-in is on, and the word ERASE), and registrars see the tombstones. Roles are checked
// before the body is read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { clearSessionCookie, requestMeta, requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Limiters } from '../../plugins/rate-limits.ts';
import { assertErasable, eraseAccount, type ErasureDeps } from './erase-account.ts';
import { listErasures } from './list-erasures.ts';
import { eraseBody, erasedAnswer, erasureList, erasuresQuery } from './schemas.ts';

const tags = ['erasure'];
const denied = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

/** Patients only, with a plain word for anyone else. */
async function patientOnly(request: FastifyRequest): Promise<void> {
  assertErasable(signedIn(request).user);
}

export const erasureRoutes =
  (deps: ErasureDeps, limiters: Limiters): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/account/erase',
      {
        onRequest: [requireUser(), patientOnly, limiters.auth],
        schema: {
          summary: 'Erase my account: my data key is destroyed and my record can never be read again',
          tags,
          body: eraseBody,
          response: { 200: erasedAnswer, ...denied, 409: problemSchema, 415: problemSchema, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const { erasedAt } = await eraseAccount(deps, signedIn(request).user, request.body, requestMeta(request));
        clearSessionCookie(reply);
        return { erasedAt: erasedAt.toISOString() };
      },
    );

    app.get(
      '/api/registry/erasures',
      {
        onRequest: [requireUser({ roles: ['registrar'] })],
        schema: {
          summary: 'Erased patients, newest first: the tombstones of their records and audit trail',
          tags,
          querystring: erasuresQuery,
          response: { 200: erasureList, ...denied },
        },
      },
      async (request) => ({ erasures: await listErasures(deps.db, request.query) }),
    );
  };
