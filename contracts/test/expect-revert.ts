// Asserts that a contract call, transaction or deployment reverted with a given custom error.
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex } from 'viem';
import { expect } from 'vitest';
import { anchorLogAbi, consentLedgerAbi, registryAbi } from '../index.ts';

const knownErrors = [...anchorLogAbi, ...registryAbi, ...consentLedgerAbi].filter(
  (item) => item.type === 'error',
);

export interface DecodedRevert {
  errorName: string;
  args: readonly unknown[];
}

/**
 * The custom error inside a viem error: decoded by viem for contract calls, or decoded here from
 * the node's raw revert data for deployments and plain transactions. Undefined when there is none.
 */
export function revertOf(error: unknown): DecodedRevert | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError && reverted.data) {
    return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
  }
  const raw = error.walk((cause) => isHex((cause as { data?: unknown }).data)) as { data: Hex } | null;
  if (!raw) return undefined;
  const decoded = decodeErrorResult({ abi: knownErrors, data: raw.data });
  return { errorName: decoded.errorName, args: decoded.args ?? [] };
}

function isHex(value: unknown): value is Hex {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(value);
}

/** Awaits `action`, expects it to revert with `errorName` (and `args`, when given), and returns the error. */
export async function expectRevert(
  action: Promise<unknown>,
  errorName: string,
  args?: readonly unknown[],
): Promise<unknown> {
  let caught: unknown;
  try {
    await action;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a revert with ${errorName}`).toBeDefined();
  const revert = revertOf(caught);
  expect(revert?.errorName, String(caught)).toBe(errorName);
  if (args) expect(revert?.args).toEqual(args);
  return caught;
}
