// Checks each batch stored in the database against the chain: is its root at the index the relayer
// recorded, and do its leaves still build that root?
import { anchorLogAbi } from '@medconnect/contracts';
import { buildMerkleTree, type Hex } from '@medconnect/core';
import type { Address } from 'viem';
import type { Chain } from '../../chain/client.ts';
import type { batches } from '../../db/schema.ts';

export type BatchCheck =
  | { state: 'anchored' }
  | { state: 'pending' }
  | { state: 'missing'; reason: string }
  | { state: 'tampered'; reason: string };

type Batch = typeof batches.$inferSelect;

export async function checkBatchOnChain(chain: Chain, anchorLog: Address, batch: Batch, rootCount: bigint): Promise<BatchCheck> {
  if (batch.status !== 'anchored' || batch.chainIndex === null) return { state: 'pending' };
  if (BigInt(batch.chainIndex) >= rootCount) {
    return { state: 'missing', reason: `batch ${batch.id}: root #${batch.chainIndex} is not on the current chain` };
  }
  const onChain = await chain.publicClient.readContract({
    address: anchorLog,
    abi: anchorLogAbi,
    functionName: 'rootAt',
    args: [BigInt(batch.chainIndex)],
  });
  if (onChain.toLowerCase() !== batch.root.toLowerCase()) {
    return { state: 'tampered', reason: `batch ${batch.id}: stored root differs from root #${batch.chainIndex} on chain` };
  }
  return { state: 'anchored' };
}

/** The batch's leaves (in outbox order) must rebuild its root and match its leaf count. */
export function checkBatchLeaves(batch: Batch, leaves: Hex[]): string | undefined {
  if (leaves.length !== batch.leafCount) {
    return `batch ${batch.id}: holds ${leaves.length} leaves, ${batch.leafCount} were anchored`;
  }
  if (leaves.length === 0) return undefined;
  try {
    if (buildMerkleTree(leaves).root.toLowerCase() !== batch.root.toLowerCase()) {
      return `batch ${batch.id}: its leaves no longer build its root`;
    }
  } catch {
    return `batch ${batch.id}: its leaves cannot build a tree`;
  }
  return undefined;
}
