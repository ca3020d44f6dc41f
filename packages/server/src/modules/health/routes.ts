// Liveness, readiness and metrics. Readiness says whether the database and chain answer and how far
// anchoring lags behind, so an operator (or a load balancer) sees a degraded platform at once.
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { outboxBacklog } from '../../relayer/claim-batch.ts';

const readiness = z.object({
  status: z.enum(['ready', 'degraded', 'unavailable']),
  database: z.object({ ok: z.boolean(), error: z.string().optional() }),
  chain: z.object({
    ok: z.boolean(),
    chainId: z.number().int().optional(),
    blockNumber: z.number().int().optional(),
    error: z.string().optional(),
  }),
  outbox: z.object({ backlog: z.number().int(), oldestPendingAgeSeconds: z.number().nullable() }),
  anchoring: z.object({
    anchoredBatches: z.number().int(),
    lastAnchoredAt: z.string().nullable(),
    error: z.string().optional(),
  }),
});

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

export const healthRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/healthz',
      { schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      { schema: { tags: ['operations'], response: { 200: readiness, 503: readiness } } },
      async (_request, reply) => {
        const body: z.infer<typeof readiness> = {
          status: 'ready',
          database: { ok: true },
          chain: { ok: true },
          outbox: { backlog: 0, oldestPendingAgeSeconds: null },
          anchoring: {
            anchoredBatches: platform.relayer.status.anchoredBatches,
            lastAnchoredAt: platform.relayer.status.lastAnchoredAt?.toISOString() ?? null,
          },
        };
        try {
          await platform.db.execute(sql`select 1`);
          body.outbox = await outboxBacklog(platform.db);
          platform.metrics.outboxBacklog.set(body.outbox.backlog);
          platform.metrics.outboxOldestAge.set(body.outbox.oldestPendingAgeSeconds ?? 0);
        } catch (error) {
          body.database = { ok: false, error: firstLine(error) };
        }
        try {
          const [chainId, blockNumber] = await Promise.all([
            platform.chain.publicClient.getChainId(),
            platform.chain.publicClient.getBlockNumber(),
          ]);
          body.chain = { ok: true, chainId, blockNumber: Number(blockNumber) };
        } catch (error) {
          body.chain = { ok: false, error: firstLine(error) };
        }
        const anchoringError = platform.relayer.status.identityError ?? platform.relayer.status.lastError;
        if (anchoringError) body.anchoring.error = anchoringError;
        if (!body.database.ok) body.status = 'unavailable';
        else if (!body.chain.ok || anchoringError) body.status = 'degraded';
        return reply.status(body.status === 'unavailable' ? 503 : 200).send(body);
      },
    );

    app.get('/metrics', { schema: { tags: ['operations'], hide: true } }, async (_request, reply) => {
      const backlog = await outboxBacklog(platform.db).catch(() => undefined);
      if (backlog) {
        platform.metrics.outboxBacklog.set(backlog.backlog);
        platform.metrics.outboxOldestAge.set(backlog.oldestPendingAgeSeconds ?? 0);
      }
      platform.metrics.relayerErrors.set(platform.relayer.status.errors);
      return reply.type(platform.metrics.registry.contentType).send(await platform.metrics.registry.metrics());
    });
  };
