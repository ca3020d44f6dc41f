import { randomBytes } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnvil } from '../../chain/anvil.ts';
import { connectChain } from '../../chain/client.ts';
import { devRelayerKey, ensureDevContracts } from '../../chain/deploy.ts';
import { auditEvents, leafProofs, outbox, patientKeys, patients } from '../../db/schema.ts';
import { systemActor } from '../../repository/actor.ts';
import { observation } from '../../testing/fixtures.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { verifyIntegrity, type IntegrityReport } from './verify-integrity.ts';

let t: TestPlatform;
let records: { id: string; leaf: string }[];
const verify = (chain = t.platform.chain) =>
  verifyIntegrity({ db: t.platform.db, keyring: t.platform.keyring, chain, anchorLog: t.platform.addresses.anchorLog });

/** Tampering as an attacker with full database rights would: append-only triggers bypassed. */
const tamper = (statement: SQL) =>
  t.platform.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });

const flagged = (report: IntegrityReport) =>
  report.items
    .filter((i) => i.status === 'TAMPERED')
    .map((i) => `${i.kind}:${i.id}:${i.version ?? ''}`)
    .sort();

beforeAll(async () => {
  t = await openTestPlatform({ env: { BATCH_MAX_LEAVES: '8' } });
  const patient = await t.platform.patients.register();
  const importer = systemActor('importer', 'import');
  records = [];
  for (let i = 0; i < 40; i++) {
    const [written] = await t.platform.store.create(importer, patient.id, [{ resource: observation(`r${i}`, i), source: 'test' }]);
    records.push(written!);
  }
  await drainOutbox(t.platform);
});
afterAll(() => t.close());

