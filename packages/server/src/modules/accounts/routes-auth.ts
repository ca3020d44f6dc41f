// Public account routes (docs/accounts-api.md): sign-up, links from mail, sign-in in all its forms,
// the session, and sign-out. Every route that can be abused is rate limited per IP.
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@medconnect/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clearSessionCookie, ownHosts, requestMeta, requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Limiters } from '../../plugins/rate-limits.ts';
import { auditAccount } from './account-audit.ts';
import { answerSignIn } from './answer.ts';
import type { AccountDeps } from './deps.ts';
import { confirmEmailChange, RESENT_MESSAGE, resendVerification, verifyEmail } from './email-verification.ts';
import { FORGOT_MESSAGE, forgotPassword, resetPassword } from './password-reset.ts';
import { register, REGISTERED_MESSAGE } from './register.ts';
import * as s from './schemas.ts';
import { sessionInfo } from './session-info.ts';
import { revokeSession } from './sessions.ts';
import { passwordSignIn, secondFactorSignIn, walletSignIn } from './sign-in.ts';
import { issueNonce, verifySignedMessage } from './siwe.ts';

const tags = ['auth'];
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  409: problemSchema,
  415: problemSchema,
  429: problemSchema,
};

export const authRoutes =
  (deps: AccountDeps, limiters: Limiters): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;

    app.post(
      '/api/auth/register',
      {
        onRequest: [limiters.auth],
        schema: { summary: 'Sign up', tags, body: s.registerBody, response: { 202: s.message, ...problems } },
      },
      async (request, reply) => {
        await register(deps, request.body, requestMeta(request));
        return reply.status(202).send({ message: REGISTERED_MESSAGE });
      },
    );

    app.post(
      '/api/auth/verify-email',
      {
        onRequest: [limiters.auth],
        schema: {
          summary: 'Confirm an email address',
          tags,
          body: s.tokenBody,
          response: { 200: s.message, ...problems },
        },
      },
      async (request) => ({ message: await verifyEmail(deps, request.body.token, requestMeta(request)) }),
    );

    app.post(
      '/api/auth/resend-verification',
      {
        onRequest: [limiters.auth],
        schema: {
          summary: 'Send a new confirmation link',
          tags,
          body: s.emailBody,
          response: { 202: s.message, ...problems },
        },
      },
      async (request, reply) => {
        await resendVerification(deps, request.body.email);
        return reply.status(202).send({ message: RESENT_MESSAGE });
      },
    );

    app.post(
      '/api/auth/login',
      {
        onRequest: [limiters.signIn],
        schema: {
          summary: 'Sign in with email and password',
          tags,
          body: s.loginBody,
          response: { 200: s.signInResult, ...problems },
        },
      },
      async (request, reply) => {
        const outcome = await passwordSignIn(deps, request.body, requestMeta(request), request.session?.id);
        return answerSignIn(db, reply, outcome);
      },
    );

    for (const [path, method, summary] of [
      ['/api/auth/login/totp', 'totp', 'Finish signing in with an authenticator code'],
      ['/api/auth/login/recovery', 'recovery-code', 'Finish signing in with a recovery code'],
    ] as const) {
      app.post(
        path,
        {
          onRequest: [limiters.signIn, requireUser({ halfSession: 'only' })],
          schema: { summary, tags, body: s.codeBody, response: { 200: s.signedIn, ...problems } },
        },
        async (request, reply) => {
          const outcome = await secondFactorSignIn(
            deps,
            signedIn(request),
            method,
            request.body.code,
            requestMeta(request),
          );
          const answer = await answerSignIn(db, reply, outcome);
          if (answer.status !== 'signed-in') throw new Error('second factor did not complete the sign-in');
          return answer;
        },
      );
    }

    app.post(
      '/api/auth/forgot-password',
      {
        onRequest: [limiters.auth],
        schema: {
          summary: 'Send a password reset link',
          tags,
          body: s.emailBody,
          response: { 202: s.message, ...problems },
        },
      },
      async (request, reply) => {
        await forgotPassword(deps, request.body.email);
        return reply.status(202).send({ message: FORGOT_MESSAGE });
      },
    );

    app.post(
      '/api/auth/reset-password',
      {
        onRequest: [limiters.auth],
        schema: {
          summary: 'Choose a new password from a link',
          tags,
          body: s.resetPasswordBody,
          response: { 200: s.message, ...problems },
        },
      },
      async (request) => ({
        message: await resetPassword(deps, request.body.token, request.body.password, requestMeta(request)),
      }),
    );

    app.post(
      '/api/auth/confirm-email-change',
      {
        onRequest: [limiters.auth],
        schema: {
          summary: 'Confirm a new email address',
          tags,
          body: s.tokenBody,
          response: { 200: s.message, ...problems },
        },
      },
      async (request) => ({
        message: await confirmEmailChange(deps, request.body.token, requestMeta(request)),
      }),
    );

    app.get(
      '/api/auth/siwe/nonce',
      {
        onRequest: [limiters.auth],
        schema: {
          summary: 'A nonce for Sign-In with Ethereum',
          tags,
          response: { 200: s.nonce, 429: problemSchema },
        },
      },
      async () => ({ nonce: await issueNonce(deps, 'sign-in') }),
    );

    app.post(
      '/api/auth/siwe',
      {
        onRequest: [limiters.auth],
        schema: {
          summary: 'Sign in with a linked wallet (EIP-4361)',
          tags,
          body: s.siweBody,
          response: { 200: s.signInResult, ...problems },
        },
      },
      async (request, reply) => {
        const address = await verifySignedMessage(deps, request.body, {
          purpose: 'sign-in',
          hosts: ownHosts(request, deps.publicUrl),
        });
        const outcome = await walletSignIn(deps, address, requestMeta(request), request.session?.id);
        return answerSignIn(db, reply, outcome);
      },
    );

    app.get(
      '/api/auth/session',
      {
        onRequest: [requireUser({ allowMfaEnrolment: true })],
        schema: {
          summary: 'The current session',
          tags,
          response: { 200: s.sessionInfo, 401: problemSchema },
        },
      },
      async (request) => sessionInfo(db, signedIn(request)),
    );

    app.get(
      '/api/auth/password-policy',
      { schema: { summary: 'Password length limits', tags, response: { 200: s.passwordPolicy } } },
      async () => ({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
    );

    app.post(
      '/api/auth/logout',
      {
        onRequest: [requireUser({ halfSession: 'also', allowMfaEnrolment: true })],
        schema: {
          summary: 'Sign out',
          tags,
          response: { 204: s.noContent, 401: problemSchema, 403: problemSchema },
        },
      },
      async (request, reply) => {
        const session = signedIn(request);
        await db.transaction(async (tx) => {
          await revokeSession(tx, session.id);
          await auditAccount(tx, { user: session.user, action: 'sign-out', ip: request.ip });
        });
        clearSessionCookie(reply);
        return reply.status(204).send(null);
      },
    );
  };
