// The operator token lets local tools (such as `medconnect verify`) ask a running server for
// operations that need its database. It lives in DATA_DIR with mode 0600: whoever can read the data
// directory can already read the database, so the token grants nothing more.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const operatorTokenPath = (dataDir: string) => join(dataDir, 'operator.token');
export const serverInfoPath = (dataDir: string) => join(dataDir, 'server.json');

export function issueOperatorToken(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(operatorTokenPath(dataDir), token, { mode: 0o600 });
  return token;
}

export function readOperatorToken(dataDir: string): string {
  return readFileSync(operatorTokenPath(dataDir), 'utf8').trim();
}

export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
