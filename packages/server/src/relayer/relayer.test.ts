import { anchorLogAbi, registryAbi } from '@medconnect/contracts';
import type { Hex } from '@medconnect/core';
import { count, eq, isNull, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnvil, type AnvilNode } from '../chain/anvil.ts';
import { connectChain } from '../chain/client.ts';
import { devRelayerKey, ensureDevContracts } from '../chain/deploy.ts';
import { batches, chainCalls, leafProofs, outbox } from '../db/schema.ts';
import { systemActor } from '../repository/actor.ts';
import { enqueueChainCall } from '../repository/outbox.ts';
import { observation } from '../testing/fixtures.ts';
import { drainOutbox, openTestPlatform, usePostgres, type TestPlatform } from '../testing/test-platform.ts';
import { openDatabase } from '../db/client.ts';
import { claimBatch, outboxBacklog } from './claim-batch.ts';
import { createRelayer } from './relayer.ts';

let t: TestPlatform;
let restarted: AnvilNode | undefined;
let patientId: string;
const importer = systemActor('importer', 'import');

const write = (n: number, tag: string) =>
  t.platform.store.create(
    importer,
    patientId,
    Array.from({ length: n }, (_, i) => ({ resource: observation(`${tag}-${i}`, i), source: 'test' })),
  );

const rootCount = () =>
  t.platform.chain.publicClient.readContract({
    address: t.platform.addresses.anchorLog,
    abi: anchorLogAbi,
    functionName: 'rootCount',
  });

/** Every leaf is in exactly one anchored batch, and the chain holds exactly one root per batch. */
async function expectExactlyOnce() {
  const all = await t.platform.db.select().from(batches);
  expect(all.every((b) => b.status === 'anchored')).toBe(true);
  expect(await rootCount()).toBe(BigInt(all.length));
  const [unbatched] = await t.platform.db.select({ n: count() }).from(outbox).where(isNull(outbox.batchId));
  expect(unbatched!.n).toBe(0);
  const [leaves] = await t.platform.db.select({ n: sql<number>`sum(${batches.leafCount})::int` }).from(batches);
  const [queued] = await t.platform.db.select({ n: count() }).from(outbox);
  expect(leaves!.n).toBe(queued!.n);
}

beforeAll(async () => {
  t = await openTestPlatform({ env: { BATCH_MAX_LEAVES: '16' } });
  patientId = (await t.platform.patients.register()).id;
});
afterAll(async () => {
  await restarted?.stop();
  await t.close();
});

