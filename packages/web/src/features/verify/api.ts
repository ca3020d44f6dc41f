// The Merkle proof of one record version, from GET /api/records/:id/proof. The server re-checks the
// root against the chain on every request, so a fresh fetch is a fresh verification.
import { skipToken, useQuery } from '@tanstack/react-query';
import { ApiError, getJson, malformedResponse } from '../../ui/api-client.ts';
import { isNumberOrNull, isObject, isStringArray, isStringOrNull } from '../../ui/json-shape.ts';

export interface RecordProof {
  recordId: string;
  version: number;
  leaf: string;
  status: 'anchored' | 'pending';
  proof: string[];
  root: string | null;
  batchId: number | null;
  transactionHash: string | null;
  blockNumber: number | null;
  chainId: number | null;
  /** The root was found on the chain during this request. */
  onChain: boolean;
}

export interface ProofRequest {
  recordId: string;
  version?: number;
}

export function useRecordProof(request: ProofRequest | null) {
  return useQuery({
    queryKey: ['record-proof', request?.recordId ?? null, request?.version ?? null],
    queryFn: request ? ({ signal }) => fetchRecordProof(request, signal) : skipToken,
    // The answer is a live check, so it is never served from cache when asked for again.
    staleTime: 0,
    gcTime: 60_000,
    refetchOnWindowFocus: false,
    retry: (failures, error) => !(error instanceof ApiError && error.isClientError) && failures < 1,
  });
}

export function proofPath({ recordId, version }: ProofRequest): string {
  const query = version === undefined ? '' : `?version=${version}`;
  return `/api/records/${encodeURIComponent(recordId)}/proof${query}`;
}

async function fetchRecordProof(request: ProofRequest, signal: AbortSignal): Promise<RecordProof> {
  const body = await getJson(proofPath(request), { signal });
  if (!isRecordProof(body)) throw malformedResponse('proof');
  return body;
}

function isRecordProof(body: unknown): body is RecordProof {
  return (
    isObject(body) &&
    typeof body['recordId'] === 'string' &&
    typeof body['version'] === 'number' &&
    typeof body['leaf'] === 'string' &&
    (body['status'] === 'anchored' || body['status'] === 'pending') &&
    isStringArray(body['proof']) &&
    isStringOrNull(body['root']) &&
    isNumberOrNull(body['batchId']) &&
    isStringOrNull(body['transactionHash']) &&
    isNumberOrNull(body['blockNumber']) &&
    isNumberOrNull(body['chainId']) &&
    typeof body['onChain'] === 'boolean'
  );
}
