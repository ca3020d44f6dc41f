import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox, resources } from '../db/schema.ts';
import { observation } from '../testing/fixtures.ts';
import { openTestPlatform, type TestPlatform } from '../testing/test-platform.ts';
import { systemActor, type Actor } from './actor.ts';

let t: TestPlatform;
let alice: { id: string; healthId: string };
let bob: { id: string; healthId: string };
const importer = systemActor('importer', 'import');
const asPatient = (patientId: string): Actor => ({ id: `user:${patientId}`, role: 'patient', patientId, purpose: 'patient-request' });

beforeAll(async () => {
  t = await openTestPlatform();
  alice = await t.platform.patients.register();
  bob = await t.platform.patients.register();
});
afterAll(() => t.close());

describe('clinical store', () => {
  it('writes a version, its audit event and both outbox rows in one transaction', async () => {
    const [written] = await t.platform.store.create(importer, alice.id, [{ resource: observation('c1'), source: 'test' }]);
    const rows = await t.platform.db.select().from(outbox).where(eq(outbox.entityId, written!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.leaf).toBe(written!.leaf);
    const audits = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.entityId, written!.id));
    expect(audits.map((a) => [a.action, a.outcome, a.actorId])).toEqual([['create', 'success', 'system:importer']]);
    const auditOutbox = await t.platform.db.select().from(outbox).where(eq(outbox.entityId, audits[0]!.id));
    expect(auditOutbox).toHaveLength(1);
  });

  it('stores only ciphertext: a canary string never appears in the database', async () => {
    const canary = `CANARY-${randomUUID()}`;
    await t.platform.store.create(importer, alice.id, [{ resource: observation(canary), source: 'test' }]);
    const dump = JSON.stringify(
      await t.platform.db.execute(sql`select r::text from resources r union all select a::text from audit_events a union all select o::text from outbox o`),
    );
    expect(dump).not.toContain(canary);
    expect(dump).not.toContain(Buffer.from(canary).toString('hex'));
  });

  it('lets the patient read their record, and audits the read', async () => {
    const [written] = await t.platform.store.create(importer, alice.id, [{ resource: observation('c2', 131), source: 'test' }]);
    const read = await t.platform.store.read(asPatient(alice.id), written!.id);
    expect(read.resource).toMatchObject({ resourceType: 'Observation', id: written!.id, valueQuantity: { value: 131 } });
    expect(read.resource.meta).toMatchObject({ versionId: '1' });
    const audits = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.entityId, written!.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'read']);
  });

  it('answers another patient, a system component and a missing record alike: not found, audited as denied', async () => {
    const [written] = await t.platform.store.create(importer, alice.id, [{ resource: observation('c3'), source: 'test' }]);
    const attempts = [
      () => t.platform.store.read(asPatient(bob.id), written!.id),
      () => t.platform.store.read(importer, written!.id),
      () => t.platform.store.read(asPatient(bob.id), randomUUID()),
      () => t.platform.store.history(asPatient(bob.id), written!.id),
      () => t.platform.store.listForPatient(asPatient(bob.id), alice.id),
      () => t.platform.store.amend(asPatient(bob.id), written!.id, observation('x'), 'test'),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ status: 404, message: 'Record not found' });
    }
    const denied = await t.platform.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.outcome, 'denied'));
    expect(denied[0]!.n).toBeGreaterThanOrEqual(attempts.length);
  });

  it('appends versions; earlier versions stay readable and unchanged', async () => {
    const [written] = await t.platform.store.create(importer, alice.id, [{ resource: observation('v', 140), source: 'test' }]);
    const patient = asPatient(alice.id);
    await t.platform.store.amend(patient, written!.id, observation('v', 128), 'patient');
    const history = await t.platform.store.history(patient, written!.id);
    expect(history.map((h) => [h.version, (h.resource.valueQuantity as { value: number }).value])).toEqual([
      [1, 140],
      [2, 128],
    ]);
    expect((await t.platform.store.read(patient, written!.id, 1)).resource.valueQuantity).toEqual({ value: 140, unit: 'mm[Hg]' });
  });

  it('refuses a stale version and a change of resource type, writing nothing', async () => {
    const [written] = await t.platform.store.create(importer, alice.id, [{ resource: observation('s'), source: 'test' }]);
    const patient = asPatient(alice.id);
    await t.platform.store.amend(patient, written!.id, observation('s', 1), 'patient', 1);
    await expect(t.platform.store.amend(patient, written!.id, observation('s', 2), 'patient', 1)).rejects.toMatchObject({ status: 409 });
    await expect(
      t.platform.store.amend(patient, written!.id, { resourceType: 'Condition' }, 'patient'),
    ).rejects.toMatchObject({ status: 400 });
    const versions = await t.platform.db.select().from(resources).where(eq(resources.id, written!.id));
    expect(versions).toHaveLength(2);
  });

  it('the database itself refuses to update or delete a record version or an audit event', async () => {
    await expect(t.platform.db.execute(sql`update resources set source = 'x'`)).rejects.toThrow();
    await expect(t.platform.db.execute(sql`delete from resources`)).rejects.toThrow();
    await expect(t.platform.db.execute(sql`update audit_events set purpose = 'x'`)).rejects.toThrow();
    await expect(t.platform.db.execute(sql`delete from audit_events`)).rejects.toThrow();
  });

  it('rolls back everything when one resource of a batch is invalid', async () => {
    const before = await t.platform.db.select({ n: count() }).from(outbox);
    await expect(
      t.platform.store.create(importer, alice.id, [
        { resource: observation('ok'), source: 'test' },
        { resource: { resourceType: '' }, source: 'test' },
      ]),
    ).rejects.toMatchObject({ status: 400 });
    const after = await t.platform.db.select({ n: count() }).from(outbox);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('lists the latest version of each resource in a patient record', async () => {
    const carol = await t.platform.patients.register();
    const written = await t.platform.store.create(importer, carol.id, [
      { resource: observation('l1'), source: 'test' },
      { resource: { resourceType: 'Condition', code: { text: 'Hypertension' } }, source: 'test' },
    ]);
    await t.platform.store.amend(asPatient(carol.id), written[0]!.id, observation('l1', 99), 'patient');
    const list = await t.platform.store.listForPatient(asPatient(carol.id), carol.id);
    expect(list.map((r) => [r.resourceType, r.version]).sort()).toEqual([
      ['Condition', 1],
      ['Observation', 2],
    ]);
    const conditions = await t.platform.store.listForPatient(asPatient(carol.id), carol.id, { resourceType: 'Condition' });
    expect(conditions).toHaveLength(1);
  });
});
