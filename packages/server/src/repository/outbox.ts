// The transactional outbox: a leaf is enqueued in the same transaction as the row it fingerprints,
// so a committed record always has its outbox row and a rolled-back one never does.
import type { Hex } from '@medconnect/core';
import type { Executor } from '../db/client.ts';
import { outbox } from '../db/schema.ts';

export type OutboxEntity = { entityType: 'record' | 'audit'; entityId: string; entityVersion: number };

export async function enqueueLeaves(tx: Executor, items: (OutboxEntity & { leaf: Hex })[]): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(outbox).values(items);
}
