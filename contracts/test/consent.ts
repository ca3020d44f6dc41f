// Signing and submitting ConsentLedger messages in tests, the way the server does: the patient's
// key signs EIP-712 typed data built from consentDomain/consentTypes, and another account submits.
import { keccak256, toHex, type Address, type Hex, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { consentDomain, consentLedgerAbi, consentTypes } from '../index.ts';
import type { AnvilClients } from './anvil.ts';

export interface GrantMessage {
  patient: Address;
  grantee: Address;
  scopeHash: Hex;
  purposeHash: Hex;
  expiry: bigint;
  nonce: bigint;
  deadline: bigint;
}

export interface RevokeMessage {
  patient: Address;
  grantId: Hex;
  nonce: bigint;
  deadline: bigint;
}

export interface Target {
  chainId: number;
  ledger: Address;
}

/** A custodial patient: a fresh key with no ether, which only signs. */
export const newPatient = (): LocalAccount => privateKeyToAccount(generatePrivateKey());

export const scopeHash = (label: string): Hex => keccak256(toHex(`scope:${label}`));
export const purposeHash = (label: string): Hex => keccak256(toHex(`purpose:${label}`));

export function signGrant(signer: LocalAccount, target: Target, message: GrantMessage): Promise<Hex> {
  return signer.signTypedData({
    domain: consentDomain(target.chainId, target.ledger),
    types: consentTypes,
    primaryType: 'Grant',
    message,
  });
}

export function signRevoke(signer: LocalAccount, target: Target, message: RevokeMessage): Promise<Hex> {
  return signer.signTypedData({
    domain: consentDomain(target.chainId, target.ledger),
    types: consentTypes,
    primaryType: 'Revoke',
    message,
  });
}

export function grantArgs(m: GrantMessage, signature: Hex) {
  return [
    m.patient,
    m.grantee,
    m.scopeHash,
    m.purposeHash,
    m.expiry,
    m.nonce,
    m.deadline,
    signature,
  ] as const;
}

export function revokeArgs(m: RevokeMessage, signature: Hex) {
  return [m.patient, m.grantId, m.nonce, m.deadline, signature] as const;
}

/** Read-only views of one ConsentLedger deployment. */
export function ledgerViews(node: AnvilClients, ledger: Address) {
  const read = node.publicClient;
  return {
    grantOf: (grantId: Hex) =>
      read.readContract({ address: ledger, abi: consentLedgerAbi, functionName: 'grantOf', args: [grantId] }),
    isActive: (grantId: Hex) =>
      read.readContract({
        address: ledger,
        abi: consentLedgerAbi,
        functionName: 'isActive',
        args: [grantId],
      }),
    nonces: (account: Address) =>
      read.readContract({ address: ledger, abi: consentLedgerAbi, functionName: 'nonces', args: [account] }),
    grantIdOf: (m: Omit<GrantMessage, 'deadline'>) =>
      read.readContract({
        address: ledger,
        abi: consentLedgerAbi,
        functionName: 'grantIdOf',
        args: [m.patient, m.grantee, m.scopeHash, m.purposeHash, m.expiry, m.nonce],
      }),
  };
}

/** Submits a signed grant from `submitter`. */
export function submitGrant(
  node: AnvilClients,
  submitter: LocalAccount,
  ledger: Address,
  m: GrantMessage,
  signature: Hex,
) {
  return node.walletFor(submitter).writeContract({
    address: ledger,
    abi: consentLedgerAbi,
    functionName: 'grant',
    args: grantArgs(m, signature),
  });
}

/** Submits a signed revocation from `submitter`. */
export function submitRevoke(
  node: AnvilClients,
  submitter: LocalAccount,
  ledger: Address,
  m: RevokeMessage,
  signature: Hex,
) {
  return node.walletFor(submitter).writeContract({
    address: ledger,
    abi: consentLedgerAbi,
    functionName: 'revoke',
    args: revokeArgs(m, signature),
  });
}

/**
 * A grant message for `patient` at their current nonce, valid for a day and submittable for an
 * hour from the latest block; `overrides` replace any field.
 */
export async function draftGrant(
  node: AnvilClients,
  ledger: Address,
  patient: Address,
  grantee: Address,
  overrides: Partial<GrantMessage> = {},
): Promise<GrantMessage> {
  const now = await node.latestTimestamp();
  return {
    patient,
    grantee,
    scopeHash: scopeHash('summary'),
    purposeHash: purposeHash('treatment'),
    expiry: now + 86_400n,
    nonce: await ledgerViews(node, ledger).nonces(patient),
    deadline: now + 3_600n,
    ...overrides,
  };
}

/** grantDirect and revokeDirect sent from a patient's own wallet. */
export function directCalls(node: AnvilClients, ledger: Address, account: LocalAccount) {
  const wallet = node.walletFor(account);
  return {
    grantDirect: (grantee: Address, scope: Hex, purpose: Hex, expiry: bigint) =>
      wallet.writeContract({
        address: ledger,
        abi: consentLedgerAbi,
        functionName: 'grantDirect',
        args: [grantee, scope, purpose, expiry],
      }),
    revokeDirect: (grantId: Hex) =>
      wallet.writeContract({
        address: ledger,
        abi: consentLedgerAbi,
        functionName: 'revokeDirect',
        args: [grantId],
      }),
  };
}
