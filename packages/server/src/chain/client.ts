// The chain as the rest of the server sees it: plain Ethereum JSON-RPC through viem, whether the node
// is the embedded anvil or a Besu QBFT consortium.
import { anchorLogAbi } from '@medconnect/contracts';
import {
  createPublicClient,
  createWalletClient,
  http,
  type Address,
  type Hex,
  type PrivateKeyAccount,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export type ContractAddresses = { anchorLog: Address; registry: Address; consentLedger: Address };

export type Chain = ReturnType<typeof connectChain>;

export function connectChain({ rpcUrl, relayerKey }: { rpcUrl: string; relayerKey: Hex }) {
  const transport = http(rpcUrl, { timeout: 10_000, retryCount: 0 });
  const publicClient = createPublicClient({ transport, pollingInterval: 100 });
  const relayer: PrivateKeyAccount = privateKeyToAccount(relayerKey);
  const walletClient = createWalletClient({ account: relayer, transport });
  return { rpcUrl, publicClient, walletClient, relayer };
}

export type RootInfo = { anchored: boolean; index: bigint; blockNumber: bigint; timestamp: bigint; leafCount: bigint };

export async function readRootInfo(chain: Chain, anchorLog: Address, root: Hex): Promise<RootInfo> {
  const [anchored, index, blockNumber, timestamp, leafCount] = await chain.publicClient.readContract({
    address: anchorLog,
    abi: anchorLogAbi,
    functionName: 'rootInfo',
    args: [root],
  });
  return { anchored, index, blockNumber: BigInt(blockNumber), timestamp: BigInt(timestamp), leafCount };
}
