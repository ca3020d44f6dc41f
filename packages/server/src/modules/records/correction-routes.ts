// Correcting an entry (POST /api/records/:id/versions): nothing is overwritten, the correction is a new
// version written by the caller, with the reason in it. The clinical store decides who may write: the
// patient on their own record, a doctor whose consent covers the entry (or during emergency access).
// Anyone else, and a missing entry, get the same 404; a correction based on an old version gets 409.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { Conflict } from '@medconnect/core';
import { requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Platform } from '../../platform.ts';
import type { Actor } from '../../repository/actor.ts';
import { withAuthors } from './authors.ts';
import { correctedResource, correctionBody } from './correction.ts';
import { recordParams, recordVersion } from './schemas.ts';

/** The caller as the one correcting: a patient on request, a clinician for treatment. */
function correctorOf(request: FastifyRequest): Actor {
  const { user } = signedIn(request);
  const purpose = user.role === 'patient' ? 'patient-request' : 'treatment';
  return { id: user.id, role: user.role, patientId: user.patientId ?? undefined, purpose, sourceIp: request.ip };
}

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export const recordCorrectionRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/records/:id/versions',
      {
        onRequest: requireUser(),
        schema: {
          summary: 'Correct an entry: a new version with the reason for it (the old versions stay as they were)',
          tags: ['records'],
          params: recordParams,
          body: correctionBody,
          response: { 201: recordVersion, ...errors },
        },
      },
      async (request, reply) => {
        const actor = correctorOf(request);
        const { id } = request.params;
        const current = await platform.store.read(actor, id);
        if (current.version !== request.body.expectedVersion) {
          throw new Conflict(`Someone corrected this entry first: it is at version ${current.version}, not ${request.body.expectedVersion}`);
        }
        const written = await platform.store.amend(
          actor,
          id,
          correctedResource(current.resource, request.body),
          'correction',
          request.body.expectedVersion,
        );
        return reply.status(201).send((await withAuthors(platform.db, [written]))[0]!);
      },
    );
  };
