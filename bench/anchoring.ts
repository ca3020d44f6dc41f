// Anchoring benchmark: how fast records can be written, how long each waits until its Merkle batch
// is anchored on chain, and what anchoring costs in gas compared with one transaction per record.
//
//   npm run bench:anchoring
//
// Environment: BENCH_RECORDS (10000), BENCH_NAIVE_SAMPLE (300), BENCH_PATIENTS (100),
// BENCH_WRITERS (4), DATABASE_URL (PostgreSQL in a throw-away database; unset = PGlite on disk),
// BATCH_MAX_LEAVES and BATCH_INTERVAL_MS (relayer settings; the platform defaults when unset).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { anchorLogAbi } from '@medconnect/contracts';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { toHex, type Hex } from 'viem';
import { loadConfig } from '../packages/server/src/config.ts';
import { queryRows } from '../packages/server/src/db/client.ts';
import { batches, outbox } from '../packages/server/src/db/schema.ts';
import { openPlatform, type Platform } from '../packages/server/src/platform.ts';
import { outboxBacklog } from '../packages/server/src/relayer/claim-batch.ts';
import { systemActor } from '../packages/server/src/repository/actor.ts';
import { makeObservation, seededRandom } from './lib/observations.ts';
import { printReport } from './lib/anchoring-report.ts';
import { machineInfo, num } from './lib/report.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/scratch-database.ts';
import { rounded, summarize } from './lib/stats.ts';

function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

const RECORDS = intEnv('BENCH_RECORDS', 10_000);
const NAIVE_SAMPLE = intEnv('BENCH_NAIVE_SAMPLE', 300, 0);
const PATIENTS = intEnv('BENCH_PATIENTS', 100);
const WRITERS = intEnv('BENCH_WRITERS', 4);
const POLL_MS = 50;
const DRAIN_TIMEOUT_MS = 300_000;
const resultsFile = join(
  dirname(fileURLToPath(import.meta.url)),
  'results',
  process.env.DATABASE_URL ? 'anchoring-postgres.json' : 'anchoring.json',
);

let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  console.error('\ninterrupted: stopping and cleaning up');
});
function checkInterrupted() {
  if (interrupted) throw new Error('interrupted');
}