describe('relayer', () => {
  it('anchors every outbox leaf in Merkle batches whose proofs verify on chain', async () => {
    await write(20, 'a');
    await drainOutbox(t.platform);
    await expectExactlyOnce();
    const proofs = await t.platform.db
      .select({ leaf: leafProofs.leaf, proof: leafProofs.proof, root: batches.root })
      .from(leafProofs)
      .innerJoin(batches, eq(batches.id, leafProofs.batchId));
    expect(proofs).toHaveLength(40); // 20 records + 20 audit events
    for (const p of proofs) {
      const ok = await t.platform.chain.publicClient.readContract({
        address: t.platform.addresses.anchorLog,
        abi: anchorLogAbi,
        functionName: 'verify',
        args: [p.root as Hex, p.leaf as Hex, p.proof as Hex[]],
      });
      expect(ok).toBe(true);
    }
    expect((await outboxBacklog(t.platform.db)).backlog).toBe(0);
  });

  it('runs overlapping cycles one after another, never two transactions at once', async () => {
    await write(12, 'o');
    const running = [t.platform.relayer.tick(), t.platform.relayer.tick(), t.platform.relayer.tick()];
    await Promise.all(running);
    await drainOutbox(t.platform);
    await expectExactlyOnce();
  });

  it('finishes a batch claimed before a crash (built, never sent)', async () => {
    await write(3, 'b');
    const batch = await claimBatch(t.platform.db, 100, 31337);
    expect(batch?.leafCount).toBe(6);
    expect((await outboxBacklog(t.platform.db)).backlog).toBe(6); // claimed is not anchored
    await drainOutbox(t.platform);
    await expectExactlyOnce();
  });

  it('does not anchor twice when the transaction was broadcast but not recorded before a crash', async () => {
    await write(2, 'c');
    const batch = (await claimBatch(t.platform.db, 100, 31337))!;
    const hash = await t.platform.chain.walletClient.writeContract({
      address: t.platform.addresses.anchorLog,
      abi: anchorLogAbi,
      functionName: 'anchor',
      args: [batch.root, BigInt(batch.leafCount)],
      chain: null,
    });
    await t.platform.chain.publicClient.waitForTransactionReceipt({ hash });
    const roots = await rootCount();
    await t.platform.relayer.tick();
    expect(await rootCount()).toBe(roots);
    const [row] = await t.platform.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(row).toMatchObject({ status: 'anchored', txHash: hash });
    await expectExactlyOnce();
  });

  it('keeps accepting writes while the chain is down and anchors the backlog exactly once when it returns', async () => {
    const anvil = t.platform.anvil!;
    const port = Number(new URL(anvil.rpcUrl).port);
    await anvil.stop();
    await write(5, 'd'); // the write succeeds with the chain down
    await expect(t.platform.relayer.tick()).rejects.toThrow();
    expect((await outboxBacklog(t.platform.db)).backlog).toBe(10);
    restarted = await startAnvil({ stateFile: `${t.dataDir}/chain/state.json`, port });
    await drainOutbox(t.platform);
    await expectExactlyOnce();
  });

  it('sends queued contract calls once, treats "already done" as done, and keeps refused ones as failed', async () => {
    const account = '0x000000000000000000000000000000000000dEaD';
    const licenceHash = `0x${'ab'.repeat(32)}`;
    await t.platform.db.transaction(async (tx) => {
      await enqueueChainCall(tx, { contract: 'registry', functionName: 'register', args: [account, licenceHash, 0], idempotencyKey: 'register:dead' });
      await enqueueChainCall(tx, { contract: 'registry', functionName: 'register', args: [account, licenceHash, 0], idempotencyKey: 'register:dead' });
      await enqueueChainCall(tx, { contract: 'registry', functionName: 'register', args: [account, licenceHash, 0], idempotencyKey: 'register:dead:again' });
      await enqueueChainCall(tx, { contract: 'registry', functionName: 'setStatus', args: [account, 2], idempotencyKey: 'verify:dead' });
      await enqueueChainCall(tx, { contract: 'registry', functionName: 'setStatus', args: ['0x000000000000000000000000000000000000bEEF', 2], idempotencyKey: 'verify:beef' });
    });
    await t.platform.relayer.tick();
    const calls = await t.platform.db.select().from(chainCalls).orderBy(chainCalls.id);
    expect(calls.map((c) => [c.idempotencyKey, c.status, c.lastError])).toEqual([
      ['register:dead', 'done', null],
      ['register:dead:again', 'done', null],
      ['verify:dead', 'done', null],
      ['verify:beef', 'failed', 'Registry__NotRegistered'],
    ]);
    const entry = await t.platform.chain.publicClient.readContract({
      address: t.platform.addresses.registry,
      abi: registryAbi,
      functionName: 'entryOf',
      args: [account],
    });
    expect(entry).toMatchObject({ licenceHash, status: 2 });
  });

  it.runIf(usePostgres)('lets only one relayer lead at a time on PostgreSQL', async () => {
    const second = await openDatabase({ url: t.databaseUrl! });
    try {
      const follower = createRelayer({
        database: second,
        chain: t.platform.chain,
        addresses: t.platform.addresses,
        maxLeaves: 16,
        intervalMs: 100,
        log: pino({ level: 'silent' }),
      });
      await t.platform.relayer.tick(); // the platform's relayer holds the lock
      await write(2, 'f');
      expect(await follower.tick()).toBe(false);
      expect(follower.status.leader).toBe(false);
      const [pending] = await t.platform.db.select({ n: count() }).from(outbox).where(isNull(outbox.batchId));
      expect(pending!.n).toBe(4);
      await drainOutbox(t.platform);
    } finally {
      await second.close();
    }
  });

  it('stops anchoring on a chain that is not the one the database anchored to', async () => {
    const other = await startAnvil();
    try {
      const chain = connectChain({ rpcUrl: other.rpcUrl, relayerKey: devRelayerKey });
      const addresses = await ensureDevContracts(chain);
      const relayer = createRelayer({
        database: t.platform.database,
        chain,
        addresses,
        maxLeaves: 16,
        intervalMs: 100,
        log: pino({ level: 'silent' }),
      });
      await write(1, 'e');
      expect(await relayer.tick()).toBe(false);
      expect(relayer.status.identityError).toMatch(/not the chain MedConnect anchored to/);
      const [pending] = await t.platform.db.select({ n: count() }).from(outbox).where(isNull(outbox.batchId));
      expect(pending!.n).toBe(2);
    } finally {
      await other.stop();
    }
  });
});
