// The signed-in person's Health ID card as a PDF to print. The card carries their name, Health ID and a
// QR code leading to the clinic's find-a-patient page; no health data, so no consent check or audit
// of clinical data is involved.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseHealthId } from '@medconnect/core';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Platform } from '../../platform.ts';
import { buildHealthIdCard } from './build-health-id-card.ts';
import { cardHolder } from './card-holder.ts';

/** A binary body: Fastify sends a Buffer as it is, the schema only documents it. */
const pdfBody = z.custom<Buffer>((value) => Buffer.isBuffer(value)).describe('The card as application/pdf');

export const healthIdCardRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/account/health-id-card.pdf',
      {
        onRequest: requireUser(),
        schema: {
          summary:
            'My Health ID card as a printable PDF (name, Health ID and a QR code to find me; no health data)',
          tags: ['account'],
          description: 'Answers 200 with application/pdf as an attachment; errors are problem details.',
          response: { 200: pdfBody, 401: problemSchema, 403: problemSchema, 404: problemSchema },
        },
      },
      async (request, reply) => {
        const { user } = signedIn(request);
        const holder = await cardHolder(platform.db, user);
        const pdf = await buildHealthIdCard({ ...holder, publicUrl: platform.config.publicUrl });
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="medconnect-health-id-${parseHealthId(holder.healthId)}.pdf"`,
          )
          .header('cache-control', 'no-store')
          .send(Buffer.from(pdf));
      },
    );
  };
