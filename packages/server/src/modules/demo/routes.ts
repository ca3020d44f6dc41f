// Demo mode's one-click sign-in: registered only when the server starts with --demo (so these paths
// are 404 otherwise), and only for the demo accounts. A demo sign-in counts as complete, second
// factor included, so each role can be tried without an authenticator app.
import { NotFound } from '@medconnect/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Limiters } from '../../plugins/rate-limits.ts';
import { answerSignIn } from '../accounts/answer.ts';
import type { AccountDeps } from '../accounts/deps.ts';
import { userByEmail } from '../accounts/repo.ts';
import { email, signedIn } from '../accounts/schemas.ts';
import { startSession } from '../accounts/sign-in.ts';
import { listDemoAccounts } from './demo-accounts.ts';

const demoAccount = z.object({
  email: z.string(),
  role: z.string(),
  displayName: z.string(),
  description: z.string(),
});

export const demoRoutes =
  (deps: AccountDeps, limiters: Limiters): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/demo/accounts',
      {
        schema: {
          summary: 'Demo accounts (demo mode only)',
          tags: ['demo'],
          response: { 200: z.array(demoAccount) },
        },
      },
      async () => listDemoAccounts(deps),
    );

    app.post(
      '/api/demo/sign-in',
      {
        onRequest: [limiters.auth],
        schema: {
          summary: 'Sign in as a demo account (demo mode only)',
          tags: ['demo'],
          body: z.object({ email }).strict(),
          response: { 200: signedIn, 400: problemSchema, 404: problemSchema, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const listed = (await listDemoAccounts(deps)).some((account) => account.email === request.body.email);
        const user = listed ? await userByEmail(deps.db, request.body.email) : undefined;
        if (!user) throw new NotFound('No demo account with that email address');
        const outcome = await startSession(deps, user, {
          method: 'demo',
          meta: requestMeta(request),
          previousSessionId: request.session?.id,
          secondFactorDone: true,
        });
        const answer = await answerSignIn(deps.db, reply, outcome);
        if (answer.status !== 'signed-in') throw new Error('demo sign-in did not complete');
        return answer;
      },
    );
  };
