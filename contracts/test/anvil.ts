// A real anvil node per test file, with viem clients and the MedConnect contracts deployed on it.
// Accounts come from anvil's default mnemonic: 0 deploys (and is admin), 1 is the relayer,
// 2 the registrar; the rest are free for patients, grantees and third parties.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  type Abi,
  type Account,
  type Address,
  type Hash,
  type Hex,
  type TransactionReceipt,
} from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import {
  anchorLogAbi,
  anchorLogBytecode,
  consentLedgerAbi,
  consentLedgerBytecode,
  registryAbi,
  registryBytecode,
} from '../index.ts';

const ANVIL_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.bin/anvil');
const MNEMONIC = 'test test test test test test test test test test test junk';

export const devAccount = (addressIndex: number) => mnemonicToAccount(MNEMONIC, { addressIndex });
export const deployer = devAccount(0);
export const relayer = devAccount(1);
export const registrar = devAccount(2);

export interface Anvil {
  rpcUrl: string;
  chainId: number;
  stop(): Promise<void>;
}

/** A port that was free a moment ago: bind port 0, read the port the OS chose, release it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

async function rpcReady(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Signals the whole process group: the binary runs behind a node wrapper, and neither may outlive us. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

async function startOnce(chainId: number): Promise<Anvil> {
  const port = await freePort();
  const child = spawn(
    ANVIL_BIN,
    ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(chainId), '--silent'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (!(await rpcReady(rpcUrl))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopProcess(child);
      process.off('exit', killOnExit);
      throw new Error(`anvil did not start on port ${port}: ${stderr.trim() || 'timed out'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }

  return {
    rpcUrl,
    chainId,
    stop: async () => {
      await stopProcess(child);
      process.off('exit', killOnExit);
    },
  };
}

/** Starts anvil on a free port and waits until it answers JSON-RPC. Retries if the port was taken meanwhile. */
export async function startAnvil(options: { chainId?: number } = {}): Promise<Anvil> {
  const chainId = options.chainId ?? 31337;
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(chainId);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** viem clients bound to one anvil node. Polling is fast because anvil mines every transaction at once. */
export function connect(anvil: Pick<Anvil, 'rpcUrl' | 'chainId'>) {
  const chain = defineChain({
    id: anvil.chainId,
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [anvil.rpcUrl] } },
  });
  const transport = http(anvil.rpcUrl, { batch: { wait: 0 } });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 10 });
  const testClient = createTestClient({ chain, transport, mode: 'anvil', pollingInterval: 10 });
  const walletFor = (account: Account) =>
    createWalletClient({ account, chain, transport, pollingInterval: 10 });

  /** Waits for a sent transaction and fails unless it succeeded. */
  async function mined(hash: Hash | Promise<Hash>): Promise<TransactionReceipt> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash, pollingInterval: 10 });
    if (receipt.status !== 'success') throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return receipt;
  }

  async function deploy(
    account: Account,
    abi: Abi,
    bytecode: Hex,
    args: readonly unknown[] = [],
  ): Promise<Address> {
    const receipt = await mined(walletFor(account).deployContract({ abi, bytecode, args }));
    if (!receipt.contractAddress) throw new Error('deployment returned no contract address');
    return getAddress(receipt.contractAddress);
  }

  /** Seconds since the epoch of the latest block, the time the next transaction is checked against (give or take). */
  async function latestTimestamp(): Promise<bigint> {
    return (await publicClient.getBlock({ blockTag: 'latest' })).timestamp;
  }

  /** Moves chain time forward and mines a block at the new time. */
  async function advanceTime(seconds: number): Promise<void> {
    await testClient.increaseTime({ seconds });
    await testClient.mine({ blocks: 1 });
  }

  /** A raw JSON-RPC call, for anvil methods viem has no action for. */
  async function rpc(method: string, params: readonly unknown[] = []): Promise<unknown> {
    const response = await fetch(anvil.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result;
  }

  /** Mines a block with exactly this timestamp. */
  async function mineAt(timestamp: bigint): Promise<void> {
    await testClient.setNextBlockTimestamp({ timestamp });
    await testClient.mine({ blocks: 1 });
  }

  return {
    chain,
    publicClient,
    testClient,
    walletFor,
    mined,
    deploy,
    latestTimestamp,
    advanceTime,
    mineAt,
    rpc,
  };
}

export type AnvilClients = ReturnType<typeof connect>;

export function deployAnchorLog(
  node: AnvilClients,
  admin: Address = deployer.address,
  relayerAddress: Address = relayer.address,
): Promise<Address> {
  return node.deploy(deployer, anchorLogAbi, anchorLogBytecode, [admin, relayerAddress]);
}

/** Deploys Registry with account 0 as admin and grants REGISTRAR_ROLE to account 2. */
export async function deployRegistry(node: AnvilClients): Promise<Address> {
  const address = await node.deploy(deployer, registryAbi, registryBytecode, [deployer.address]);
  const role = await node.publicClient.readContract({
    address,
    abi: registryAbi,
    functionName: 'REGISTRAR_ROLE',
  });
  await node.mined(
    node.walletFor(deployer).writeContract({
      address,
      abi: registryAbi,
      functionName: 'grantRole',
      args: [role, registrar.address],
    }),
  );
  return address;
}

export function deployConsentLedger(node: AnvilClients): Promise<Address> {
  return node.deploy(deployer, consentLedgerAbi, consentLedgerBytecode);
}
