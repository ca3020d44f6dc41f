// The master key (KEK) that wraps every patient's data key: MASTER_KEY, or a key file generated on
// first start under DATA_DIR with mode 0600. It is never logged.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadMasterKey(masterKeyHex: string | undefined, dataDir: string): Uint8Array {
  if (masterKeyHex) return Buffer.from(masterKeyHex.replace(/^0x/, ''), 'hex');
  const path = join(dataDir, 'master.key');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    throw new Error(`${path} must be readable by its owner only (chmod 600)`);
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte hex key`);
  return key;
}
