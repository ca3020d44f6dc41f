import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { authorizationMatrix } from './authorization-matrix.ts';
import { systemActor } from './repository/actor.ts';
import type { UserRow } from './modules/accounts/repo.ts';
import { createTestUser, freshIp, openTestSession } from './testing/accounts.ts';
import { observation } from './testing/fixtures.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from './testing/test-platform.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let demoApp: Awaited<ReturnType<typeof buildApp>>;
let productionApp: Awaited<ReturnType<typeof buildApp>>;
let recordId: string;
const operatorToken = 'operator-token-for-tests-0123456789abcdef';
type Caller = 'anonymous' | 'half' | 'enrolling' | 'patient' | 'doctor' | 'registrar' | 'admin';
const people = new Map<Exclude<Caller, 'anonymous'>, { user: UserRow; mfaSatisfied: boolean }>();

beforeAll(async () => {
  t = await openTestPlatform();
  const webDist = join(t.dataDir, 'web');
  mkdirSync(webDist);
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>MedConnect</title>');
  app = await buildApp(t.platform, { operatorToken, webDist, logger: false });
  demoApp = await buildApp(t.platform, { operatorToken, webDist, logger: false, demo: true });
  productionApp = await buildApp({ ...t.platform, config: { ...t.platform.config, env: 'production' } }, { operatorToken, webDist, logger: false });
  const patient = await t.platform.patients.register();
  const [written] = await t.platform.store.create(systemActor('importer', 'import'), patient.id, [
    { resource: observation('x'), source: 'test' },
  ]);
  recordId = written!.id;
  // One person per kind of caller: a patient half-way through a TOTP sign-in, a doctor who has not
  // set up the TOTP the role requires, and fully signed-in patient, registrar and admin.
  people.set('half', { user: (await createTestUser(t.platform, { role: 'patient', totp: true })).user, mfaSatisfied: false });
  people.set('enrolling', { user: (await createTestUser(t.platform, { role: 'doctor' })).user, mfaSatisfied: true });
  people.set('patient', { user: (await createTestUser(t.platform, { role: 'patient' })).user, mfaSatisfied: true });
  people.set('doctor', { user: (await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true })).user, mfaSatisfied: true });
  people.set('registrar', { user: (await createTestUser(t.platform, { role: 'registrar', totp: true })).user, mfaSatisfied: true });
  people.set('admin', { user: (await createTestUser(t.platform, { role: 'admin', totp: true })).user, mfaSatisfied: true });
});
afterAll(async () => {
  await Promise.all([app.close(), demoApp.close(), productionApp.close()]);
  await t.close();
});

const example = (url: string) =>
  url.replace(':id', url.startsWith('/api/records') ? recordId : randomUUID()).replace(':userId', randomUUID()).replace('*', 'index.html');

/** Calls a route as `caller`, from an address of its own (so rate limits stay out of the way), with a fresh session. */
async function call(target: typeof app, route: string, caller: Caller) {
  const [method, url] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
  const person = caller === 'anonymous' ? undefined : people.get(caller)!;
  const session = person ? await openTestSession(t.platform, person.user, { mfaSatisfied: person.mfaSatisfied }) : undefined;
  const withBody = method === 'POST' || method === 'PATCH';
  return target.inject({
    method,
    url: example(url),
    remoteAddress: freshIp(),
    headers: { ...session?.headers, ...(withBody ? { 'content-type': 'application/json' } : {}) },
    ...(withBody ? { payload: '{}' } : {}),
  });
}

const allowed = (status: number) => status !== 401 && status !== 403 && status < 500;

async function expectDenied(response: Awaited<ReturnType<typeof call>>, status: 401 | 403 | 404 | 409) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(Object.keys(response.json<object>()).sort()).toEqual(['detail', 'status', 'title', 'type']);
}

