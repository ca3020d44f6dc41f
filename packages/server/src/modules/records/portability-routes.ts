// A patient takes their record with them and brings history from elsewhere: the whole record as a FHIR
// R4 Bundle, a printable PDF summary, and the upload of a bundle another system exported. Reads and
// writes go through the clinical store (access checked, export or import audited there).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Forbidden } from '@medconnect/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Platform } from '../../platform.ts';
import { authorNames, healthIdOf } from './export-context.ts';
import { exportBundle } from './export-bundle.ts';
import { importPatientBundle } from './import-bundle.ts';
import { recordName, summarySections } from './record-summary.ts';
import { readerOf } from './routes.ts';
import { summaryPdf } from './summary-pdf.ts';

/** Uploaded bundles run to a few megabytes (a long Synthea history is 1.3 MB); the app default is 1 MiB. */
export const importBodyLimit = 10 * 1024 * 1024;

/** Only a patient's own record is exported or imported into; anyone else is told so plainly. */
const patientOnly = (what: string) => async (request: FastifyRequest) => {
  const { user } = signedIn(request);
  if (user.role !== 'patient') throw new Forbidden(`Only patients can ${what} their own record.`);
  if (!user.patientId) throw new Forbidden('Your account has no health record.');
};

const denied = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

const fhirBundle = z
  .looseObject({
    resourceType: z.literal('Bundle'),
    type: z.string(),
    entry: z.array(
      z.looseObject({ fullUrl: z.string(), resource: z.looseObject({ resourceType: z.string() }) }),
    ),
  })
  .describe('A FHIR R4 Bundle');

const importBody = z
  .looseObject({}, { error: 'must be a FHIR Bundle (a JSON object with resourceType "Bundle")' })
  .describe('A FHIR R4 Bundle of type transaction, batch or collection');

const importResult = z.object({
  total: z.number().int().describe('Entries stored'),
  byType: z.record(z.string(), z.number().int()).describe('Entries stored, per resource type'),
  skipped: z
    .record(z.string(), z.number().int())
    .describe('Entries not stored (the bundle’s own Patient resource)'),
  bundle: z.string().describe('How the stored entries name this upload (tag code)'),
});

const attachment = (filename: string) => `attachment; filename="${filename}"`;

export const recordPortabilityRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    /** The caller's own record, read for export (audited as one export), and who it is about. */
    async function ownExport(request: FastifyRequest) {
      const reader = readerOf(request);
      const patientId = reader.patientId!;
      const record = await platform.store.listForPatient(reader, patientId, { action: 'export' });
      const healthId = await healthIdOf(platform.db, patientId);
      const name = recordName(record) ?? signedIn(request).user.displayName;
      return { record, subject: { patientId, healthId, name } };
    }

    app.get(
      '/api/records/export/fhir',
      {
        onRequest: [requireUser(), patientOnly('export')],
        schema: {
          summary:
            'My whole record as a FHIR R4 collection Bundle (latest version of every entry), as a download',
          tags: ['records'],
          response: { 200: fhirBundle, ...denied },
        },
      },
      async (request, reply) => {
        const { record, subject } = await ownExport(request);
        return reply
          .type('application/fhir+json; charset=utf-8')
          .header('content-disposition', attachment(`medconnect-record-${subject.healthId}.json`))
          .header('cache-control', 'no-store')
          .send(exportBundle(record, subject));
      },
    );

    app.get(
      '/api/records/export/pdf',
      {
        onRequest: [requireUser(), patientOnly('export')],
        schema: {
          summary:
            'A printable PDF summary of my record (allergies, problems, medications, immunizations, results, visits)',
          tags: ['records'],
          // The PDF is sent as bytes, never through the JSON serializer; errors are problem details.
          response: {
            200: z.unknown().describe('The PDF document (application/pdf), as an attachment'),
            ...denied,
          },
        },
      },
      async (request, reply) => {
        const { record, subject } = await ownExport(request);
        const pdf = await summaryPdf(
          {
            name: subject.name,
            healthId: subject.healthId,
            generatedAt: new Date(),
            verifyUrl: `${platform.config.publicUrl}/verify`,
          },
          summarySections(record, await authorNames(platform.db, record)),
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', attachment(`medconnect-summary-${subject.healthId}.pdf`))
          .header('cache-control', 'no-store')
          .send(Buffer.from(pdf));
      },
    );

    app.post(
      '/api/records/import',
      {
        onRequest: [requireUser(), patientOnly('import into')],
        bodyLimit: importBodyLimit,
        schema: {
          summary: 'Import a FHIR R4 bundle from another system into my record, as patient-provided history',
          tags: ['records'],
          body: importBody,
          response: {
            201: importResult,
            400: problemSchema,
            ...denied,
            413: problemSchema,
            415: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const reader = readerOf(request);
        const result = await importPatientBundle(platform.store, reader, reader.patientId!, request.body);
        return reply.status(201).send(result);
      },
    );
  };
