// Proves, record by record, that the database matches the chain: each record version and audit event
// is decrypted or re-hashed, its leaf recomputed, its proof checked against its batch root, and the root
// checked on chain. Tampering is named down to the record; nothing is changed. The records of an erased
// patient cannot be decrypted any more (their data key was destroyed): their stored hash must still
// match their leaf and the leaf its anchored root, and they are reported `erased`, not TAMPERED.
import { contentHash, decryptRecord, recordLeaf, verifyMerkleProof, type Hex } from '@medconnect/core';
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Address } from 'viem';
import { anchorLogAbi } from '@medconnect/contracts';
import type { Chain } from '../../chain/client.ts';
import type { Database } from '../../db/client.ts';
import { auditEvents, batches, leafProofs, outbox, patientKeys, patients, resources } from '../../db/schema.ts';
import { auditContent, auditLeafInput } from '../../repository/audit-log.ts';
import { recordLeafInput, type FhirResource } from '../../repository/clinical-store.ts';
import type { Keyring } from '../../repository/keyring.ts';
import { checkBatchLeaves, checkBatchOnChain, type BatchCheck } from './batch-roots.ts';

/** `erased`: a record version of an erased patient, its leaf proven against its anchored root, its content destroyed. */
export type ItemStatus = 'verified' | 'erased' | 'pending' | 'missing' | 'TAMPERED';
export type ItemReport = { kind: 'record' | 'audit' | 'batch'; id: string; version?: number; status: ItemStatus; reason?: string };
export type IntegrityReport = {
  checkedAt: string;
  chainId: number;
  summary: Record<ItemStatus, number>;
  items: ItemReport[];
};

