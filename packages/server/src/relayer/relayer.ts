// The relayer: one leader at a time drains the outbox into Merkle batches, anchors their roots, and
// sends queued contract calls.
// It runs inside the server process. If the chain is down, writes go on and the backlog waits; if the
// chain is not the one the database anchors to, it stops anchoring and says so.
import { asc, inArray } from 'drizzle-orm';
import type { Address } from 'viem';
import type { Logger } from 'pino';
import type { Chain, ContractAddresses } from '../chain/client.ts';
import { ChainIdentityMismatch, checkIdentity, observeIdentity } from '../chain/identity.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { batches } from '../db/schema.ts';
import { anchorBatch } from './anchor-batch.ts';
import { claimBatch, oldestLeafTime } from './claim-batch.ts';
import { sendChainCalls } from './send-chain-calls.ts';

/** Advisory lock key for relayer leadership ("MCRL"). */
const LEADER_LOCK = 0x4d43524c;

export type RelayerStatus = {
  leader: boolean;
  lastError: string | null;
  identityError: string | null;
  anchoredBatches: number;
  errors: number;
  lastAnchoredAt: Date | null;
};

export type RelayerOptions = {
  database: DatabaseHandle;
  chain: Chain;
  addresses: ContractAddresses;
  maxLeaves: number;
  intervalMs: number;
  confirmations?: number;
  log: Logger;
  /** Called per anchored batch; `lagSeconds` runs from its oldest leaf's commit to now. */
  onAnchored?: (batch: { id: number; leafCount: number; lagSeconds: number }) => void;
};

export type Relayer = ReturnType<typeof createRelayer>;

export function createRelayer(options: RelayerOptions) {
  const { database, chain, addresses, maxLeaves, intervalMs, log } = options;
  const db = database.db;
  const anchorLog: Address = addresses.anchorLog;
  const status: RelayerStatus = {
    leader: false,
    lastError: null,
    identityError: null,
    anchoredBatches: 0,
    errors: 0,
    lastAnchoredAt: null,
  };
  let chainId: number | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let wake: (() => void) | undefined;

  async function finishOpenBatches(): Promise<boolean> {
    const open = await db
      .select()
      .from(batches)
      .where(inArray(batches.status, ['built', 'submitted']))
      .orderBy(asc(batches.id));
    for (const batch of open) {
      const outcome = await anchorBatch(db, chain, anchorLog, batch, {
        confirmations: options.confirmations ?? 0,
        receiptTimeoutMs: Math.max(30_000, intervalMs * 10),
      });
      if (outcome === 'waiting') return false;
      status.anchoredBatches++;
      status.lastAnchoredAt = new Date();
      const committed = (await oldestLeafTime(db, batch.id)) ?? batch.createdAt;
      options.onAnchored?.({
        id: batch.id,
        leafCount: batch.leafCount,
        lagSeconds: (Date.now() - committed.getTime()) / 1000,
      });
      log.info({ batch: batch.id, leaves: batch.leafCount }, 'batch anchored');
    }
    return true;
  }

  /** One relayer cycle. Returns true when more work is waiting right away. */
  async function cycle(): Promise<boolean> {
    status.leader = await database.tryLeadership(LEADER_LOCK);
    if (!status.leader) return false;
    const identity = await observeIdentity(chain, addresses);
    try {
      await checkIdentity(db, identity, chain);
      status.identityError = null;
    } catch (error) {
      if (!(error instanceof ChainIdentityMismatch)) throw error;
      if (status.identityError !== error.message) log.error({ err: error.message }, 'chain identity mismatch; anchoring stopped');
      status.identityError = error.message;
      return false;
    }
    chainId = identity.chainId;
    if (!(await finishOpenBatches())) return false;
    const batch = await claimBatch(db, maxLeaves, chainId);
    if (batch && !(await finishOpenBatches())) return false;
    await sendChainCalls(db, chain, addresses, {
      confirmations: options.confirmations ?? 0,
      receiptTimeoutMs: Math.max(30_000, intervalMs * 10),
    });
    return batch?.leafCount === maxLeaves;
  }

  // Cycles never overlap: a cycle asked for while another runs (the loop, a nudge, a caller that drains
  // the outbox) waits for it, so the relayer account never has two anchoring transactions in flight.
  let inFlight: Promise<unknown> = Promise.resolve();
  function tick(): Promise<boolean> {
    const next = inFlight.then(cycle, cycle);
    inFlight = next.catch(() => undefined);
    return next;
  }

  async function loop() {
    while (!stopped) {
      let more = false;
      try {
        more = await tick();
        status.lastError = null;
      } catch (error) {
        status.errors++;
        const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        if (status.lastError !== message) log.warn({ err: message }, 'relayer cycle failed; retrying');
        status.lastError = message;
      }
      if (!more && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    status,
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    /** Runs a cycle now instead of at the next interval. */
    nudge() {
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
