// Consent routes (docs/consent-api.md). Doctors ask, re-send codes, confirm with the patient's code and
// withdraw; patients approve, decline and revoke on their own record. A request of someone else's
// answers 404 like a missing one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta, requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import { accessRequestBody, consentParams, consentView, otpBody } from './schemas.ts';
import type { ConsentService } from './service.ts';

const doctorOnly = requireUser({ roles: ['doctor'] });
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 429: problemSchema, 503: problemSchema };

export const consentRoutes =
  (consent: ConsentService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/consents',
      {
        onRequest: requireUser(),
        schema: {
          summary: 'Requests and grants on my own record, newest first',
          tags: ['consent'],
          response: { 200: z.object({ consents: z.array(consentView) }), ...errors },
        },
      },
      async (request) => ({ consents: await consent.forPatient(signedIn(request).user) }),
    );

    app.get(
      '/api/consents/requested',
      {
        onRequest: doctorOnly,
        schema: {
          summary: 'The access requests and grants I asked for as a doctor, newest first',
          tags: ['consent'],
          response: { 200: z.object({ consents: z.array(consentView) }), ...errors },
        },
      },
      async (request) => ({ consents: await consent.forGrantee(signedIn(request).user) }),
    );

    app.post(
      '/api/consents',
      {
        onRequest: doctorOnly,
        schema: {
          summary: 'Ask a patient (by Health ID) for access; the patient gets a one-time code and an in-app request',
          tags: ['consent'],
          body: accessRequestBody,
          response: { 201: consentView, ...errors },
        },
      },
      async (request, reply) => {
        const view = await consent.request(signedIn(request).user, request.body, requestMeta(request));
        return reply.code(201).send(view);
      },
    );

    const doctorAction = (path: string, summary: string, run: 'resendOtp' | 'cancel') =>
      app.post(
        `/api/consents/:id/${path}`,
        { onRequest: doctorOnly, schema: { summary, tags: ['consent'], params: consentParams, response: { 200: consentView, ...errors } } },
        async (request) => consent[run](signedIn(request).user, request.params.id, requestMeta(request)),
      );
    doctorAction('otp', 'Send the patient a new code for an open request (at most 3 per 15 minutes)', 'resendOtp');
    doctorAction('cancel', 'Withdraw an unanswered request', 'cancel');

    app.post(
      '/api/consents/:id/confirm',
      {
        onRequest: doctorOnly,
        schema: {
          summary: 'Confirm a request with the code the patient read out; access begins at once',
          tags: ['consent'],
          params: consentParams,
          body: otpBody,
          response: { 200: consentView, ...errors },
        },
      },
      async (request) => consent.confirmOtp(signedIn(request).user, request.params.id, request.body.code, requestMeta(request)),
    );

    const patientAction = (path: string, summary: string, run: 'approve' | 'decline' | 'revoke') =>
      app.post(
        `/api/consents/:id/${path}`,
        { onRequest: requireUser(), schema: { summary, tags: ['consent'], params: consentParams, response: { 200: consentView, ...errors } } },
        async (request) => consent[run](signedIn(request).user, request.params.id, requestMeta(request)),
      );
    patientAction('approve', 'Approve a request on my record; access begins at once', 'approve');
    patientAction('decline', 'Decline a request on my record', 'decline');
    patientAction('revoke', 'Revoke a grant on my record; the next request of that doctor is refused', 'revoke');
  };