const phase = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Polls the database for batches that turned 'anchored' and stamps each with the first time it was seen. */
function watchAnchoredBatches(platform: Platform) {
  const seenAt = new Map<number, number>();
  let stopped = false;
  async function pass() {
    const rows = await platform.db
      .select({ id: batches.id })
      .from(batches)
      .where(eq(batches.status, 'anchored'));
    const now = Date.now();
    for (const { id } of rows) if (!seenAt.has(id)) seenAt.set(id, now);
  }
  const running = (async () => {
    while (!stopped) {
      await pass();
      await sleep(POLL_MS);
    }
  })();
  return {
    seenAt,
    async stop() {
      stopped = true;
      await running;
      await pass();
    },
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type WriteLog = { committedAt: Float64Array; latencyMs: Float64Array; leafIndex: Map<string, number> };

/** Writes RECORDS observations from WRITERS concurrent loops, one resource (one transaction) per call. */
async function writeRecords(platform: Platform, patientIds: string[], progress: () => string) {
  const actor = systemActor('benchmark', 'benchmark');
  const random = seededRandom(20_240_601);
  const log: WriteLog = {
    committedAt: new Float64Array(RECORDS),
    latencyMs: new Float64Array(RECORDS),
    leafIndex: new Map(),
  };
  let next = 0;
  let failed = false;
  const startedAt = Date.now();
  const ticker = setInterval(() => phase(`  ${num(next)}/${num(RECORDS)} written · ${progress()}`), 5_000);
  const writer = async () => {
    for (;;) {
      // A server's writes arrive as separate network events. Without this turn of the event loop, back-to-back
      // PGlite calls (in-process, promise-only) would keep the microtask queue busy and starve the relayer's
      // timers and RPC responses for the whole write phase.
      await yieldToEventLoop();
      if (failed || interrupted || next >= RECORDS) return;
      const i = next++;
      const patientId = patientIds[i % patientIds.length]!;
      const resource = makeObservation(random, patientId, startedAt);
      const t0 = performance.now();
      try {
        const [written] = await platform.store.create(actor, patientId, [{ resource, source: 'benchmark' }]);
        log.committedAt[i] = Date.now();
        log.latencyMs[i] = performance.now() - t0;
        log.leafIndex.set(written!.leaf, i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: WRITERS }, writer));
  } finally {
    clearInterval(ticker);
  }
  checkInterrupted();
  return { log, startedAt, finishedAt: Date.now() };
}

/** Waits until no outbox leaf is left outside an anchored batch; returns when that was observed. */
async function waitForEmptyBacklog(platform: Platform): Promise<number> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const { backlog } = await outboxBacklog(platform.db);
    if (backlog === 0) return Date.now();
    checkInterrupted();
    if (Date.now() > deadline) {
      throw new Error(
        `backlog of ${backlog} leaves not anchored after ${DRAIN_TIMEOUT_MS / 1000} s (relayer: ${platform.relayer.status.lastError ?? 'no error'})`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Sends anchor(leaf, 1) for fresh random leaves one at a time, each waited for, and returns gas and time per tx. */
async function naiveAnchoring(platform: Platform) {
  const { publicClient, walletClient, relayer } = platform.chain;
  const gas: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < NAIVE_SAMPLE; i++) {
    checkInterrupted();
    const t0 = performance.now();
    const hash = await walletClient.writeContract({
      account: relayer,
      chain: null,
      address: platform.addresses.anchorLog,
      abi: anchorLogAbi,
      functionName: 'anchor',
      args: [toHex(randomBytes(32)), 1n],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`naive anchor ${hash} reverted`);
    ms.push(performance.now() - t0);
    gas.push(Number(receipt.gasUsed));
  }
  return { gas, ms };
}

async function main() {
  const runStartedAt = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'medconnect-bench-'));
  let scratch: ScratchDatabase | undefined;
  let platform: Platform | undefined;
  try {
    if (process.env.DATABASE_URL) scratch = await createScratchDatabase(process.env.DATABASE_URL);
    const config = loadConfig({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DATABASE_URL: scratch?.url,
      BATCH_MAX_LEAVES: process.env.BATCH_MAX_LEAVES,
      BATCH_INTERVAL_MS: process.env.BATCH_INTERVAL_MS,
    });
    phase(
      `opening platform (${scratch ? `PostgreSQL, database ${scratch.name}` : `PGlite in ${dataDir}`}, embedded anvil)`,
    );
    platform = await openPlatform({
      config,
      log: pino({ level: config.logLevel }),
      masterKey: randomBytes(32),
      startRelayer: true,
    });
    const p = platform;
    const [dbVersion] = await queryRows<{ version: string }>(p.db, sql`select version() as version`);
    const anvilVersion = await p.chain.publicClient.request({ method: 'web3_clientVersion' });

    phase(`registering ${PATIENTS} patients`);
    const patientIds: string[] = [];
    for (let i = 0; i < PATIENTS; i++) patientIds.push((await p.patients.register()).id);

    phase(`writing ${num(RECORDS)} observations from ${WRITERS} concurrent writers`);
    const watcher = watchAnchoredBatches(p);
    let writes: Awaited<ReturnType<typeof writeRecords>>;
    let drainedAt: number;
    try {
      writes = await writeRecords(p, patientIds, () => `${watcher.seenAt.size} batches anchored`);
      phase(
        `writes done in ${num((writes.finishedAt - writes.startedAt) / 1000, 1)} s; waiting for the backlog to drain`,
      );
      drainedAt = await waitForEmptyBacklog(p);
    } finally {
      await watcher.stop();
    }
    await p.relayer.stop();
    const { log } = writes;
    const lastCommit = log.committedAt.reduce((a, b) => Math.max(a, b), 0);

    // Every record leaf, with its batch, when the relayer stamped the batch anchored and when it was seen.
    const leaves = await p.db
      .select({
        leaf: outbox.leaf,
        entityType: outbox.entityType,
        batchId: outbox.batchId,
        batchCreatedAt: batches.createdAt,
        anchoredAt: batches.anchoredAt,
      })
      .from(outbox)
      .innerJoin(batches, eq(batches.id, outbox.batchId));
    const lagObserved: number[] = [];
    const lagStamped: number[] = [];
    const queueWait: number[] = [];
    for (const row of leaves) {
      if (row.entityType !== 'record') continue;
      const i = log.leafIndex.get(row.leaf);
      if (i === undefined) throw new Error(`record leaf ${row.leaf} was not written by this run`);
      const seen = watcher.seenAt.get(row.batchId!);
      if (seen === undefined || !row.anchoredAt)
        throw new Error(`batch ${row.batchId} of record ${i} is not anchored`);
      const committed = log.committedAt[i]!;
      lagObserved.push((seen - committed) / 1000);
      lagStamped.push((row.anchoredAt.getTime() - committed) / 1000);
      queueWait.push((row.batchCreatedAt.getTime() - committed) / 1000);
    }
    if (lagObserved.length !== RECORDS)
      throw new Error(`found ${lagObserved.length} anchored record leaves, expected ${RECORDS}`);

    phase('reading the receipts of the batch transactions');
    const allBatches = await p.db.select().from(batches).orderBy(batches.id);
    const batchGas: number[] = [];
    for (const batch of allBatches) {
      if (batch.status !== 'anchored' || !batch.txHash)
        throw new Error(`batch ${batch.id} is ${batch.status}`);
      const receipt = await p.chain.publicClient.getTransactionReceipt({ hash: batch.txHash as Hex });
      batchGas.push(Number(receipt.gasUsed));
    }
    const leavesAnchored = allBatches.reduce((sum, b) => sum + b.leafCount, 0);
    if (leavesAnchored !== leaves.length)
      throw new Error(`batches hold ${leavesAnchored} leaves, outbox has ${leaves.length}`);
    const auditLeaves = leaves.filter((l) => l.entityType === 'audit').length;
    const batchedGasTotal = batchGas.reduce((a, b) => a + b, 0);
    const batchAnchorMs = allBatches.map((b) => b.anchoredAt!.getTime() - b.createdAt.getTime());
    const lastStamped = Math.max(...allBatches.map((b) => b.anchoredAt!.getTime()));

    phase(`naive baseline: ${NAIVE_SAMPLE} anchor(leaf, 1) transactions, one at a time`);
    const naive = await naiveAnchoring(p);

    const writeSeconds = (writes.finishedAt - writes.startedAt) / 1000;
    const gasPerLeaf = batchedGasTotal / leavesAnchored;
    const gasPerRecord = batchedGasTotal / RECORDS;
    const naiveGas = summarize(naive.gas);
    const naiveMs = summarize(naive.ms);
    const lagObs = summarize(lagObserved);
    const lagRel = summarize(lagStamped);
    const results = {
      benchmark: 'anchoring',
      date: new Date().toISOString(),
      machine: machineInfo(),
      software: {
        database: scratch ? 'postgresql (throw-away database)' : 'pglite (on disk)',
        databaseVersion: dbVersion?.version ?? 'unknown',
        chain: `${anvilVersion} (embedded, auto-mine)`,
      },
      parameters: {
        records: RECORDS,
        patients: PATIENTS,
        writers: WRITERS,
        resourcesPerTransaction: 1,
        naiveSample: NAIVE_SAMPLE,
        batchMaxLeaves: config.batch.maxLeaves,
        batchIntervalMs: config.batch.intervalMs,
        pollMs: POLL_MS,
      },
      writes: {
        durationS: round(writeSeconds, 2),
        recordsPerS: round(RECORDS / writeSeconds, 0),
        latencyMs: rounded(summarize(log.latencyMs), 2),
      },
      anchoring: {
        lagDefinition:
          'per record: from the moment its create() promise resolved (commit) to the batch holding its leaf being anchored',
        lagObservedS: {
          source: `first ${POLL_MS} ms database poll that saw the batch with status 'anchored'`,
          ...rounded(lagObs, 3),
        },
        lagRelayerStampS: {
          source: 'batches.anchored_at (relayer clock, same process) joined through outbox.batch_id',
          ...rounded(lagRel, 3),
        },
        queueWaitS: {
          note: 'commit → batch claimed (batches.created_at)',
          ...rounded(summarize(queueWait), 3),
        },
        batchAnchorMs: { note: 'batch claimed → anchored_at', ...rounded(summarize(batchAnchorMs), 1) },
        drainAfterLastWriteS: {
          observed: round((drainedAt - lastCommit) / 1000, 3),
          relayerStamp: round((lastStamped - lastCommit) / 1000, 3),
        },
        batches: allBatches.length,
        leafCount: rounded(summarize(allBatches.map((b) => b.leafCount)), 0),
        leavesAnchored,
        recordLeaves: RECORDS,
        auditLeaves,
        relayerErrors: p.relayer.status.errors,
      },
      gas: {
        batchedTotal: batchedGasTotal,
        perBatchTx: rounded(summarize(batchGas), 0),
        batchedPerLeaf: round(gasPerLeaf, 1),
        batchedPerRecordWrite: round(gasPerRecord, 1),
        naive: {
          sample: NAIVE_SAMPLE,
          gasPerTx: rounded(naiveGas, 0),
          msPerTx: rounded(naiveMs, 2),
          txPerS: round(1000 / naiveMs.mean, 0),
        },
        ratioNaivePerLeafToBatchedPerLeaf: round(naiveGas.mean / gasPerLeaf, 1),
        ratioNaivePerRecordToBatchedPerRecordWrite: round(naiveGas.mean / gasPerRecord, 1),
      },
      medians: {
        writeLatencyMs: round(summarize(log.latencyMs).p50, 2),
        lagObservedS: round(lagObs.p50, 3),
        lagRelayerStampS: round(lagRel.p50, 3),
        leavesPerBatch: summarize(allBatches.map((b) => b.leafCount)).p50,
        gasPerBatchTx: summarize(batchGas).p50,
        naiveGasPerTx: naiveGas.p50,
        naiveMsPerTx: round(naiveMs.p50, 2),
      },
      runtimeS: round((Date.now() - runStartedAt) / 1000, 1),
    };
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
    printReport(results);
    console.log(`\nresults written to ${resultsFile}`);
  } finally {
    await platform?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
