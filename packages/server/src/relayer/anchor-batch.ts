// Anchors one stored batch root on AnchorLog and records the outcome. Safe to call again after a crash
// at any point: the chain is asked first, and a root it already holds counts as anchored.
import { anchorLogAbi } from '@medconnect/contracts';
import { eq } from 'drizzle-orm';
import { BaseError, ContractFunctionRevertedError, type Address, type Hex } from 'viem';
import { readRootInfo, type Chain } from '../chain/client.ts';
import type { Database } from '../db/client.ts';
import { batches } from '../db/schema.ts';

export type BatchRow = typeof batches.$inferSelect;

async function markAnchored(db: Database, batchId: number, found: { txHash: Hex; blockNumber: bigint; index: bigint }) {
  await db
    .update(batches)
    .set({
      status: 'anchored',
      txHash: found.txHash,
      blockNumber: Number(found.blockNumber),
      chainIndex: Number(found.index),
      anchoredAt: new Date(),
      lastError: null,
    })
    .where(eq(batches.id, batchId));
}

/** If the root is on chain, finds its transaction and marks the batch anchored. */
async function reconcile(db: Database, chain: Chain, anchorLog: Address, batch: BatchRow): Promise<boolean> {
  const info = await readRootInfo(chain, anchorLog, batch.root as Hex);
  if (!info.anchored) return false;
  const events = await chain.publicClient.getContractEvents({
    address: anchorLog,
    abi: anchorLogAbi,
    eventName: 'RootAnchored',
    args: { root: batch.root as Hex },
    fromBlock: info.blockNumber,
    toBlock: info.blockNumber,
  });
  const txHash = events[0]?.transactionHash ?? (batch.txHash as Hex | null);
  if (!txHash) throw new Error(`root of batch ${batch.id} is anchored but its transaction was not found`);
  await markAnchored(db, batch.id, { txHash, blockNumber: info.blockNumber, index: info.index });
  return true;
}

function isAlreadyAnchored(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return revert instanceof ContractFunctionRevertedError && revert.data?.errorName === 'AnchorLog__AlreadyAnchored';
}

export async function anchorBatch(
  db: Database,
  chain: Chain,
  anchorLog: Address,
  batch: BatchRow,
  { confirmations, receiptTimeoutMs }: { confirmations: number; receiptTimeoutMs: number },
): Promise<'anchored' | 'waiting'> {
  if (await reconcile(db, chain, anchorLog, batch)) return 'anchored';

  // One transaction in flight per account: if an earlier one is still pending, wait for it.
  const account = chain.relayer.address;
  const [latest, pending] = await Promise.all([
    chain.publicClient.getTransactionCount({ address: account, blockTag: 'latest' }),
    chain.publicClient.getTransactionCount({ address: account, blockTag: 'pending' }),
  ]);
  if (pending > latest) {
    if (batch.txHash) {
      await chain.publicClient
        .waitForTransactionReceipt({ hash: batch.txHash as Hex, confirmations, timeout: receiptTimeoutMs })
        .catch(() => undefined);
      return (await reconcile(db, chain, anchorLog, batch)) ? 'anchored' : 'waiting';
    }
    return 'waiting';
  }

  let hash: Hex;
  try {
    const { request } = await chain.publicClient.simulateContract({
      account: chain.relayer,
      address: anchorLog,
      abi: anchorLogAbi,
      functionName: 'anchor',
      args: [batch.root as Hex, BigInt(batch.leafCount)],
    });
    hash = await chain.walletClient.writeContract({ ...request, chain: null });
  } catch (error) {
    if (isAlreadyAnchored(error) && (await reconcile(db, chain, anchorLog, batch))) return 'anchored';
    throw error;
  }
  await db
    .update(batches)
    .set({ status: 'submitted', txHash: hash, attempts: batch.attempts + 1 })
    .where(eq(batches.id, batch.id));
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash, confirmations, timeout: receiptTimeoutMs });
  if (receipt.status !== 'success') throw new Error(`anchor transaction ${hash} reverted`);
  return (await reconcile(db, chain, anchorLog, { ...batch, txHash: hash })) ? 'anchored' : 'waiting';
}
