// One error currency: domain errors, validation failures and unknown routes all become
// application/problem+json with a message for people. Stack traces, SQL and paths never leave the server.
import { AppError } from '@medconnect/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export type Problem = { type: string; title: string; status: number; detail: string; errors?: unknown };

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problem(status: number, detail: string, code = 'about:blank', errors?: unknown): Problem {
  return {
    type: code === 'about:blank' ? code : `https://medconnect.health/problems/${code}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...(errors === undefined ? {} : { errors }),
  };
}

const apiPrefixes = ['/api', '/healthz', '/readyz', '/metrics'];

/** A GET the single-page app should answer: not an API path and not a file. */
export function isAppPath(method: string, path: string): boolean {
  if (method !== 'GET' || path.includes('.')) return false;
  return !apiPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export function registerErrorHandling(app: FastifyInstance, { serveApp = false }: { serveApp?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: Problem;
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        path: `${error.validationContext ?? 'body'}${issue.instancePath === '/' ? '' : issue.instancePath.replaceAll('/', '.')}`,
        message: issue.message,
      }));
      const first = errors[0];
      body = problem(400, first ? `${first.path}: ${first.message}` : 'Invalid request', 'invalid', errors);
    } else if (error instanceof AppError) {
      // Domain rules that point at fields (a weak password, say) carry errors[] like validation does.
      body = problem(error.status, error.message, error.code, error.details?.errors);
      if ('retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number') {
        void reply.header('retry-after', String(error.retryAfterSeconds));
      }
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (bad JSON, wrong content type, body too large) carry safe messages.
      body = problem(error.statusCode, error.message.replace(/^FST_\w+:\s*/, ''), error.code?.toLowerCase());
    } else {
      request.log.error({ err: error }, 'request failed');
      body = problem(500, 'Something went wrong on our side. Please try again.');
    }
    return reply.status(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (serveApp && isAppPath(request.method, path)) return reply.sendFile('index.html');
    return reply.status(404).type('application/problem+json').send(problem(404, `No route ${request.method} ${path}`));
  });
}