describe('integrity verification', () => {
  it('reports every untouched record and audit event verified', async () => {
    const report = await verify();
    expect(report.summary).toEqual({ verified: 80, erased: 0, pending: 0, missing: 0, TAMPERED: 0 });
  });

  it('reports a record written but not yet anchored as pending', async () => {
    const patient = await t.platform.patients.register();
    const [written] = await t.platform.store.create(systemActor('importer', 'import'), patient.id, [
      { resource: observation('p'), source: 'test' },
    ]);
    const report = await verify();
    expect(report.items.find((i) => i.id === written!.id)?.status).toBe('pending');
    await drainOutbox(t.platform);
    expect((await verify()).summary.TAMPERED).toBe(0);
  });

  it('names each tampered record, event and batch exactly, with no false alarms', async () => {
    const batchOf = async (leaf: string) =>
      (await t.platform.db.select().from(leafProofs).where(eq(leafProofs.leaf, leaf)))[0]!.batchId;
    const rewrittenBatch = await batchOf(records[30]!.leaf);
    const inRewrittenBatch = await t.platform.db.select().from(outbox).where(eq(outbox.batchId, rewrittenBatch));
    const safe = records.filter((r) => !inRewrittenBatch.some((o) => o.leaf === r.leaf));
    const [flip, rehash, removed, forged] = safe;
    const audits = (await t.platform.db.select().from(auditEvents).orderBy(auditEvents.seq)).filter(
      (a) => !inRewrittenBatch.some((o) => o.leaf === a.leaf),
    );
    const [swapA, swapB, deletedAudit] = [audits[1]!, audits[2]!, audits[5]!];

    await tamper(sql`update resources set ciphertext = set_byte(ciphertext, 20, get_byte(ciphertext, 20) # 1) where id = ${flip!.id}`);
    await tamper(sql`update resources set content_hash = ${'0x' + randomBytes(32).toString('hex')} where id = ${rehash!.id}`);
    await tamper(sql`delete from resources where id = ${removed!.id}`);
    await tamper(sql`insert into resources (id, version, patient_id, resource_type, author_id, source, recorded_at, ciphertext, content_hash, leaf)
      select id, 2, patient_id, resource_type, author_id, source, recorded_at, ciphertext, content_hash, ${'0x' + randomBytes(32).toString('hex')}
      from resources where id = ${forged!.id}`);
    await tamper(sql`update batches set root = ${'0x' + randomBytes(32).toString('hex')} where id = ${rewrittenBatch}`);
    await tamper(sql`update audit_events set seq = -1 where id = ${swapA.id}`);
    await tamper(sql`update audit_events set seq = ${swapA.seq} where id = ${swapB.id}`);
    await tamper(sql`update audit_events set seq = ${swapB.seq} where id = ${swapA.id}`);
    await tamper(sql`delete from audit_events where id = ${deletedAudit.id}`);

    const report = await verify();
    const expected = [
      `record:${flip!.id}:1`,
      `record:${rehash!.id}:1`,
      `record:${removed!.id}:1`,
      `record:${forged!.id}:2`,
      `audit:${swapA.id}:${swapB.seq}`,
      `audit:${swapB.id}:${swapA.seq}`,
      `audit:${deletedAudit.id}:${deletedAudit.seq}`,
      `batch:${rewrittenBatch}:`,
      ...inRewrittenBatch.map((o) => `${o.entityType}:${o.entityId}:${o.entityVersion}`),
    ].sort();
    expect(flagged(report)).toEqual(expected);
    const reasons = new Map(report.items.map((i) => [`${i.kind}:${i.id}:${i.version ?? ''}`, i.reason]));
    expect(reasons.get(`record:${flip!.id}:1`)).toMatch(/does not decrypt/);
    expect(reasons.get(`record:${rehash!.id}:1`)).toMatch(/does not match its stored hash/);
    expect(reasons.get(`record:${removed!.id}:1`)).toMatch(/deleted/);
    // A copied ciphertext is bound to its own version, so the forgery cannot even be decrypted.
    expect(reasons.get(`record:${forged!.id}:2`)).toMatch(/does not decrypt/);
    expect(reasons.get(`batch:${rewrittenBatch}:`)).toMatch(/leaves no longer build its root/);
    const untouched = report.items.filter((i) => !expected.includes(`${i.kind}:${i.id}:${i.version ?? ''}`));
    expect(untouched.every((i) => i.status === 'verified')).toBe(true);
    expect(untouched.length).toBeGreaterThan(50);
  });

  it('reports records as missing, not verified, against a chain that lost their roots', async () => {
    const fresh = await startAnvil();
    try {
      const chain = connectChain({ rpcUrl: fresh.rpcUrl, relayerKey: devRelayerKey });
      await ensureDevContracts(chain);
      const report = await verify(chain);
      expect(report.summary.verified).toBe(0);
      expect(report.summary.missing).toBeGreaterThan(0);
    } finally {
      await fresh.stop();
    }
  });

  it("reports an erased patient's records as erased, their audit events as verified", async () => {
    const patient = await t.platform.patients.register();
    const written = await t.platform.store.create(systemActor('importer', 'import'), patient.id, [
      { resource: observation('e1'), source: 'test' },
      { resource: observation('e2'), source: 'test' },
    ]);
    await drainOutbox(t.platform);
    // What an erasure does to the key and the patient (modules/erasure covers the whole of it).
    await t.platform.db.transaction(async (tx) => {
      await tx.update(patientKeys).set({ wrappedKey: null, destroyedAt: sql`now()` }).where(eq(patientKeys.patientId, patient.id));
      await tx.update(patients).set({ erasedAt: sql`now()` }).where(eq(patients.id, patient.id));
    });
    const report = await verifyIntegrity(
      { db: t.platform.db, keyring: t.platform.keyring, chain: t.platform.chain, anchorLog: t.platform.addresses.anchorLog },
      { patientId: patient.id },
    );
    expect(report.summary).toMatchObject({ erased: 2, TAMPERED: 0, pending: 0, missing: 0 });
    expect(report.items.filter((i) => i.kind === 'record').map((i) => [i.id, i.status]).sort()).toEqual(
      written.map((w) => [w.id, 'erased']).sort(),
    );
    expect(report.items.filter((i) => i.kind === 'audit').every((i) => i.status === 'verified')).toBe(true);
    expect(report.items.some((i) => i.kind === 'audit')).toBe(true);
  });

  it('still names records whose key vanished without an erasure', async () => {
    const patient = await t.platform.patients.register();
    const [written] = await t.platform.store.create(systemActor('importer', 'import'), patient.id, [
      { resource: observation('k'), source: 'test' },
    ]);
    await tamper(sql`update patient_keys set wrapped_key = null where patient_id = ${patient.id}`);
    const report = await verifyIntegrity(
      { db: t.platform.db, keyring: t.platform.keyring, chain: t.platform.chain, anchorLog: t.platform.addresses.anchorLog },
      { patientId: patient.id },
    );
    const item = report.items.find((i) => i.id === written!.id);
    expect(item?.status).toBe('TAMPERED');
    expect(item?.reason).toMatch(/does not decrypt/);
    expect(report.summary.erased).toBe(0);
  });
});
