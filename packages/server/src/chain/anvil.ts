// Runs the embedded chain: the anvil binary shipped in the @foundry-rs/anvil npm package, on loopback,
// with its state saved to a file (on a clean stop and every second) so the chain survives restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export type AnvilNode = { rpcUrl: string; process: ChildProcess; stop(): Promise<void> };

export type AnvilOptions = {
  /** File the chain state is loaded from and saved to; omitted = a throw-away chain. */
  stateFile?: string | undefined;
  /** Load the state file but never write it (a second reader next to a running server). */
  readOnlyState?: boolean;
  port?: number | undefined;
  chainId?: number;
  /** Seconds between blocks; omitted = a block per transaction. */
  blockTime?: number | undefined;
  extraArgs?: string[];
};

const require = createRequire(import.meta.url);

function anvilBinary(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  try {
    const pkg = require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/package.json`);
    const binary = join(dirname(pkg), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
    if (existsSync(binary)) return binary;
  } catch {
    // fall through to the package's own launcher
  }
  return join(dirname(require.resolve('@foundry-rs/anvil/package.json')), 'bin.mjs');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForRpc(rpcUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`anvil did not answer on ${rpcUrl} within 20 s: ${output()}`);
}

/**
 * A node left running by a server that was killed (SIGKILL leaves no chance to stop it) still owns the
 * state file. Stop it cleanly, so it saves its state, before a new node loads that file.
 */
async function stopStaleNode(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || !isAnvil(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && isAnvil(pid); waited += 50) await new Promise((r) => setTimeout(r, 50));
  if (isAnvil(pid)) process.kill(pid, 'SIGKILL');
}

function isAnvil(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('anvil');
  } catch {
    return false;
  }
}

export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilNode> {
  const pidFile = options.stateFile && !options.readOnlyState ? `${options.stateFile}.pid` : undefined;
  if (pidFile) await stopStaleNode(pidFile);
  const port = options.port || (await freePort());
  const args = ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(options.chainId ?? 31337)];
  if (options.stateFile && options.readOnlyState) {
    if (existsSync(options.stateFile)) args.push('--load-state', options.stateFile);
  } else if (options.stateFile) {
    mkdirSync(dirname(options.stateFile), { recursive: true });
    args.push('--state', options.stateFile, '--state-interval', '1');
  }
  if (options.blockTime) args.push('--block-time', String(options.blockTime));
  args.push(...(options.extraArgs ?? []));
  const binary = anvilBinary();
  const command = binary.endsWith('.mjs') ? process.execPath : binary;
  const child = spawn(command, binary.endsWith('.mjs') ? [binary, ...args] : args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));
  const rpcUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForRpc(rpcUrl, child, () => tail);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If this process exits without stopping the node, the node must not outlive it.
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));
  return {
    rpcUrl,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // anvil saves its state on a clean stop
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      if (pidFile) rmSync(pidFile, { force: true });
    },
  };
}
