// Takes the oldest pending outbox leaves, builds their Merkle tree, and stores the batch with every
// leaf's proof. The tree is built before the transaction; the transaction only writes.
import { buildMerkleTree, type Hex } from '@medconnect/core';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.ts';
import { batches, leafProofs, outbox } from '../db/schema.ts';

export type ClaimedBatch = { id: number; root: Hex; leafCount: number };

export async function claimBatch(db: Database, maxLeaves: number, chainId: number): Promise<ClaimedBatch | undefined> {
  const pending = await db
    .select({ id: outbox.id, leaf: outbox.leaf })
    .from(outbox)
    .where(isNull(outbox.batchId))
    .orderBy(asc(outbox.id))
    .limit(maxLeaves);
  if (pending.length === 0) return undefined;
  const leaves = pending.map((row) => row.leaf as Hex);
  const tree = buildMerkleTree(leaves);
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(batches)
      .values({ root: tree.root, leafCount: leaves.length, status: 'built', chainId })
      .returning({ id: batches.id });
    if (!batch) throw new Error('batch insert returned nothing');
    const claimed = await tx
      .update(outbox)
      .set({ batchId: batch.id })
      .where(and(isNull(outbox.batchId), inArray(outbox.id, pending.map((row) => row.id))))
      .returning({ id: outbox.id });
    if (claimed.length !== pending.length) {
      // Another relayer claimed some of these leaves: this one is not the leader after all.
      tx.rollback();
    }
    await tx.insert(leafProofs).values(
      leaves.map((leaf, leafIndex) => ({ leaf, batchId: batch.id, leafIndex, proof: tree.proofs[leafIndex] ?? [] })),
    );
    return { id: batch.id, root: tree.root, leafCount: leaves.length };
  });
}

/**
 * Outbox rows whose batch is not anchored yet, and the age of the oldest. Reads only pending rows
 * (partial index) and open batches, so it stays cheap however long the history grows.
 */
export async function outboxBacklog(db: Database): Promise<{ backlog: number; oldestPendingAgeSeconds: number | null }> {
  const [row] = await queryRows<{ backlog: string; oldest: string | null }>(db, sql`
    with open_batches as (select id, leaf_count from ${batches} where status <> 'anchored'),
         waiting as (
           select min(created_at) as oldest from ${outbox} where batch_id is null
           union all
           select min(o.created_at) from ${outbox} o join open_batches b on b.id = o.batch_id
         )
    select ((select count(*) from ${outbox} where batch_id is null)
            + (select coalesce(sum(leaf_count), 0) from open_batches))::text as backlog,
           extract(epoch from (now() - (select min(oldest) from waiting)))::text as oldest`);
  return {
    backlog: Number(row?.backlog ?? 0),
    oldestPendingAgeSeconds: row?.oldest == null ? null : Math.max(0, Math.round(Number(row.oldest))),
  };
}

/** When the oldest leaf of a batch was committed: the start of its anchoring lag. */
export async function oldestLeafTime(db: Database, batchId: number): Promise<Date | undefined> {
  const [row] = await db
    .select({ oldest: sql<Date | string | null>`min(${outbox.createdAt})` })
    .from(outbox)
    .where(eq(outbox.batchId, batchId));
  return row?.oldest ? new Date(row.oldest) : undefined;
}
