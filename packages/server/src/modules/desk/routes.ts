// Desk registration (a verified doctor or staff member registers a patient who has no account) and
// the patient's claim of that account later (public, rate limited like the other account routes).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestMeta, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Limiters } from '../../plugins/rate-limits.ts';
import { CLAIM_STARTED_MESSAGE, finishClaim, startClaim } from './claim-account.ts';
import type { DeskDeps } from './deps.ts';
import { registerPatient } from './register-patient.ts';
import * as s from './schemas.ts';
import { requireVerifiedClinician } from './verified-clinician.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  409: problemSchema,
  415: problemSchema,
  429: problemSchema,
};

export const deskRoutes =
  (deps: DeskDeps, limiters: Limiters): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/desk/patients',
      {
        onRequest: [requireVerifiedClinician(deps.db)],
        schema: {
          summary: 'Register a patient without an account (a likely duplicate answers 409 unless confirmed)',
          tags: ['desk'],
          body: s.deskRegistrationBody,
          response: { 201: s.deskRegistration, ...problems },
        },
      },
      async (request, reply) => {
        const registered = await registerPatient(
          deps,
          signedIn(request).user,
          request.body,
          requestMeta(request),
        );
        return reply.status(201).send(registered);
      },
    );

    app.post(
      '/api/auth/claim/start',
      {
        onRequest: [limiters.auth],
        schema: {
          summary:
            'Ask for a code to claim an account a clinic registered (same answer whether or not it matches)',
          tags: ['auth'],
          body: s.claimStartBody,
          response: { 202: s.message, ...problems },
        },
      },
      async (request, reply) => {
        await startClaim(deps, request.body, requestMeta(request));
        return reply.status(202).send({ message: CLAIM_STARTED_MESSAGE });
      },
    );

    app.post(
      '/api/auth/claim/finish',
      {
        onRequest: [limiters.signIn],
        schema: {
          summary: 'Claim the account with the code, choosing an email address and a password',
          tags: ['auth'],
          body: s.claimFinishBody,
          response: { 200: s.claimResult, ...problems },
        },
      },
      async (request) => finishClaim(deps, request.body, requestMeta(request)),
    );
  };
