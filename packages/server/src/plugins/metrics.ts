// Prometheus metrics: request latency, outbox backlog, anchored batches, relayer errors.
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    requestDuration: new Histogram({
      name: 'medconnect_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    outboxBacklog: new Gauge({
      name: 'medconnect_outbox_backlog',
      help: 'Outbox leaves not yet anchored',
      registers: [registry],
    }),
    outboxOldestAge: new Gauge({
      name: 'medconnect_outbox_oldest_pending_seconds',
      help: 'Age of the oldest outbox leaf not yet anchored',
      registers: [registry],
    }),
    anchoredBatches: new Counter({
      name: 'medconnect_anchored_batches_total',
      help: 'Merkle batches anchored on chain by this process',
      registers: [registry],
    }),
    anchoredLeaves: new Counter({
      name: 'medconnect_anchored_leaves_total',
      help: 'Leaves anchored on chain by this process',
      registers: [registry],
    }),
    anchoringLag: new Histogram({
      name: 'medconnect_anchoring_lag_seconds',
      help: 'Time from batch creation to its root being anchored',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    relayerErrors: new Gauge({
      name: 'medconnect_relayer_errors_total',
      help: 'Relayer cycles that failed (chain unreachable, transaction failed)',
      registers: [registry],
    }),
  };
}

export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
