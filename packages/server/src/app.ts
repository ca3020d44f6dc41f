// Builds the Fastify application from an opened platform. It never listens: main.ts does, and the
// tests call `inject()`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { accountDeps, accountsModule } from './modules/accounts/index.ts';
import { adminRoutes } from './modules/admin/routes.ts';
import { accessLogRoutes } from './modules/access-log/routes.ts';
import { clinicModule } from './modules/clinic/index.ts';
import { consentSigning } from './modules/consent/consent-signing.ts';
import { consentModule, consentService } from './modules/consent/index.ts';
import { demoRoutes } from './modules/demo/routes.ts';
import { deskDeps, deskModule } from './modules/desk/index.ts';
import { erasureModule } from './modules/erasure/index.ts';
import { healthIdCardRoutes } from './modules/health-id-card/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { mailboxRoutes } from './modules/mail/routes.ts';
import { operatorRoutes } from './modules/operator/routes.ts';
import { recordCorrectionRoutes } from './modules/records/correction-routes.ts';
import { recordPortabilityRoutes } from './modules/records/portability-routes.ts';
import { recordRoutes } from './modules/records/routes.ts';
import { licenceDocumentsModule } from './modules/licence-documents/index.ts';
import { registryReviewModule } from './modules/registry-review/index.ts';
import { smsOutboxRoutes } from './modules/sms/routes.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerJsonBodies } from './plugins/json-body.ts';
import { registerRequestMetrics } from './plugins/metrics.ts';
import { registerRateLimits } from './plugins/rate-limits.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import type { Platform } from './platform.ts';

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: { method: string; url: string }[];
  }
}

export const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

export type AppOptions = {
  operatorToken?: string;
  /** Directory of the built web app; served when it exists. */
  webDist?: string;
  /** Log requests (the server does; tests keep quiet). */
  logger?: boolean;
  /** Started with --demo: the demo accounts' one-click sign-in exists. */
  demo?: boolean;
};

export async function buildApp(platform: Platform, options: AppOptions = {}) {
  const loggerInstance: FastifyBaseLogger = platform.log;
  const app = Fastify({
    ...(options.logger === false ? { logger: false } : { loggerInstance }),
    bodyLimit: 1_048_576,
    trustProxy: false,
    requestTimeout: 30_000,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  // Every route registered, for the authorization matrix and for operators reading the docs.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.decorate('registeredRoutes', routes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDist = options.webDist ?? defaultWebDist;
  const serveApp = existsSync(webDist);
  registerErrorHandling(app, { serveApp });
  await registerSecurityHeaders(app);
  registerRequestMetrics(app, platform.metrics);
  registerJsonBodies(app);
  await registerAuth(app, { db: platform.db, publicUrl: platform.config.publicUrl });
  const limiters = await registerRateLimits(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'MedConnect API', version: '0.1.0', description: 'Patient-owned health records with on-chain tamper evidence' },
    },
    transform: jsonSchemaTransform,
  });
  if (platform.config.env !== 'production') await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(healthRoutes(platform));
  await app.register(recordRoutes(platform));
  await app.register(recordCorrectionRoutes(platform));
  await app.register(recordPortabilityRoutes(platform));
  await app.register(healthIdCardRoutes(platform));
  await app.register(operatorRoutes(platform, options.operatorToken));
  const accounts = accountDeps(platform);
  await app.register(accountsModule(accounts, limiters));
  await app.register(adminRoutes(accounts, limiters));
  await app.register(registryReviewModule(platform));
  await app.register(licenceDocumentsModule(platform));
  const consent = consentService(platform);
  await app.register(consentModule(consent));
  await app.register(clinicModule(platform, consent));
  await app.register(accessLogRoutes(platform));
  await app.register(erasureModule(accounts, limiters, consentSigning(platform)));
  await app.register(deskModule(deskDeps(platform, accounts), limiters));
  if (platform.config.env !== 'production') await app.register(mailboxRoutes(platform.db));
  if (platform.config.env !== 'production') await app.register(smsOutboxRoutes(platform.db));
  if (options.demo) await app.register(demoRoutes(accounts, limiters));

  if (serveApp) await app.register(fastifyStatic, { root: webDist, wildcard: true, index: ['index.html'] });
  return app;
}
