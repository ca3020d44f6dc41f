// Operator routes: integrity verification of a running server, for `medconnect verify`.
// Only a caller holding the operator token (see operator-token.ts) may use them.
import { Unauthorized } from '@medconnect/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Platform } from '../../platform.ts';
import { verifyIntegrity } from '../verify/verify-integrity.ts';
import { tokenMatches } from './operator-token.ts';

const status = z.enum(['verified', 'erased', 'pending', 'missing', 'TAMPERED']);
const report = z.object({
  checkedAt: z.string(),
  chainId: z.number().int(),
  summary: z.record(status, z.number().int()),
  items: z.array(
    z.object({
      kind: z.enum(['record', 'audit', 'batch']),
      id: z.string(),
      version: z.number().int().optional(),
      status,
      reason: z.string().optional(),
    }),
  ),
});

export const operatorRoutes =
  (platform: Platform, operatorToken: string | undefined): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/operator/integrity',
      {
        schema: {
          summary: 'Verify every record and audit event against the chain',
          tags: ['operations'],
          querystring: z.object({ patient: z.uuid().optional() }).strict(),
          response: { 200: report, 401: problemSchema, 400: problemSchema },
        },
      },
      async (request) => {
        const presented = request.headers.authorization?.replace(/^Bearer /, '');
        if (!operatorToken || !tokenMatches(operatorToken, presented)) throw new Unauthorized('Operator token required');
        return verifyIntegrity(
          { db: platform.db, keyring: platform.keyring, chain: platform.chain, anchorLog: platform.addresses.anchorLog },
          request.query.patient ? { patientId: request.query.patient } : {},
        );
      },
    );
  };