describe('authorization matrix', () => {
  it('lists every registered route, and only those', async () => {
    await Promise.all([app.ready(), demoApp.ready()]);
    const registered = new Set([...app.registeredRoutes, ...demoApp.registeredRoutes].map((r) => `${r.method} ${r.url}`));
    const unlisted = [...registered].filter((route) => !(route in authorizationMatrix));
    expect(unlisted).toEqual([]);
    const stale = Object.keys(authorizationMatrix).filter((route) => !registered.has(route));
    expect(stale).toEqual([]);
  });

  it.each(Object.entries(authorizationMatrix))('%s answers as the matrix says (%s)', async (route, access) => {
    const as = (caller: Caller, target = app) => call(target, route, caller);
    switch (access) {
      case 'public':
        expect(allowed((await as('anonymous')).statusCode)).toBe(true);
        break;
      case 'operator': {
        const [method, url] = route.split(' ') as ['GET', string];
        const anonymous = await app.inject({ method, url: example(url) });
        expect(anonymous.statusCode).toBe(401);
        expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
        const wrong = await app.inject({ method, url: example(url), headers: { authorization: 'Bearer nope' } });
        expect(wrong.statusCode).toBe(401);
        const right = await app.inject({ method, url: example(url), headers: { authorization: `Bearer ${operatorToken}` } });
        expect(right.statusCode).toBe(200);
        break;
      }
      case 'second-factor':
        await expectDenied(await as('anonymous'), 401);
        await expectDenied(await as('patient'), 409);
        expect(allowed((await as('half')).statusCode)).toBe(true);
        break;
      case 'any-session':
        await expectDenied(await as('anonymous'), 401);
        for (const caller of ['half', 'enrolling', 'patient'] as const) expect(allowed((await as(caller)).statusCode), caller).toBe(true);
        break;
      case 'enrolling':
        await expectDenied(await as('anonymous'), 401);
        await expectDenied(await as('half'), 401);
        for (const caller of ['enrolling', 'patient'] as const) expect(allowed((await as(caller)).statusCode), caller).toBe(true);
        break;
      case 'signed-in':
        await expectDenied(await as('anonymous'), 401);
        await expectDenied(await as('half'), 401);
        await expectDenied(await as('enrolling'), 403);
        for (const caller of ['patient', 'registrar', 'admin'] as const) expect(allowed((await as(caller)).statusCode), caller).toBe(true);
        break;
      case 'patient':
        await expectDenied(await as('anonymous'), 401);
        await expectDenied(await as('half'), 401);
        for (const caller of ['enrolling', 'doctor', 'registrar', 'admin'] as const) await expectDenied(await as(caller), 403);
        expect(allowed((await as('patient')).statusCode)).toBe(true);
        break;
      case 'admin':
        await expectDenied(await as('anonymous'), 401);
        await expectDenied(await as('half'), 401);
        for (const caller of ['enrolling', 'patient', 'registrar'] as const) await expectDenied(await as(caller), 403);
        expect(allowed((await as('admin')).statusCode)).toBe(true);
        break;
      case 'doctor':
        await expectDenied(await as('anonymous'), 401);
        await expectDenied(await as('half'), 401);
        for (const caller of ['enrolling', 'patient', 'registrar', 'admin'] as const) await expectDenied(await as(caller), 403);
        expect(allowed((await as('doctor')).statusCode)).toBe(true);
        break;
      case 'clinician':
        await expectDenied(await as('anonymous'), 401);
        await expectDenied(await as('half'), 401);
        for (const caller of ['enrolling', 'patient', 'registrar', 'admin'] as const) await expectDenied(await as(caller), 403);
        expect(allowed((await as('doctor')).statusCode)).toBe(true);
        break;
      case 'professional':
        await expectDenied(await as('anonymous'), 401);
        await expectDenied(await as('half'), 401);
        for (const caller of ['enrolling', 'patient', 'registrar', 'admin'] as const) await expectDenied(await as(caller), 403);
        expect(allowed((await as('doctor')).statusCode)).toBe(true);
        break;
      case 'registrar':
        await expectDenied(await as('anonymous'), 401);
        await expectDenied(await as('half'), 401);
        for (const caller of ['enrolling', 'patient', 'doctor', 'admin'] as const) await expectDenied(await as(caller), 403);
        expect(allowed((await as('registrar')).statusCode)).toBe(true);
        break;
      case 'docs':
        expect((await as('anonymous')).statusCode).toBeLessThan(400);
        expect((await as('anonymous', productionApp)).statusCode).toBe(404);
        break;
      case 'dev':
        expect(allowed((await as('anonymous')).statusCode)).toBe(true);
        expect((await as('anonymous', productionApp)).statusCode).toBe(404);
        break;
      case 'demo':
        expect((await as('anonymous')).statusCode).toBe(404);
        expect(allowed((await as('anonymous', demoApp)).statusCode)).toBe(true);
        break;
    }
  });
});

