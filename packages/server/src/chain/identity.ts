// The chain identity the database anchors to: chain id, the AnchorLog contract's address and code, and
// the latest root the database recorded as anchored, which must still be on chain at its index. It is
// recorded the first time and checked on every start and relayer cycle, so MedConnect never anchors to,
// or shows proofs against, a different chain (a reset dev chain, a wrong network). The genesis hash is
// not used: anvil does not keep it across a saved and reloaded state.
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { keccak256, type Address, type Hex } from 'viem';
import type { Executor } from '../db/client.ts';
import { batches, settings } from '../db/schema.ts';
import { readRootInfo, type Chain, type ContractAddresses } from './client.ts';

export class ChainIdentityMismatch extends Error {}

export type ChainIdentity = {
  chainId: number;
  anchorLogCodeHash: string;
  addresses: ContractAddresses;
};

const keys = {
  chainId: 'chain.id',
  anchorLogCodeHash: 'chain.anchorLogCodeHash',
  anchorLog: 'chain.anchorLog',
  registry: 'chain.registry',
  consentLedger: 'chain.consentLedger',
} as const;

export async function observeIdentity(chain: Chain, addresses: ContractAddresses): Promise<ChainIdentity> {
  const [chainId, code] = await Promise.all([
    chain.publicClient.getChainId(),
    chain.publicClient.getCode({ address: addresses.anchorLog }),
  ]);
  return { chainId, anchorLogCodeHash: code ? keccak256(code) : '0x', addresses };
}

export async function recordedIdentity(db: Executor): Promise<Partial<Record<keyof typeof keys, string>>> {
  const rows = await db.select().from(settings).where(inArray(settings.key, Object.values(keys)));
  const out: Partial<Record<keyof typeof keys, string>> = {};
  for (const [name, key] of Object.entries(keys)) {
    const row = rows.find((r) => r.key === key);
    if (row) out[name as keyof typeof keys] = row.value;
  }
  return out;
}

/** Addresses recorded by an earlier start or by `medconnect chain deploy`, if complete. */
export async function recordedAddresses(db: Executor): Promise<ContractAddresses | undefined> {
  const r = await recordedIdentity(db);
  if (!r.anchorLog || !r.registry || !r.consentLedger) return undefined;
  return { anchorLog: r.anchorLog as Address, registry: r.registry as Address, consentLedger: r.consentLedger as Address };
}

/** Throws ChainIdentityMismatch when `observed` differs from what the database recorded. */
export async function checkIdentity(db: Executor, observed: ChainIdentity, chain: Chain): Promise<void> {
  const recorded = await recordedIdentity(db);
  if (recorded.chainId === undefined) return;
  const problems: string[] = [];
  if (recorded.chainId !== String(observed.chainId)) {
    problems.push(`chain id is ${observed.chainId}, the database anchors to ${recorded.chainId}`);
  }
  if (recorded.anchorLog && recorded.anchorLog.toLowerCase() !== observed.addresses.anchorLog.toLowerCase()) {
    problems.push(`AnchorLog is configured at ${observed.addresses.anchorLog}, the database recorded ${recorded.anchorLog}`);
  }
  if (recorded.anchorLogCodeHash && recorded.anchorLogCodeHash !== observed.anchorLogCodeHash) {
    problems.push(observed.anchorLogCodeHash === '0x' ? 'AnchorLog has no code on this chain' : 'AnchorLog code differs');
  }
  if (problems.length === 0) {
    const [latest] = await db
      .select({ id: batches.id, root: batches.root, chainIndex: batches.chainIndex })
      .from(batches)
      .where(and(eq(batches.status, 'anchored'), isNotNull(batches.chainIndex)))
      .orderBy(desc(batches.id))
      .limit(1);
    if (latest) {
      const info = await readRootInfo(chain, observed.addresses.anchorLog, latest.root as Hex);
      if (!info.anchored || info.index !== BigInt(latest.chainIndex!)) {
        problems.push(`the root of batch ${latest.id} is not on it (the chain was reset or replaced)`);
      }
    }
  }
  if (problems.length > 0) {
    throw new ChainIdentityMismatch(`This is not the chain MedConnect anchored to: ${problems.join('; ')}`);
  }
}

export async function saveIdentity(db: Executor, identity: ChainIdentity): Promise<void> {
  const values: [string, string][] = [
    [keys.chainId, String(identity.chainId)],
    [keys.anchorLogCodeHash, identity.anchorLogCodeHash],
    [keys.anchorLog, identity.addresses.anchorLog],
    [keys.registry, identity.addresses.registry],
    [keys.consentLedger, identity.addresses.consentLedger],
  ];
  for (const [key, value] of values) {
    await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
  }
}

export async function forgetIdentity(db: Executor): Promise<void> {
  for (const key of Object.values(keys)) await db.delete(settings).where(eq(settings.key, key));
}
