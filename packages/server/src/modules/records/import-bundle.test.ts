import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../db/schema.ts';
import { systemActor, type Actor } from '../../repository/actor.ts';
import { syntheaBundle } from '../../testing/fixtures.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { importBundle } from './import-bundle.ts';

let t: TestPlatform;
const importer = systemActor('importer', 'import');

beforeAll(async () => {
  t = await openTestPlatform();
});
afterAll(() => t.close());

describe('FHIR bundle import', () => {
  it('loads a Synthea patient into one record with every urn:uuid reference resolved', async () => {
    const bundle = syntheaBundle(0) as { entry: { resource: { resourceType: string } }[] };
    const patient = await t.platform.patients.register();
    const written = await importBundle(t.platform.store, importer, patient.id, bundle, 'synthea');
    expect(written).toHaveLength(bundle.entry.length);

    const self: Actor = { id: 'user:p', role: 'patient', patientId: patient.id, purpose: 'patient-request' };
    const record = await t.platform.store.listForPatient(self, patient.id);
    expect(record).toHaveLength(bundle.entry.length);
    const text = JSON.stringify(record.map((r) => r.resource));
    expect(text).not.toContain('urn:uuid:');
    const ids = new Set(record.map((r) => `${r.resourceType}/${r.id}`));
    const references = [...text.matchAll(/"reference":"([A-Za-z]+\/[0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThan(100);
    expect(references.every((ref) => ids.has(ref))).toBe(true);
    expect(record.filter((r) => r.resourceType === 'Patient')).toHaveLength(1);
    expect(record.every((r) => r.source === 'synthea')).toBe(true);
  });

  it.each([
    ['not a bundle', { resourceType: 'Patient' }, /Expected a FHIR Bundle/],
    ['an unsupported bundle type', { resourceType: 'Bundle', type: 'history', entry: [] }, /cannot be imported/],
    ['an empty bundle', { resourceType: 'Bundle', type: 'transaction', entry: [] }, /no entries/],
    ['an entry without a resource', { resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:1' }] }, /entry 0 has no resource/],
  ])('refuses %s with a clear message and writes nothing', async (_name, bundle, message) => {
    const patient = await t.platform.patients.register();
    const [before] = await t.platform.db.select({ n: count() }).from(resources);
    await expect(importBundle(t.platform.store, importer, patient.id, bundle, 'test')).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(message) as unknown,
    });
    const [after] = await t.platform.db.select({ n: count() }).from(resources);
    expect(after!.n).toBe(before!.n);
  });
});
