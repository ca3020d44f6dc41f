// The transactional outbox: a leaf (or a contract call) is enqueued in the same transaction as the row
// it fingerprints or mirrors, so a committed change always has its outbox row and a rolled-back one never does.
import type { Hex } from '@medconnect/core';
import type { Executor } from '../db/client.ts';
import { chainCalls, outbox } from '../db/schema.ts';

export type OutboxEntity = { entityType: 'record' | 'audit'; entityId: string; entityVersion: number };

export async function enqueueLeaves(tx: Executor, items: (OutboxEntity & { leaf: Hex })[]): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(outbox).values(items);
}

export type ChainCall = {
  contract: 'registry' | 'consentLedger';
  functionName: string;
  /** ABI arguments as JSON: addresses and hashes as 0x strings, integers as decimal strings. */
  args: unknown[];
  idempotencyKey: string;
};

/** Queues a state-changing contract call in the caller's transaction; the same key twice is a no-op. */
export async function enqueueChainCall(tx: Executor, call: ChainCall): Promise<void> {
  await tx.insert(chainCalls).values(call).onConflictDoNothing({ target: chainCalls.idempotencyKey });
}
