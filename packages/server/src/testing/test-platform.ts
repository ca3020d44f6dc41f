// Test support: a fresh platform per test file on a real database (PGlite in memory, or a new
// PostgreSQL database when TEST_DATABASE=postgres) and a real anvil node.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { loadConfig, type Config } from '../config.ts';
import type { DatabaseOptions } from '../db/client.ts';
import { openPlatform, type Platform } from '../platform.ts';

export const usePostgres = process.env.TEST_DATABASE === 'postgres';
const adminUrl = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = { options: DatabaseOptions; url?: string; drop(): Promise<void> };

/** A database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!usePostgres) return { options: { dataDir: undefined }, drop: async () => undefined };
  const name = `medconnect_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    options: { url: url.toString(), poolSize: 5 },
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export type TestPlatform = {
  platform: Platform;
  config: Config;
  dataDir: string;
  /** The PostgreSQL database of this test file, when TEST_DATABASE=postgres. */
  databaseUrl: string | undefined;
  close(): Promise<void>;
};

export async function openTestPlatform(
  options: { env?: Record<string, string>; anvilArgs?: string[]; startRelayer?: boolean; log?: Logger } = {},
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'medconnect-test-'));
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    BATCH_INTERVAL_MS: '100',
    ...options.env,
  });
  const platform = await openPlatform({
    config,
    log: options.log ?? pino({ level: 'silent' }),
    database: database.options,
    masterKey: randomBytes(32),
    startRelayer: options.startRelayer ?? false,
    ...(options.anvilArgs ? { anvilArgs: options.anvilArgs } : {}),
  });
  return {
    platform,
    config,
    dataDir,
    databaseUrl: database.url,
    async close() {
      await platform.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs relayer cycles until every outbox leaf is anchored. */
export async function drainOutbox(platform: Platform, maxCycles = 200): Promise<void> {
  const { outboxBacklog } = await import('../relayer/claim-batch.ts');
  for (let i = 0; i < maxCycles; i++) {
    if ((await outboxBacklog(platform.db)).backlog === 0) return;
    await platform.relayer.tick();
  }
  throw new Error('outbox did not drain');
}
