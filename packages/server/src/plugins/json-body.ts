// Request bodies of the API are JSON and nothing else: a body in another media type is answered 415
// before it is parsed (Fastify would otherwise parse text/plain and answer a puzzling 400). A
// `content-type: application/json` request with an empty body (a bodiless POST from a generic
// client) counts as no body rather than as malformed JSON. A route that takes a file instead names
// the media types it accepts in `config.bodyMediaTypes` (and registers their parser in its own plugin).
import { AppError } from '@medconnect/core';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types of a route's body other than JSON (a file upload); JSON is then refused. */
    bodyMediaTypes?: readonly string[];
  }
}

const withBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const json = /^application\/json\s*(;|$)/i;

export function registerJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });

  app.addHook('onRequest', async (request) => {
    if (!withBody.has(request.method) || !request.url.startsWith('/api/')) return;
    const length = Number(request.headers['content-length'] ?? 0);
    const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
    const mediaTypes = request.routeOptions.config?.bodyMediaTypes;
    if (hasBody && mediaTypes) {
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!mediaTypes.includes(mediaType)) {
        throw new AppError(415, 'unsupported-media-type', `Send the file as ${mediaTypes.join(', ')}.`);
      }
      return;
    }
    if (hasBody && !json.test(request.headers['content-type'] ?? '')) {
      throw new AppError(
        415,
        'unsupported-media-type',
        'Send the request body as JSON (content-type: application/json).',
      );
    }
  });
}
