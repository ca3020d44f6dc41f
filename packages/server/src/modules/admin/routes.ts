// Administrator routes: creating registrars. Admins have no clinical access.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta, requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Limiters } from '../../plugins/rate-limits.ts';
import type { AccountDeps } from '../accounts/deps.ts';
import { email } from '../accounts/schemas.ts';
import { createRegistrar } from './create-registrar.ts';

const registrarBody = z
  .object({ email, displayName: z.string().trim().min(1, 'is required').max(100) })
  .strict();

export const adminRoutes =
  (deps: AccountDeps, limiters: Limiters): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/admin/registrars',
      {
        onRequest: [requireUser({ roles: ['admin'] }), limiters.auth],
        schema: {
          summary: 'Create a registrar account (a set-password link is emailed)',
          tags: ['admin'],
          body: registrarBody,
          response: {
            201: z.object({ id: z.string() }),
            400: problemSchema,
            401: problemSchema,
            403: problemSchema,
            409: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const id = await createRegistrar(deps, signedIn(request).user, request.body, requestMeta(request));
        return reply.status(201).send({ id });
      },
    );
  };
