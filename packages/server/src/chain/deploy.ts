// Deploys MedConnect's contracts. On the embedded chain the well-known development deployer deploys at
// nonces 0, 1, 2 of a fresh chain, so the addresses are the same on every machine.
import {
  anchorLogAbi,
  anchorLogBytecode,
  consentLedgerAbi,
  consentLedgerBytecode,
  registryAbi,
  registryBytecode,
} from '@medconnect/contracts';
import { getAddress, getContractAddress, type Address, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import type { Chain, ContractAddresses } from './client.ts';

const devMnemonic = 'test test test test test test test test test test test junk';
/** Anvil's published development accounts: 0 deploys and administers, 1 relays. Never used off the embedded chain. */
export const devAccounts = {
  admin: mnemonicToAccount(devMnemonic, { addressIndex: 0 }),
  relayer: mnemonicToAccount(devMnemonic, { addressIndex: 1 }),
};
export const devRelayerKey = `0x${Buffer.from(devAccounts.relayer.getHdKey().privateKey!).toString('hex')}` as const;

export function expectedDevAddresses(): ContractAddresses {
  const from = devAccounts.admin.address;
  return {
    registry: getContractAddress({ from, nonce: 0n }),
    consentLedger: getContractAddress({ from, nonce: 1n }),
    anchorLog: getContractAddress({ from, nonce: 2n }),
  };
}

/** Deploys the three contracts from `chain`'s relayer account (or `admin`), waiting for each receipt. */
export async function deployContracts(
  chain: Chain,
  { admin = chain.relayer, relayer = chain.relayer.address }: { admin?: typeof chain.relayer | typeof devAccounts.admin; relayer?: Address } = {},
): Promise<ContractAddresses> {
  const deploy = async (hash: Hex) => {
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash, timeout: 60_000 });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`Deployment ${hash} failed`);
    return getAddress(receipt.contractAddress);
  };
  const send = { account: admin, chain: null } as const;
  const registry = await deploy(
    await chain.walletClient.deployContract({ ...send, abi: registryAbi, bytecode: registryBytecode, args: [admin.address] }),
  );
  const consentLedger = await deploy(
    await chain.walletClient.deployContract({ ...send, abi: consentLedgerAbi, bytecode: consentLedgerBytecode, args: [] }),
  );
  const anchorLog = await deploy(
    await chain.walletClient.deployContract({
      ...send,
      abi: anchorLogAbi,
      bytecode: anchorLogBytecode,
      args: [admin.address, relayer],
    }),
  );
  // The relayer sends registry changes decided by MedConnect's registrars (through chain_calls).
  const role = await chain.publicClient.readContract({ address: registry, abi: registryAbi, functionName: 'REGISTRAR_ROLE' });
  const granted = await chain.walletClient.writeContract({
    ...send,
    address: registry,
    abi: registryAbi,
    functionName: 'grantRole',
    args: [role, relayer],
  });
  await chain.publicClient.waitForTransactionReceipt({ hash: granted, timeout: 60_000 });
  return { registry, consentLedger, anchorLog };
}

/** On the embedded chain: deploys once at the expected addresses, or finds them already there. */
export async function ensureDevContracts(chain: Chain): Promise<ContractAddresses> {
  const expected = expectedDevAddresses();
  const code = await chain.publicClient.getCode({ address: expected.anchorLog });
  if (code && code !== '0x') return expected;
  const nonce = await chain.publicClient.getTransactionCount({ address: devAccounts.admin.address });
  if (nonce !== 0) {
    throw new Error('The embedded chain has history but no MedConnect contracts; remove its state file to start over');
  }
  const deployed = await deployContracts(chain, { admin: devAccounts.admin, relayer: devAccounts.relayer.address });
  if (deployed.anchorLog.toLowerCase() !== expected.anchorLog.toLowerCase()) {
    throw new Error('Contracts were not deployed at their expected addresses');
  }
  return expected;
}
