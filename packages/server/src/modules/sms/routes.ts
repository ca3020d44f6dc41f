// The development text-message outbox over HTTP: registered only outside production, so in
// production this path does not exist at all (404).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { listSmsOutbox } from './sms-outbox.ts';

const textMessage = z.object({ id: z.string(), to: z.string(), text: z.string(), sentAt: z.string() });

export const smsOutboxRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dev/sms',
      {
        schema: {
          summary: 'Development text-message outbox, newest first',
          tags: ['development'],
          response: { 200: z.array(textMessage) },
        },
      },
      async () => listSmsOutbox(db),
    );
  };
