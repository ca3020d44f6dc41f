// The patient's access log over HTTP (docs/consent-api.md): JSON for the page, CSV to download.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Platform } from '../../platform.ts';
import { accessLog, accessLogCsv, auditLogExport } from './access-log.ts';
import { NotFound } from '@medconnect/core';
import type { FastifyRequest } from 'fastify';

const event = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), role: z.string(), practitionerId: z.string().nullable() }),
  action: z.string(),
  outcome: z.string(),
  purpose: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  anchored: z.boolean(),
});

const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

function ownRecord(request: FastifyRequest): string {
  const { user } = signedIn(request);
  if (!user.patientId) throw new NotFound('Your account has no health record, so there is no access log.');
  return user.patientId;
}

export const accessLogRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/access-log',
      {
        onRequest: requireUser(),
        schema: { summary: 'Who saw my record: every access to it, newest first', tags: ['records'], response: { 200: z.object({ events: z.array(event) }), ...errors } },
      },
      async (request) => ({ events: await accessLog(platform.db, ownRecord(request)) }),
    );

    app.get(
      '/api/access-log.csv',
      {
        onRequest: requireUser(),
        schema: { summary: 'My access log as CSV (the export is logged too)', tags: ['records'], response: { 200: z.string(), ...errors } },
      },
      async (request, reply) => {
        const patientId = ownRecord(request);
        const { user } = signedIn(request);
        await auditLogExport(platform.db, { id: user.id, role: user.role, patientId, purpose: 'patient-request', sourceIp: request.ip }, patientId);
        const csv = accessLogCsv(await accessLog(platform.db, patientId));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="medconnect-access-log.csv"')
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );
  };
