// The erasure module: a patient erases their account by crypto-shredding, and registrars see the
// tombstones. It acts on accounts, so it runs on the accounts module's dependencies.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Limiters } from '../../plugins/rate-limits.ts';
import type { AccountDeps } from '../accounts/deps.ts';
import type { SigningDeps } from '../consent/consent-signing.ts';
import { erasureRoutes } from './routes.ts';

export const erasureModule = (deps: AccountDeps, limiters: Limiters, signing: SigningDeps): FastifyPluginAsyncZod =>
  erasureRoutes({ ...deps, signing }, limiters);
