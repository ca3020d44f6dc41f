import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { DataDirLocked, lockDataDir } from './data-dir-lock.ts';

const dir = mkdtempSync(join(tmpdir(), 'medconnect-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded database directory lock', () => {
  it('lets a second opener fail fast with a clear message while the first is open, then open after it closes', async () => {
    const first = await openDatabase({ dataDir: join(dir, 'db') });
    const started = Date.now();
    await expect(openDatabase({ dataDir: join(dir, 'db') })).rejects.toThrow(/in use by another MedConnect process/);
    expect(Date.now() - started).toBeLessThan(1_000);
    await first.close();
    const again = await openDatabase({ dataDir: join(dir, 'db') });
    await again.close();
  });

  it('refuses a lock held by another live process', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      const path = join(dir, 'other.lock');
      writeFileSync(path, String(child.pid));
      expect(() => lockDataDir(path)).toThrow(DataDirLocked);
    } finally {
      child.kill();
    }
  });

  it('takes over a lock left by a process that died', () => {
    const path = join(dir, 'stale.lock');
    writeFileSync(path, '999999999');
    const release = lockDataDir(path);
    release();
  });
});
