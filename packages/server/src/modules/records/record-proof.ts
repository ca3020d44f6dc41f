// The proof that one record version is anchored: its leaf, Merkle proof, batch root and anchoring
// transaction, with the root re-checked live against the chain (never "anchored" from the database alone).
import { NotFound, verifyMerkleProof, type Hex } from '@medconnect/core';
import { and, desc, eq } from 'drizzle-orm';
import type { Address } from 'viem';
import { readRootInfo, type Chain } from '../../chain/client.ts';
import type { Database } from '../../db/client.ts';
import { batches, leafProofs, outbox, resources } from '../../db/schema.ts';

export type RecordProof = {
  recordId: string;
  version: number;
  leaf: Hex;
  status: 'anchored' | 'pending';
  proof: Hex[];
  root: Hex | null;
  batchId: number | null;
  transactionHash: Hex | null;
  blockNumber: number | null;
  chainId: number | null;
  onChain: boolean;
};

export async function recordProof(
  { db, chain, anchorLog }: { db: Database; chain: Chain; anchorLog: Address },
  recordId: string,
  version?: number,
): Promise<RecordProof> {
  const [row] = await db
    .select({ version: resources.version, leaf: resources.leaf })
    .from(resources)
    .where(version ? and(eq(resources.id, recordId), eq(resources.version, version)) : eq(resources.id, recordId))
    .orderBy(desc(resources.version))
    .limit(1);
  if (!row) throw new NotFound('No record with that id');
  const [anchored] = await db
    .select({ batch: batches, proof: leafProofs.proof })
    .from(outbox)
    .innerJoin(batches, eq(batches.id, outbox.batchId))
    .innerJoin(leafProofs, eq(leafProofs.leaf, outbox.leaf))
    .where(and(eq(outbox.leaf, row.leaf), eq(batches.status, 'anchored')));
  const pending: RecordProof = {
    recordId,
    version: row.version,
    leaf: row.leaf as Hex,
    status: 'pending',
    proof: [],
    root: null,
    batchId: null,
    transactionHash: null,
    blockNumber: null,
    chainId: null,
    onChain: false,
  };
  if (!anchored) return pending;
  const { batch, proof } = anchored;
  const proofValid = verifyMerkleProof(row.leaf as Hex, proof as Hex[], batch.root as Hex);
  const info = await readRootInfo(chain, anchorLog, batch.root as Hex).catch(() => undefined);
  return {
    ...pending,
    status: 'anchored',
    proof: proof as Hex[],
    root: batch.root as Hex,
    batchId: batch.id,
    transactionHash: batch.txHash as Hex | null,
    blockNumber: batch.blockNumber,
    chainId: batch.chainId,
    onChain: proofValid && info?.anchored === true && info.blockNumber === BigInt(batch.blockNumber ?? -1),
  };
}
