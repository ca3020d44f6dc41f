// The consent module: access requests, one-time passwords, grants and revocations.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform.ts';
import { pinnedChainId } from './consent-signing.ts';
import { consentRoutes } from './routes.ts';
import { createConsentService, type ConsentService } from './service.ts';

export function consentService(platform: Platform): ConsentService {
  return createConsentService({
    db: platform.db,
    sealer: platform.sealer,
    mailer: platform.mailer,
    sms: platform.sms,
    patients: platform.patients,
    publicUrl: platform.config.publicUrl,
    addresses: platform.addresses,
    chainId: (tx) => pinnedChainId(tx, () => platform.chain.publicClient.getChainId()),
  });
}

export const consentModule = (consent: ConsentService): FastifyPluginAsyncZod => consentRoutes(consent);
