// Public entry of @medconnect/contracts: generated ABIs and bytecode, plus the EIP-712 domain and
// types the server signs consent messages with, and recognition of the "already applied" revert.
import { BaseError, ContractFunctionRevertedError, toFunctionSelector, type Address } from 'viem';

export * from './generated/index.ts';

/** EIP-712 domain of a ConsentLedger deployment; must match the contract's `EIP712(name, version)`. */
export function consentDomain(
  chainId: number,
  verifyingContract: Address,
): { name: 'MedConnect ConsentLedger'; version: '1'; chainId: number; verifyingContract: Address } {
  return { name: 'MedConnect ConsentLedger', version: '1', chainId, verifyingContract };
}

/** EIP-712 types of the messages a patient signs; field order is part of the type hash. */
export const consentTypes = {
  Grant: [
    { name: 'patient', type: 'address' },
    { name: 'grantee', type: 'address' },
    { name: 'scopeHash', type: 'bytes32' },
    { name: 'purposeHash', type: 'bytes32' },
    { name: 'expiry', type: 'uint64' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  Revoke: [
    { name: 'patient', type: 'address' },
    { name: 'grantId', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

const ALREADY_APPLIED = 'ConsentLedger__AlreadyApplied';
const ALREADY_APPLIED_SELECTOR = toFunctionSelector(`${ALREADY_APPLIED}(bytes32)`);

/**
 * Whether a viem error is the ConsentLedger revert meaning "this grant or revocation has already
 * taken effect" (a replay, or someone else submitted the same signature first). Callers treat it
 * as success. Matches the decoded error of `writeContract`/`simulateContract`, and the raw revert
 * data of calls made without the ConsentLedger ABI (`sendTransaction`, deployments).
 */
export function isAlreadyApplied(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) {
    if (reverted.data) return reverted.data.errorName === ALREADY_APPLIED;
    return reverted.signature === ALREADY_APPLIED_SELECTOR || startsWithSelector(reverted.raw);
  }
  return error.walk((cause) => startsWithSelector((cause as { data?: unknown }).data)) !== null;
}

function startsWithSelector(data: unknown): boolean {
  return typeof data === 'string' && data.slice(0, 10).toLowerCase() === ALREADY_APPLIED_SELECTOR;
}