export async function verifyIntegrity(
  { db, keyring, chain, anchorLog }: { db: Database; keyring: Keyring; chain: Chain; anchorLog: Address },
  { patientId }: { patientId?: string } = {},
): Promise<IntegrityReport> {
  const [batchRows, proofRows, outboxRows, rootCount, chainId, erasedRows] = await Promise.all([
    db.select().from(batches),
    db.select().from(leafProofs),
    db.select().from(outbox).orderBy(asc(outbox.id)),
    chain.publicClient.readContract({ address: anchorLog, abi: anchorLogAbi, functionName: 'rootCount' }),
    chain.publicClient.getChainId(),
    // Erased on purpose: the key is gone, its destruction and the patient's erasure recorded (a key
    // missing without both is reported as tampering; a key still there is used).
    db
      .select({ id: patients.id })
      .from(patients)
      .innerJoin(patientKeys, eq(patientKeys.patientId, patients.id))
      .where(and(isNotNull(patients.erasedAt), isNotNull(patientKeys.destroyedAt), isNull(patientKeys.wrappedKey))),
  ]);
  const erasedPatients = new Set(erasedRows.map((row) => row.id));
  const batchById = new Map(batchRows.map((b) => [b.id, b]));
  const proofByLeaf = new Map(proofRows.map((p) => [p.leaf, p]));
  const outboxByLeaf = new Map(outboxRows.map((o) => [o.leaf, o]));
  const batchChecks = new Map<number, BatchCheck>();
  for (const batch of batchRows) batchChecks.set(batch.id, await checkBatchOnChain(chain, anchorLog, batch, rootCount));

  const items: ItemReport[] = [];
  const seenLeaves = new Set<string>();

  /** Common tail of every item: outbox entry, proof, batch root, chain. */
  function anchorStatus(leaf: string, entity: { type: string; id: string; version: number }): Omit<ItemReport, 'kind' | 'id'> {
    seenLeaves.add(leaf);
    const queued = outboxByLeaf.get(leaf);
    if (!queued) return { status: 'TAMPERED', reason: 'no outbox entry: not written through MedConnect' };
    if (queued.entityType !== entity.type || queued.entityId !== entity.id || queued.entityVersion !== entity.version) {
      return { status: 'TAMPERED', reason: 'its outbox entry belongs to another item' };
    }
    const batch = queued.batchId === null ? undefined : batchById.get(queued.batchId);
    if (!batch) return { status: 'pending' };
    const check = batchChecks.get(batch.id)!;
    if (check.state === 'pending') return { status: 'pending' };
    const proof = proofByLeaf.get(leaf);
    if (!proof || proof.batchId !== batch.id) return { status: 'TAMPERED', reason: `its proof in batch ${batch.id} is gone` };
    if (!verifyMerkleProof(leaf as Hex, proof.proof as Hex[], batch.root as Hex)) {
      return { status: 'TAMPERED', reason: `its proof does not lead to the root of batch ${batch.id}` };
    }
    if (check.state === 'missing') return { status: 'missing', reason: check.reason };
    if (check.state === 'tampered') return { status: 'TAMPERED', reason: check.reason };
    return { status: 'verified' };
  }

  /** A record version whose content was destroyed: only its stored hash, leaf and anchor can be checked. */
  function erasedStatus(row: { id: string; version: number; contentHash: string; leaf: string }): Omit<ItemReport, 'kind' | 'id'> {
    if (recordLeaf(recordLeafInput(row.id, row.version, row.contentHash as Hex)) !== row.leaf) {
      seenLeaves.add(row.leaf);
      return { status: 'TAMPERED', reason: 'the stored leaf does not match its stored hash' };
    }
    const anchored = anchorStatus(row.leaf, { type: 'record', id: row.id, version: row.version });
    if (anchored.status === 'verified') return { status: 'erased', reason: 'content erased; its leaf is anchored' };
    if (anchored.status === 'pending') return { status: 'pending', reason: 'content erased; its leaf is not anchored yet' };
    return anchored;
  }

  // Record versions
  const recordRows = await db
    .select()
    .from(resources)
    .where(patientId ? eq(resources.patientId, patientId) : undefined)
    .orderBy(asc(resources.patientId), asc(resources.id), asc(resources.version));
  const keys = new Map<string, Uint8Array | null>();
  const versionsSeen = new Map<string, number[]>();
  for (const row of recordRows) {
    versionsSeen.set(row.id, [...(versionsSeen.get(row.id) ?? []), row.version]);
    const item = { kind: 'record', id: row.id, version: row.version } as const;
    if (erasedPatients.has(row.patientId)) {
      items.push({ ...item, ...erasedStatus(row) });
      continue;
    }
    if (!keys.has(row.patientId)) keys.set(row.patientId, await keyring.dataKey(db, row.patientId).catch(() => null));
    const dataKey = keys.get(row.patientId);
    let recomputed: Hex;
    try {
      if (!dataKey) throw new Error('no key');
      const plaintext = decryptRecord(dataKey, row.ciphertext, { patientId: row.patientId, recordId: row.id, version: row.version });
      const sealed = JSON.parse(new TextDecoder().decode(plaintext)) as { salt: string; resource: FhirResource };
      recomputed = contentHash(Buffer.from(sealed.salt, 'base64'), sealed.resource);
    } catch {
      seenLeaves.add(row.leaf);
      items.push({ ...item, status: 'TAMPERED', reason: 'the stored ciphertext does not decrypt' });
      continue;
    }
    if (recomputed !== row.contentHash) {
      seenLeaves.add(row.leaf);
      items.push({ ...item, status: 'TAMPERED', reason: 'the content does not match its stored hash' });
      continue;
    }
    if (recordLeaf(recordLeafInput(row.id, row.version, recomputed)) !== row.leaf) {
      seenLeaves.add(row.leaf);
      items.push({ ...item, status: 'TAMPERED', reason: 'the stored leaf does not match the content' });
      continue;
    }
    items.push({ ...item, ...anchorStatus(row.leaf, { type: 'record', id: row.id, version: row.version }) });
  }
  const gaps: ItemReport[] = [];
  for (const [id, versions] of versionsSeen) {
    const present = new Set(versions);
    for (let version = 1; version < Math.max(...versions); version++) {
      if (!present.has(version)) gaps.push({ kind: 'record', id, version, status: 'TAMPERED', reason: `version ${version} is missing` });
    }
  }

  // Audit events
  const auditRows = await db
    .select()
    .from(auditEvents)
    .where(patientId ? eq(auditEvents.patientId, patientId) : undefined)
    .orderBy(asc(auditEvents.seq));
  for (const row of auditRows) {
    const item = { kind: 'audit', id: row.id, version: row.seq } as const;
    const hash = contentHash(row.salt, auditContent(row));
    seenLeaves.add(row.leaf);
    if (hash !== row.contentHash || recordLeaf(auditLeafInput(row.id, row.seq, hash)) !== row.leaf) {
      items.push({ ...item, status: 'TAMPERED', reason: 'the event does not match its anchored fingerprint' });
      continue;
    }
    items.push({ ...item, ...anchorStatus(row.leaf, { type: 'audit', id: row.id, version: row.seq }) });
  }

  // Leaves the outbox knows but whose record or event has disappeared.
  const scopedIds = patientId ? new Set([...recordRows.map((r) => r.id), ...auditRows.map((a) => a.id)]) : undefined;
  for (const queued of outboxRows) {
    if (seenLeaves.has(queued.leaf)) continue;
    if (scopedIds && !scopedIds.has(queued.entityId)) continue;
    const kind = queued.entityType === 'audit' ? 'audit' : 'record';
    const what = kind === 'audit' ? `audit event #${queued.entityVersion}` : `version ${queued.entityVersion}`;
    items.push({ kind, id: queued.entityId, version: queued.entityVersion, status: 'TAMPERED', reason: `${what} was deleted` });
  }

  // Batches: their leaves must rebuild their roots (full checks only).
  if (!patientId) {
    const leavesByBatch = new Map<number, Hex[]>();
    for (const queued of outboxRows) {
      if (queued.batchId !== null) leavesByBatch.set(queued.batchId, [...(leavesByBatch.get(queued.batchId) ?? []), queued.leaf as Hex]);
    }
    for (const batch of batchRows) {
      const problem = checkBatchLeaves(batch, leavesByBatch.get(batch.id) ?? []);
      if (problem) items.push({ kind: 'batch', id: String(batch.id), status: 'TAMPERED', reason: problem });
    }
  }

  // A gap already explained by a deleted outbox-known version is reported once.
  for (const gap of gaps) {
    if (!items.some((i) => i.kind === 'record' && i.id === gap.id && i.version === gap.version)) items.push(gap);
  }

  const summary: Record<ItemStatus, number> = { verified: 0, erased: 0, pending: 0, missing: 0, TAMPERED: 0 };
  for (const item of items) summary[item.status]++;
  return { checkedAt: new Date().toISOString(), chainId, summary, items };
}
