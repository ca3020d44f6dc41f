// Running against an external Ethereum node: `medconnect chain deploy` deploys and records the
// contracts, the server then anchors there, and refuses to start against a different chain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAnvil, type AnvilNode } from '../chain/anvil.ts';
import { loadConfig } from '../config.ts';
import { openPlatform } from '../platform.ts';
import { systemActor } from '../repository/actor.ts';
import { observation } from '../testing/fixtures.ts';
import { createTestDatabase, drainOutbox, type TestDatabase } from '../testing/test-platform.ts';
import { deployCommand } from './deploy-command.ts';

// anvil's published development key #3: an account that is neither the embedded admin nor relayer.
const relayerKey = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6';
let node: AnvilNode;
let other: AnvilNode;
let database: TestDatabase;
const dataDir = mkdtempSync(join(tmpdir(), 'medconnect-external-'));

beforeAll(async () => {
  [node, other] = await Promise.all([startAnvil({ chainId: 1337 }), startAnvil({ chainId: 1337 })]);
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all([node.stop(), other.stop()]);
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = (rpcUrl: string) => ({
  NODE_ENV: 'test',
  DATA_DIR: dataDir,
  CHAIN_RPC_URL: rpcUrl,
  RELAYER_PRIVATE_KEY: relayerKey,
  MASTER_KEY: '33'.repeat(32),
  LOG_LEVEL: 'silent',
  ...(database.url ? { DATABASE_URL: database.url } : {}),
});

describe('an external chain', () => {
  it('refuses to start before contracts are deployed or configured', async () => {
    await expect(openPlatform({ config: loadConfig(env(node.rpcUrl)), log: pino({ level: 'silent' }) })).rejects.toThrow(
      /medconnect chain deploy/,
    );
  });

  it('deploys with `medconnect chain deploy`, anchors there, and will not deploy twice', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await deployCommand(loadConfig(env(node.rpcUrl)))).toBe(0);
      expect(String(out.mock.calls.flat().join(''))).toMatch(/ANCHOR_LOG_ADDRESS=0x[0-9a-fA-F]{40}/);
      expect(await deployCommand(loadConfig(env(node.rpcUrl)))).toBe(1);
      expect(String(err.mock.calls.flat().join(''))).toMatch(/already recorded/);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }

    const platform = await openPlatform({ config: loadConfig(env(node.rpcUrl)), log: pino({ level: 'silent' }) });
    try {
      expect(platform.anvil).toBeUndefined();
      const patient = await platform.patients.register();
      await platform.store.create(systemActor('importer', 'import'), patient.id, [{ resource: observation('ext'), source: 'test' }]);
      await drainOutbox(platform);
      expect(platform.relayer.status.anchoredBatches).toBe(1);
    } finally {
      await platform.close();
    }
  });

  it('refuses to start against another chain with the same chain id and addresses', async () => {
    // Deploy the same contracts from the same key on a second node: same addresses, same code.
    const scratch = mkdtempSync(join(tmpdir(), 'medconnect-scratch-'));
    try {
      const scratchEnv = { ...env(other.rpcUrl), DATA_DIR: scratch };
      delete (scratchEnv as { DATABASE_URL?: string }).DATABASE_URL;
      const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      expect(await deployCommand(loadConfig(scratchEnv))).toBe(0);
      out.mockRestore();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    await expect(openPlatform({ config: loadConfig(env(other.rpcUrl)), log: pino({ level: 'silent' }) })).rejects.toThrow(
      /not the chain MedConnect anchored to: the root of batch \d+ is not on it/,
    );
  });
});
