// Platform readiness from GET /readyz, polled while the status page is open. A 503 still carries
// a full readiness report (degraded or unavailable), so it is data, not an error.
import { useQuery } from '@tanstack/react-query';
import { getJson, malformedResponse } from '../../ui/api-client.ts';
import { isNumberOrNull, isObject, isStringOrNull } from '../../ui/json-shape.ts';

export type ReadinessStatus = 'ready' | 'degraded' | 'unavailable';

export interface Readiness {
  status: ReadinessStatus;
  database: { ok: boolean; error?: string };
  chain: { ok: boolean; chainId?: number; blockNumber?: number; error?: string };
  outbox: { backlog: number; oldestPendingAgeSeconds: number | null };
  anchoring: { anchoredBatches: number; lastAnchoredAt: string | null };
}

export const readinessPollMs = 5_000;

export function useReadiness() {
  return useQuery({
    queryKey: ['readiness'],
    queryFn: ({ signal }) => fetchReadiness(signal),
    refetchInterval: readinessPollMs,
    // Polling is the retry: an error shows at once and clears on the next good answer.
    retry: false,
  });
}

async function fetchReadiness(signal: AbortSignal): Promise<Readiness> {
  const body = await getJson('/readyz', { signal, acceptStatuses: [503] });
  if (!isReadiness(body)) throw malformedResponse('readiness report');
  return body;
}

const statuses: readonly string[] = ['ready', 'degraded', 'unavailable'] satisfies ReadinessStatus[];

function isReadiness(body: unknown): body is Readiness {
  if (!isObject(body) || typeof body['status'] !== 'string' || !statuses.includes(body['status'])) {
    return false;
  }
  const { database, chain, outbox, anchoring } = body;
  return (
    isObject(database) &&
    typeof database['ok'] === 'boolean' &&
    isObject(chain) &&
    typeof chain['ok'] === 'boolean' &&
    isObject(outbox) &&
    typeof outbox['backlog'] === 'number' &&
    isNumberOrNull(outbox['oldestPendingAgeSeconds']) &&
    isObject(anchoring) &&
    typeof anchoring['anchoredBatches'] === 'number' &&
    isStringOrNull(anchoring['lastAnchoredAt'])
  );
}
