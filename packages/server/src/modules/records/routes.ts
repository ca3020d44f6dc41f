// HTTP routes of the records module. Reads go through the clinical store, which checks access and
// writes the audit event; another patient's record answers 404 like a missing one. The proof of a
// record reveals no health data (hashes, positions and the anchoring transaction) and stays public.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Forbidden } from '@medconnect/core';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Platform } from '../../platform.ts';
import type { Actor } from '../../repository/actor.ts';
import type { FastifyRequest } from 'fastify';
import { withAuthors } from './authors.ts';
import { historyResource, patientHistoryBody } from './patient-history.ts';
import { recordProof } from './record-proof.ts';
import { proofQuery, recordListQuery, recordParams, recordProofResponse, recordQuery, recordVersion } from './schemas.ts';

/** The signed-in person, reading their own record. */
export function readerOf(request: FastifyRequest): Actor {
  const { user } = signedIn(request);
  return { id: user.id, role: user.role, patientId: user.patientId ?? undefined, purpose: 'patient-request', sourceIp: request.ip };
}

/** Only a patient writes their own history; anyone else is told so plainly (nothing is revealed). */
async function ownRecordOnly(request: FastifyRequest): Promise<void> {
  const { user } = signedIn(request);
  if (user.role !== 'patient') throw new Forbidden('Only patients can add history to their own record.');
  if (!user.patientId) throw new Forbidden('Your account has no health record to add to.');
}


const denied = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const recordRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/records',
      {
        onRequest: requireUser(),
        schema: {
          summary: 'My record: the latest version of every entry, newest first',
          tags: ['records'],
          querystring: recordListQuery,
          response: { 200: z.array(recordVersion), ...denied },
        },
      },
      async (request) => {
        const reader = readerOf(request);
        const own = reader.patientId;
        if (!own) return [];
        return withAuthors(platform.db, await platform.store.listForPatient(reader, own, { resourceType: request.query.type }));
      },
    );

    app.post(
      '/api/records',
      {
        onRequest: [requireUser(), ownRecordOnly],
        schema: {
          summary: 'Add patient-reported history (a condition, allergy, medication, symptom or family history) to my record',
          tags: ['records'],
          body: patientHistoryBody,
          response: { 201: recordVersion, ...denied, 415: problemSchema },
        },
      },
      async (request, reply) => {
        const reader = readerOf(request);
        const patientId = reader.patientId!;
        const [written] = await platform.store.create(reader, patientId, [
          { resource: historyResource(request.body, patientId), source: 'patient-reported' },
        ]);
        return reply.status(201).send((await withAuthors(platform.db, [written!]))[0]!);
      },
    );

    app.get(
      '/api/records/:id',
      {
        onRequest: requireUser(),
        schema: {
          summary: 'One version of a record entry (the latest by default)',
          tags: ['records'],
          params: recordParams,
          querystring: recordQuery,
          response: { 200: recordVersion, ...denied },
        },
      },
      async (request) => (await withAuthors(platform.db, [await platform.store.read(readerOf(request), request.params.id, request.query.version)]))[0]!,
    );

    app.get(
      '/api/records/:id/history',
      {
        onRequest: requireUser(),
        schema: {
          summary: 'Every version of a record entry, oldest first',
          tags: ['records'],
          params: recordParams,
          response: { 200: z.array(recordVersion), ...denied },
        },
      },
      async (request) => withAuthors(platform.db, await platform.store.history(readerOf(request), request.params.id)),
    );

    app.get(
      '/api/records/:id/proof',
      {
        schema: {
          summary: 'Anchoring proof of a record version',
          tags: ['records'],
          params: recordParams,
          querystring: proofQuery,
          response: { 200: recordProofResponse, 400: problemSchema, 404: problemSchema },
        },
      },
      async (request) =>
        recordProof(
          { db: platform.db, chain: platform.chain, anchorLog: platform.addresses.anchorLog },
          request.params.id,
          request.query.version,
        ),
    );
  };
