// The licence-documents module: the document a professional uploads for licence review, and the
// registrar's view of it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform.ts';
import { licenceDocumentRoutes } from './routes.ts';
import { createLicenceDocuments } from './service.ts';

export const licenceDocumentsModule = (platform: Pick<Platform, 'db' | 'sealer'>): FastifyPluginAsyncZod =>
  licenceDocumentRoutes(createLicenceDocuments({ db: platform.db, sealer: platform.sealer }));