describe('routes', () => {
  it('GET /healthz and /readyz report the platform', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: { ok: true }, chain: { ok: true, chainId: 31337 } });
    // The record and its audit event, plus the audited account events of the matrix test.
    expect(ready.json<{ outbox: { backlog: number } }>().outbox.backlog).toBeGreaterThanOrEqual(2);
  });

  it('GET /metrics exposes the outbox backlog and request latency', async () => {
    const metrics = await app.inject('/metrics');
    expect(metrics.body).toMatch(/medconnect_outbox_backlog \d+/);
    expect(metrics.body).toContain('medconnect_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('medconnect_anchored_batches_total');
  });

  it('GET /api/records/:id/proof is pending before anchoring and verified on chain after', async () => {
    const before = await app.inject(`/api/records/${recordId}/proof`);
    expect(before.json()).toMatchObject({ status: 'pending', onChain: false, proof: [] });
    await drainOutbox(t.platform);
    const after = await app.inject(`/api/records/${recordId}/proof?version=1`);
    expect(after.statusCode).toBe(200);
    const body = after.json<{ root: string; transactionHash: string; onChain: boolean; leaf: string }>();
    expect(body).toMatchObject({ status: 'anchored', onChain: true, version: 1, chainId: 31337 });
    expect(body.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(Object.keys(body).sort()).toEqual(
      ['batchId', 'blockNumber', 'chainId', 'leaf', 'onChain', 'proof', 'recordId', 'root', 'status', 'transactionHash', 'version'].sort(),
    );
  });

  it.each([
    ['a malformed id', '/api/records/not-a-uuid/proof', 400, /params.id: must be a record id/],
    ['an unknown query field', `/api/records/${randomUUID()}/proof?include=all`, 400, /querystring/],
    ['a version that is not a number', `/api/records/${randomUUID()}/proof?version=abc`, 400, /version/],
    ['an unknown record', `/api/records/${randomUUID()}/proof`, 404, /No record with that id/],
    ['an unknown version', `/api/records/RECORD/proof?version=9`, 404, /No record with that id/],
    ['an unknown API route', '/api/nothing-here', 404, /No route GET \/api\/nothing-here/],
  ])('answers %s with a clear problem+json error', async (_name, url, status, detail) => {
    const response = await app.inject(url.replace('RECORD', recordId));
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = response.json<{ status: number; detail: string }>();
    expect(body.status).toBe(status);
    expect(body.detail).toMatch(detail);
    expect(response.body).not.toMatch(/at .*\.ts:\d+|node_modules|SELECT/i);
  });

  it('serves the web app for browser paths', async () => {
    const page = await app.inject('/verify');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>MedConnect</title>');
  });
});

describe('security headers', () => {
  it.each(['/healthz', '/readyz', `/api/records/${randomUUID()}/proof`, '/api/missing', '/', '/api/auth/session', '/api/auth/password-policy', '/api/dev/mailbox'])('%s carries them', async (url) => {
    const response = await app.inject(url);
    expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers.server).toBeUndefined();
  });

  it('refuses TRACE', async () => {
    const response = await app.inject({ method: 'TRACE', url: '/healthz' });
    expect(response.statusCode).toBe(405);
  });
});
