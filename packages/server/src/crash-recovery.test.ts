// kill -9 while writing (RELIABILITY.md T25, scaled to a CI run): every acknowledged write survives,
// no record exists without its outbox row, and everything is anchored after restart.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { queryRows } from './db/client.ts';
import { resources } from './db/schema.ts';
import { verifyIntegrity } from './modules/verify/verify-integrity.ts';
import { openPlatform } from './platform.ts';
import { createTestDatabase, drainOutbox, type TestDatabase } from './testing/test-platform.ts';

const writer = fileURLToPath(new URL('./testing/write-loop.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'medconnect-crash-'));
const masterKey = randomBytes(32).toString('hex');
let database: TestDatabase;
afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Runs the writer until it has acknowledged `killAfterAcks` writes, then kills it with SIGKILL a few
 * random milliseconds later, mid-stream (counting acknowledgements, not time, keeps the test meaningful
 * on a busy machine).
 */
function writeThenKill(env: NodeJS.ProcessEnv, killAfterAcks: number): Promise<{ acked: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffered = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('ack ')) continue;
        acked.push(line.slice(4));
        if (acked.length === killAfterAcks) setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 20));
      }
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve({ acked }) : reject(new Error(`writer exited on its own: ${errors}`)),
    );
  });
}

describe('kill -9 while writing', () => {
  it('loses no acknowledged write and leaves no record without its outbox row', async () => {
    database = await createTestDatabase();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      MASTER_KEY: masterKey,
      LOG_LEVEL: 'silent',
      BATCH_INTERVAL_MS: '100',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    };
    const acked: string[] = [];
    for (let cycle = 0; cycle < 5; cycle++) {
      const run = await writeThenKill(env, 5 + Math.floor(Math.random() * 10));
      acked.push(...run.acked);
    }
    expect(acked.length).toBeGreaterThan(20);

    const config = loadConfig({ ...env });
    const platform = await openPlatform({
      config,
      log: pino({ level: 'silent' }),
      masterKey: Buffer.from(masterKey, 'hex'),
      ...(database.url ? {} : { database: { dataDir: join(dataDir, 'db') } }),
    });
    try {
      const stored = await platform.db.select({ id: resources.id }).from(resources).where(inArray(resources.id, acked));
      expect(stored.length).toBe(acked.length);
      const orphans = await queryRows<{ n: number }>(
        platform.db,
        sql`select count(*)::int as n from resources r left join outbox o on o.leaf = r.leaf where o.id is null`,
      );
      expect(orphans[0]!.n).toBe(0);
      const auditOrphans = await queryRows<{ n: number }>(
        platform.db,
        sql`select count(*)::int as n from audit_events a left join outbox o on o.leaf = a.leaf where o.id is null`,
      );
      expect(auditOrphans[0]!.n).toBe(0);
      await drainOutbox(platform);
      const report = await verifyIntegrity({
        db: platform.db,
        keyring: platform.keyring,
        chain: platform.chain,
        anchorLog: platform.addresses.anchorLog,
      });
      expect(report.summary.TAMPERED).toBe(0);
      expect(report.summary.pending).toBe(0);
      expect(report.summary.verified).toBeGreaterThanOrEqual(acked.length * 2);
    } finally {
      await platform.close();
    }
    // Five writer processes each start a database, a chain and the relayer: slow on a busy machine.
  }, 180_000);
});
