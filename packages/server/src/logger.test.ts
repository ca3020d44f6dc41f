// Logs are for operators: they must never carry health data, keys or tokens, whatever happens.
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { createLogger } from './logger.ts';
import { importBundle } from './modules/records/import-bundle.ts';
import { systemActor } from './repository/actor.ts';
import { observation } from './testing/fixtures.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from './testing/test-platform.ts';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString());
    done();
  },
});
let t: TestPlatform;
const canary = `CANARY-${randomUUID()}`;
const operatorToken = randomBytes(32).toString('base64url');

beforeAll(async () => {
  const log = createLogger('trace', sink);
  t = await openTestPlatform({ log, startRelayer: true });
});
afterAll(() => t.close());

describe('logs', () => {
  it('carry no health data, keys or tokens through writes, reads, errors and anchoring', async () => {
    const app = await buildApp(t.platform, { operatorToken });
    const patient = await t.platform.patients.register();
    const importer = systemActor('importer', 'import');
    const [written] = await t.platform.store.create(importer, patient.id, [{ resource: observation(canary), source: 'test' }]);
    await expect(
      importBundle(t.platform.store, importer, patient.id, { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { note: canary } }] }, 'x'),
    ).rejects.toThrow();
    await app.inject(`/api/records/${written!.id}/proof`);
    await app.inject({ url: `/api/operator/integrity`, headers: { authorization: `Bearer ${operatorToken}` } });
    await app.inject({ url: `/api/records/${canary}/proof` });
    await app.inject({ method: 'POST', url: '/readyz', payload: { canary } });
    await drainOutbox(t.platform);
    await app.close();

    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(5); // requests and anchoring were logged at all
    expect(text).toContain('batch anchored');
    expect(text).not.toContain(canary.slice(8)); // the unique part, even inside a URL
    expect(text).not.toContain(operatorToken);
    expect(text).not.toContain(Buffer.from(t.platform.keyring.newWrappedKey('x')).toString('hex').slice(0, 16));
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
