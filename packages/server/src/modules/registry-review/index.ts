// The registry-review module: registrars verify, reject, suspend and reinstate professionals' licences.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform.ts';
import { registryReviewRoutes } from './routes.ts';
import { createRegistryReview } from './service.ts';

export const registryReviewModule = (platform: Pick<Platform, 'db' | 'mailer' | 'config'>): FastifyPluginAsyncZod =>
  registryReviewRoutes(
    createRegistryReview({ db: platform.db, mailer: platform.mailer, publicUrl: platform.config.publicUrl }),
  );
