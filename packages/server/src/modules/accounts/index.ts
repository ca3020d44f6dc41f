// The accounts module: who people are and how they sign in. Wires the operations to the platform and
// registers the routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform.ts';
import type { Limiters } from '../../plugins/rate-limits.ts';
import type { AccountDeps } from './deps.ts';
import { warmPasswordHashing } from './passwords.ts';
import { accountRoutes } from './routes-account.ts';
import { authRoutes } from './routes-auth.ts';

export type { AccountDeps } from './deps.ts';

export function accountDeps(
  platform: Pick<Platform, 'db' | 'sealer' | 'mailer' | 'patients' | 'chain' | 'config' | 'log'>,
): AccountDeps {
  warmPasswordHashing();
  return {
    db: platform.db,
    sealer: platform.sealer,
    mailer: platform.mailer,
    patients: platform.patients,
    publicClient: platform.chain.publicClient,
    publicUrl: platform.config.publicUrl,
    log: platform.log.child({ component: 'accounts' }),
  };
}

export const accountsModule =
  (deps: AccountDeps, limiters: Limiters): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(authRoutes(deps, limiters));
    await app.register(accountRoutes(deps, limiters));
  };
