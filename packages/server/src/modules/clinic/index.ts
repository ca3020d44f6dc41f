// The clinic module: a doctor's view of a patient, consultations, break-the-glass and its review.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform.ts';
import type { ConsentService } from '../consent/service.ts';
import { createEmergencyAccess, type EmergencyAccess } from './emergency-access.ts';
import { clinicRoutes } from './routes.ts';

export const emergencyAccess = (platform: Platform): EmergencyAccess =>
  createEmergencyAccess({ db: platform.db, sealer: platform.sealer, mailer: platform.mailer, publicUrl: platform.config.publicUrl });

export const clinicModule = (platform: Platform, consent: ConsentService): FastifyPluginAsyncZod =>
  clinicRoutes(platform, consent, emergencyAccess(platform));
