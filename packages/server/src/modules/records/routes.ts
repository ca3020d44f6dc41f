// HTTP routes of the records module. The proof of a record reveals no health data: only hashes,
// positions and the anchoring transaction.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Platform } from '../../platform.ts';
import { recordProof } from './record-proof.ts';
import { proofQuery, recordParams, recordProofResponse } from './schemas.ts';

export const recordRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
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
