// Registrar routes: the licence review queue and the decisions on it (docs/registry-review-api.md).
// Registrars only; everyone else is refused before the body is read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestMeta, requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import { application, applicationList, applicationParams, listQuery, reasonBody } from './schemas.ts';
import type { RegistryReview } from './service.ts';

const registrarOnly = requireUser({ roles: ['registrar'] });
const denied = { 401: problemSchema, 403: problemSchema };
const decided = { 200: application, 400: problemSchema, ...denied, 404: problemSchema, 409: problemSchema };

export const registryReviewRoutes =
  (review: RegistryReview): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/registry/applications',
      {
        onRequest: [registrarOnly],
        schema: {
          summary: 'Professionals awaiting or past licence review, by status (pending by default)',
          tags: ['registry'],
          querystring: listQuery,
          response: { 200: applicationList, 400: problemSchema, ...denied },
        },
      },
      async (request) => ({ applications: await review.list(request.query.status) }),
    );

    app.post(
      '/api/registry/applications/:userId/approve',
      {
        onRequest: [registrarOnly],
        schema: {
          summary: 'Approve a pending licence: verified on chain, practitioner identifier assigned',
          tags: ['registry'],
          params: applicationParams,
          response: decided,
        },
      },
      async (request) => review.approve(signedIn(request).user, request.params.userId, requestMeta(request)),
    );

    app.post(
      '/api/registry/applications/:userId/reject',
      {
        onRequest: [registrarOnly],
        schema: {
          summary: 'Reject a pending licence with a reason',
          tags: ['registry'],
          params: applicationParams,
          body: reasonBody,
          response: decided,
        },
      },
      async (request) =>
        review.reject(signedIn(request).user, request.params.userId, request.body.reason, requestMeta(request)),
    );

    app.post(
      '/api/registry/applications/:userId/suspend',
      {
        onRequest: [registrarOnly],
        schema: {
          summary: 'Suspend a verified professional with a reason (suspended on chain)',
          tags: ['registry'],
          params: applicationParams,
          body: reasonBody,
          response: decided,
        },
      },
      async (request) =>
        review.suspend(signedIn(request).user, request.params.userId, request.body.reason, requestMeta(request)),
    );

    app.post(
      '/api/registry/applications/:userId/reinstate',
      {
        onRequest: [registrarOnly],
        schema: {
          summary: 'Reinstate a suspended professional (verified again on chain)',
          tags: ['registry'],
          params: applicationParams,
          response: decided,
        },
      },
      async (request) => review.reinstate(signedIn(request).user, request.params.userId, requestMeta(request)),
    );
  };
