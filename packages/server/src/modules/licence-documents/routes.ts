// Licence-document routes: a doctor, pharmacist or staff member uploads and checks their own
// document; a registrar opens it from the review queue. The upload takes the file as the raw body
// (PDF, PNG or JPEG, at most 5 MiB); its parser is registered in this plugin only, so every other
// route still takes JSON alone.
import { Invalid } from '@medconnect/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestMeta, requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import {
  inlineDisposition,
  isLicenceMediaType,
  licenceMediaTypes,
  MAX_LICENCE_DOCUMENT_BYTES,
} from './file-type.ts';
import { fileBody, licenceDocumentMetadata, ownerParams } from './schemas.ts';
import type { LicenceDocuments } from './service.ts';

const professionalsOnly = requireUser({ roles: ['doctor', 'pharmacist', 'staff'] });
const registrarOnly = requireUser({ roles: ['registrar'] });
const denied = { 401: problemSchema, 403: problemSchema };

/** Keeps a document a browser opens from running anything: no script, no plugins, not framed. */
const documentPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

export const licenceDocumentRoutes =
  (documents: LicenceDocuments): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser([...licenceMediaTypes], { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });

    app.put(
      '/api/account/licence-document',
      {
        onRequest: [professionalsOnly],
        bodyLimit: MAX_LICENCE_DOCUMENT_BYTES,
        config: { bodyMediaTypes: licenceMediaTypes },
        schema: {
          summary: 'Upload my licence document for review (PDF, PNG or JPEG, at most 5 MiB); replaces the earlier one',
          description:
            'The body is the file itself with its media type as content-type; the file name may be sent, ' +
            'percent-encoded, in the x-file-name header.',
          tags: ['account'],
          response: {
            200: licenceDocumentMetadata,
            400: problemSchema,
            ...denied,
            413: problemSchema,
            415: problemSchema,
          },
        },
      },
      async (request) => {
        const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!Buffer.isBuffer(request.body) || !isLicenceMediaType(contentType)) {
          throw new Invalid(`Send the licence document as the request body (${licenceMediaTypes.join(', ')}).`);
        }
        const header = request.headers['x-file-name'];
        return documents.upload(
          signedIn(request).user,
          { bytes: new Uint8Array(request.body), contentType, fileName: Array.isArray(header) ? header[0] : header },
          requestMeta(request),
        );
      },
    );

    app.get(
      '/api/account/licence-document',
      {
        onRequest: [requireUser()],
        schema: {
          summary: 'The licence document I uploaded (name, type, size, when); 404 when there is none',
          tags: ['account'],
          response: { 200: licenceDocumentMetadata, ...denied, 404: problemSchema },
        },
      },
      async (request) => documents.own(signedIn(request).userId),
    );

    app.get(
      '/api/registry/applications/:userId/licence-document',
      {
        onRequest: [registrarOnly],
        schema: {
          summary: "A professional's uploaded licence document, to open in the browser",
          description: 'Answers 200 with the file in its own media type, shown inline and sandboxed.',
          tags: ['registry'],
          params: ownerParams,
          response: { 200: fileBody, 400: problemSchema, ...denied, 404: problemSchema },
        },
      },
      async (request, reply) => {
        const document = await documents.openForReview(
          signedIn(request).user,
          request.params.userId,
          requestMeta(request),
        );
        return reply
          .type(document.contentType)
          .header('content-disposition', inlineDisposition(document.fileName))
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', documentPolicy)
          .send(Buffer.from(document.bytes));
      },
    );
  };
