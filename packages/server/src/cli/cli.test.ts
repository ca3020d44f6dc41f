// The `medconnect` command as people run it: start with demo data, verify while running and while
// stopped, refuse a second process on the same data, and name tampering done directly in SQL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { serverInfoPath } from '../modules/operator/operator-token.ts';

const bin = fileURLToPath(new URL('../../bin/medconnect.mjs', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'medconnect-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', BATCH_INTERVAL_MS: '200', NODE_ENV: 'development' };
delete env.DATABASE_URL; // the embedded defaults, as on a laptop
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const medconnect = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });

async function startServer(): Promise<{ url: string; output: () => string }> {
  server = spawn(process.execPath, [bin, 'start', '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (existsSync(serverInfoPath(dataDir))) {
      const { url } = JSON.parse(readFileSync(serverInfoPath(dataDir), 'utf8')) as { url: string };
      return { url, output: () => output };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output}`);
}

async function stopServer() {
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  server!.kill('SIGTERM');
  await exited;
  expect(server!.exitCode).toBe(0);
  server = undefined;
}

describe('medconnect command', () => {
  it('starts with demo data, anchors it, and verifies every record while running and after a restart', async () => {
    const { url, output } = await startServer();
    expect(output()).toMatch(/Demo patients imported/);
    expect(output()).toMatch(/Health ID \d{2}-\d{4}-\d{4}-\d{4}/);
    let ready: { status: string; outbox: { backlog: number } } | undefined;
    for (let i = 0; i < 100; i++) {
      ready = (await (await fetch(`${url}/readyz`)).json()) as typeof ready;
      if (ready!.outbox.backlog === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toMatchObject({ status: 'ready', outbox: { backlog: 0 } });

    const second = medconnect('start');
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(/in use by another MedConnect process/);

    const live = medconnect('verify', '--json');
    expect(live.status).toBe(0);
    const report = JSON.parse(live.stdout) as { summary: Record<string, number> };
    expect(report.summary).toMatchObject({ pending: 0, missing: 0, TAMPERED: 0 });
    expect(report.summary.verified).toBeGreaterThan(600);

    await stopServer();
    const offline = medconnect('verify');
    expect(offline.status).toBe(0);
    expect(offline.stdout).toMatch(new RegExp(`verified\\s+${report.summary.verified}\\b`));
  }, 240_000); // several processes start here; generous on a busy 2-core machine

  it('names a record tampered with directly in the database and exits non-zero', async () => {
    const database = await openDatabase({ dataDir: join(dataDir, 'db') });
    const result = (await database.db.execute(sql`select id from resources order by id limit 1`)) as { rows: { id: string }[] };
    const victim = result.rows[0]!.id;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update resources set ciphertext = set_byte(ciphertext, 30, get_byte(ciphertext, 30) # 255) where id = ${victim}`);
    });
    await database.close();
    const check = medconnect('verify');
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/TAMPERED\s+1\b/);
    expect(check.stdout).toContain(`TAMPERED  record ${victim} v1: the stored ciphertext does not decrypt`);
  }, 120_000);

  it('explains its usage and refuses unknown commands', () => {
    expect(medconnect('help').stdout).toMatch(/Usage: medconnect/);
    const unknown = medconnect('frobnicate');
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toMatch(/Unknown command/);
  });
});
