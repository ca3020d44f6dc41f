// The patient's signature on a grant or a revocation (EIP-712, ConsentLedger's domain), made with the
// patient's custodial key right after they confirmed the action, and queued for the chain in the same
// transaction as the change. Nonces are taken from the patient's row in order, and the call outbox
// sends calls in order, so the ledger sees them as signed.
import { consentDomain, consentTypes } from '@medconnect/contracts';
import { Unavailable } from '@medconnect/core';
import { eq, sql } from 'drizzle-orm';
import { encodeAbiParameters, keccak256, stringToHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { ContractAddresses } from '../../chain/client.ts';
import { recordedIdentity } from '../../chain/identity.ts';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { Platform, Sealer } from '../../platform.ts';
import { enqueueChainCall } from '../../repository/outbox.ts';
import { custodialKeyContext } from '../accounts/create-account.ts';

/** No deadline on the signed message: the relayer may be down for a while; the grant's expiry still binds. */
const NO_DEADLINE = 2n ** 256n - 1n;
/** A grant "until revoked" is stored with the largest expiry the ledger accepts. */
export const UNTIL_REVOKED = 2n ** 64n - 1n;

export type SigningDeps = {
  sealer: Sealer;
  addresses: ContractAddresses;
  /** The chain id to sign for, read in the signing transaction (see {@link pinnedChainId}). */
  chainId: (tx: Executor) => Promise<number>;
};

/** Signing as this platform does it: its master-key sealer, its ConsentLedger, its pinned chain id. */
export const consentSigning = (platform: Pick<Platform, 'sealer' | 'addresses' | 'chain'>): SigningDeps => ({
  sealer: platform.sealer,
  addresses: platform.addresses,
  chainId: (tx) => pinnedChainId(tx, () => platform.chain.publicClient.getChainId()),
});

export const scopeHash = (scope: readonly string[]): Hex => keccak256(stringToHex(JSON.stringify([...scope].sort())));
export const purposeHash = (purpose: string): Hex => keccak256(stringToHex(purpose));

/** The id ConsentLedger gives a grant (`grantIdOf`). */
export function grantIdOf(g: { patient: Address; grantee: Address; scopeHash: Hex; purposeHash: Hex; expiry: bigint; nonce: bigint }): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address' }, { type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint64' }, { type: 'uint256' }],
      [g.patient, g.grantee, g.scopeHash, g.purposeHash, g.expiry, g.nonce],
    ),
  );
}

/** The chain id consents are signed for: the one this installation is pinned to. */
export async function pinnedChainId(db: Executor, live: () => Promise<number>): Promise<number> {
  const recorded = (await recordedIdentity(db)).chainId;
  if (recorded !== undefined) return Number(recorded);
  try {
    return await live();
  } catch {
    throw new Unavailable('The blockchain is not reachable yet, so consent cannot be signed. Try again in a minute.', 60);
  }
}

async function signer(tx: Executor, sealer: Sealer, patientId: string) {
  const [row] = await tx
    .update(users)
    .set({ consentNonce: sql`${users.consentNonce} + 1` })
    .where(eq(users.patientId, patientId))
    .returning({ id: users.id, custodialKey: users.custodialKey, nonce: users.consentNonce });
  if (!row) throw new Error(`patient ${patientId} has no account to sign with`);
  const key = sealer.open(row.custodialKey, custodialKeyContext(row.id));
  return { account: privateKeyToAccount(`0x${Buffer.from(key).toString('hex')}`), nonce: BigInt(row.nonce - 1) };
}

export async function signGrant(
  tx: Executor,
  deps: SigningDeps,
  g: { consentId: string; patientId: string; grantee: Address; scope: readonly string[]; purpose: string; expiresAt: Date | null },
): Promise<Hex> {
  const { account, nonce } = await signer(tx, deps.sealer, g.patientId);
  const message = {
    patient: account.address,
    grantee: g.grantee,
    scopeHash: scopeHash(g.scope),
    purposeHash: purposeHash(g.purpose),
    expiry: g.expiresAt ? BigInt(Math.floor(g.expiresAt.getTime() / 1000)) : UNTIL_REVOKED,
    nonce,
    deadline: NO_DEADLINE,
  };
  const signature = await account.signTypedData({
    domain: consentDomain(await deps.chainId(tx), deps.addresses.consentLedger),
    types: consentTypes,
    primaryType: 'Grant',
    message,
  });
  await enqueueChainCall(tx, {
    contract: 'consentLedger',
    functionName: 'grant',
    args: [
      message.patient,
      message.grantee,
      message.scopeHash,
      message.purposeHash,
      message.expiry.toString(),
      message.nonce.toString(),
      message.deadline.toString(),
      signature,
    ],
    idempotencyKey: `consent-grant:${g.consentId}`,
  });
  return grantIdOf(message);
}

export async function signRevoke(
  tx: Executor,
  deps: SigningDeps,
  r: { consentId: string; patientId: string; grantId: Hex },
): Promise<void> {
  const { account, nonce } = await signer(tx, deps.sealer, r.patientId);
  const message = { patient: account.address, grantId: r.grantId, nonce, deadline: NO_DEADLINE };
  const signature = await account.signTypedData({
    domain: consentDomain(await deps.chainId(tx), deps.addresses.consentLedger),
    types: consentTypes,
    primaryType: 'Revoke',
    message,
  });
  await enqueueChainCall(tx, {
    contract: 'consentLedger',
    functionName: 'revoke',
    args: [message.patient, message.grantId, message.nonce.toString(), message.deadline.toString(), signature],
    idempotencyKey: `consent-revoke:${r.consentId}`,
  });
}
