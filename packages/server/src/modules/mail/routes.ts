// The development mailbox over HTTP: registered only outside production, so in production these
// paths do not exist at all (404).
import { NotFound } from '@medconnect/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Database } from '../../db/client.ts';
import { listMailbox, readMailboxMessage } from './mailbox.ts';

const summary = z.object({ id: z.string(), to: z.string(), subject: z.string(), sentAt: z.string() });
const message = summary.extend({ text: z.string(), html: z.string().nullable(), links: z.array(z.string()) });

export const mailboxRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dev/mailbox',
      {
        schema: {
          summary: 'Development mailbox, newest first',
          tags: ['development'],
          response: { 200: z.array(summary) },
        },
      },
      async () => listMailbox(db),
    );

    app.get(
      '/api/dev/mailbox/:id',
      {
        schema: {
          summary: 'One message of the development mailbox',
          tags: ['development'],
          params: z.object({ id: z.uuid({ message: 'must be a message id (UUID)' }) }).strict(),
          response: { 200: message, 400: problemSchema, 404: problemSchema },
        },
      },
      async (request) => {
        const found = await readMailboxMessage(db, request.params.id);
        if (!found) throw new NotFound('No message with that id in the development mailbox');
        return found;
      },
    );
  };
