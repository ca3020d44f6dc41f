// Sends queued contract calls (chain_calls) in order, one transaction at a time. A call the contract
// says is already done (registered, applied) counts as done, so a crash between sending and recording
// never repeats an effect; a call the contract refuses for another reason is marked failed and kept.
import { consentLedgerAbi, registryAbi } from '@medconnect/contracts';
import { asc, eq, inArray } from 'drizzle-orm';
import { BaseError, ContractFunctionRevertedError, type Abi, type Hex } from 'viem';
import type { Chain, ContractAddresses } from '../chain/client.ts';
import type { Database } from '../db/client.ts';
import { chainCalls } from '../db/schema.ts';

const abis: Record<(typeof chainCalls.$inferSelect)['contract'], Abi> = {
  registry: registryAbi,
  consentLedger: consentLedgerAbi,
};

/** Reverts that mean "this change is already on chain". */
const alreadyDone = new Set(['Registry__AlreadyRegistered', 'Registry__InvalidStatus', 'ConsentLedger__AlreadyApplied']);

function revertName(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return revert instanceof ContractFunctionRevertedError ? (revert.data?.errorName ?? 'unknown revert') : undefined;
}

/** JSON arguments back to ABI values: decimal strings are integers, everything else as stored. */
const decodeArgs = (args: unknown[]) => args.map((a) => (typeof a === 'string' && /^\d+$/.test(a) ? BigInt(a) : a));

export async function sendChainCalls(
  db: Database,
  chain: Chain,
  addresses: ContractAddresses,
  { confirmations, receiptTimeoutMs }: { confirmations: number; receiptTimeoutMs: number },
): Promise<number> {
  const queue = await db
    .select()
    .from(chainCalls)
    .where(inArray(chainCalls.status, ['pending', 'submitted']))
    .orderBy(asc(chainCalls.id))
    .limit(20);
  let finished = 0;
  for (const call of queue) {
    const finish = (status: 'done' | 'failed', fields: { txHash?: Hex; lastError?: string } = {}) =>
      db.update(chainCalls).set({ status, doneAt: new Date(), ...fields }).where(eq(chainCalls.id, call.id));
    if (call.status === 'submitted' && call.txHash) {
      const receipt = await chain.publicClient.getTransactionReceipt({ hash: call.txHash as Hex }).catch(() => undefined);
      if (receipt?.status === 'success') {
        await finish('done');
        finished++;
        continue;
      }
      const [latest, pending] = await Promise.all([
        chain.publicClient.getTransactionCount({ address: chain.relayer.address, blockTag: 'latest' }),
        chain.publicClient.getTransactionCount({ address: chain.relayer.address, blockTag: 'pending' }),
      ]);
      if (!receipt && pending > latest) return finished; // still in flight: wait for it
      // Reverted or dropped: simulate again below to learn whether it is done or refused.
    }
    const request = {
      account: chain.relayer,
      address: addresses[call.contract],
      abi: abis[call.contract],
      functionName: call.functionName,
      args: decodeArgs(call.args),
    };
    let simulated;
    try {
      simulated = await chain.publicClient.simulateContract(request);
    } catch (error) {
      const name = revertName(error);
      if (name === undefined) throw error; // the chain is unreachable: try again next cycle
      await finish(alreadyDone.has(name) ? 'done' : 'failed', alreadyDone.has(name) ? {} : { lastError: name });
      finished++;
      continue;
    }
    const hash = await chain.walletClient.writeContract({ ...simulated.request, chain: null });
    await db
      .update(chainCalls)
      .set({ status: 'submitted', txHash: hash, attempts: call.attempts + 1 })
      .where(eq(chainCalls.id, call.id));
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash, confirmations, timeout: receiptTimeoutMs });
    if (receipt.status !== 'success') throw new Error(`contract call ${call.id} reverted in ${hash}`);
    await finish('done', { txHash: hash });
    finished++;
  }
  return finished;
}
