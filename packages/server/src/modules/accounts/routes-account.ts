// Routes of the signed-in person's own account (docs/accounts-api.md): profile, password, email,
// sessions, two-step sign-in and linked wallet. Another person's session answers 404, like a session
// that does not exist.
import { NotFound } from '@medconnect/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clearSessionCookie, ownHosts, requestMeta, requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Limiters } from '../../plugins/rate-limits.ts';
import { auditAccount } from './account-audit.ts';
import { changeEmail, changePassword, EMAIL_CHANGE_MESSAGE, updateProfile } from './account-settings.ts';
import type { AccountDeps } from './deps.ts';
import { accountUser } from './repo.ts';
import * as s from './schemas.ts';
import { listSessions, revokeSessionByHandle, revokeUserSessions } from './sessions.ts';
import { issueNonce, linkWallet, unlinkWallet, verifySignedMessage } from './siwe.ts';
import { disableTotp, enableTotp, setupTotp } from './totp.ts';

const tags = ['account'];
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  415: problemSchema,
  429: problemSchema,
};

export const accountRoutes =
  (deps: AccountDeps, limiters: Limiters): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    const signedInUser = requireUser();
    const enrolling = requireUser({ allowMfaEnrolment: true });

    app.get(
      '/api/account',
      {
        onRequest: [signedInUser],
        schema: { summary: 'My account', tags, response: { 200: s.accountUser, ...problems } },
      },
      async (request) => accountUser(db, signedIn(request).userId),
    );

    app.patch(
      '/api/account',
      {
        onRequest: [signedInUser, limiters.auth],
        schema: {
          summary: 'Change my name',
          tags,
          body: s.profileBody,
          response: { 200: s.accountUser, ...problems },
        },
      },
      async (request) => {
        const { user } = signedIn(request);
        await updateProfile(deps, user, request.body.displayName);
        return accountUser(db, user.id);
      },
    );

    app.post(
      '/api/account/password',
      {
        onRequest: [signedInUser, limiters.auth],
        schema: {
          summary: 'Change my password',
          tags,
          body: s.changePasswordBody,
          response: { 204: s.noContent, ...problems },
        },
      },
      async (request, reply) => {
        const session = signedIn(request);
        await changePassword(deps, session.user, session.id, request.body, requestMeta(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/account/email',
      {
        onRequest: [signedInUser, limiters.auth],
        schema: {
          summary: 'Change my email address',
          tags,
          body: s.changeEmailBody,
          response: { 202: s.message, ...problems },
        },
      },
      async (request, reply) => {
        await changeEmail(deps, signedIn(request).user, request.body);
        return reply.status(202).send({ message: EMAIL_CHANGE_MESSAGE });
      },
    );

    app.get(
      '/api/account/sessions',
      {
        onRequest: [signedInUser],
        schema: { summary: 'My active sessions', tags, response: { 200: s.sessionList, ...problems } },
      },
      async (request) => {
        const session = signedIn(request);
        return listSessions(db, session.userId, session.id);
      },
    );

    app.delete(
      '/api/account/sessions/:id',
      {
        onRequest: [signedInUser],
        schema: {
          summary: 'Sign out one of my sessions',
          tags,
          params: s.sessionParams,
          response: { 204: s.noContent, ...problems },
        },
      },
      async (request, reply) => {
        const session = signedIn(request);
        if (!(await revokeSessionByHandle(db, session.userId, request.params.id)))
          throw new NotFound('No session with that id');
        await auditAccount(db, { user: session.user, action: 'session-revoke', ip: request.ip });
        if (request.params.id === session.handle) clearSessionCookie(reply);
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/account/sessions',
      {
        onRequest: [signedInUser],
        schema: { summary: 'Sign out everywhere', tags, response: { 204: s.noContent, ...problems } },
      },
      async (request, reply) => {
        const session = signedIn(request);
        await db.transaction(async (tx) => {
          await revokeUserSessions(tx, session.userId);
          await auditAccount(tx, { user: session.user, action: 'session-revoke', ip: request.ip });
        });
        clearSessionCookie(reply);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/account/mfa/totp/setup',
      {
        onRequest: [enrolling, limiters.auth],
        schema: {
          summary: 'Start setting up an authenticator app',
          tags,
          response: { 200: s.totpSetup, ...problems },
        },
      },
      async (request) => setupTotp(deps, signedIn(request).user),
    );

    app.post(
      '/api/account/mfa/totp/enable',
      {
        onRequest: [enrolling, limiters.auth],
        schema: {
          summary: 'Turn on two-step sign-in',
          tags,
          body: s.codeBody,
          response: { 200: s.recoveryCodesAnswer, ...problems },
        },
      },
      async (request) => ({
        recoveryCodes: await enableTotp(
          deps,
          signedIn(request).userId,
          request.body.code,
          requestMeta(request),
        ),
      }),
    );

    app.post(
      '/api/account/mfa/totp/disable',
      {
        onRequest: [signedInUser, limiters.auth],
        schema: {
          summary: 'Turn off two-step sign-in',
          tags,
          body: s.disableTotpBody,
          response: { 204: s.noContent, ...problems },
        },
      },
      async (request, reply) => {
        await disableTotp(deps, signedIn(request).user, request.body, requestMeta(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/account/wallet/nonce',
      {
        onRequest: [signedInUser, limiters.auth],
        schema: { summary: 'A nonce for linking a wallet', tags, response: { 200: s.nonce, ...problems } },
      },
      async (request) => ({ nonce: await issueNonce(deps, 'link', signedIn(request).userId) }),
    );

    app.post(
      '/api/account/wallet',
      {
        onRequest: [signedInUser, limiters.auth],
        schema: {
          summary: 'Link a wallet (EIP-4361)',
          tags,
          body: s.siweBody,
          response: { 200: s.accountUser, ...problems },
        },
      },
      async (request) => {
        const { user } = signedIn(request);
        const address = await verifySignedMessage(deps, request.body, {
          purpose: 'link',
          hosts: ownHosts(request, deps.publicUrl),
          userId: user.id,
        });
        await linkWallet(deps, user, address, requestMeta(request));
        return accountUser(db, user.id);
      },
    );

    app.delete(
      '/api/account/wallet',
      {
        onRequest: [signedInUser],
        schema: { summary: 'Unlink my wallet', tags, response: { 200: s.accountUser, ...problems } },
      },
      async (request) => {
        const { user } = signedIn(request);
        await unlinkWallet(deps, user, requestMeta(request));
        return accountUser(db, user.id);
      },
    );
  };
