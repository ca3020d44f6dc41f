// Appends audit events. Each event is hashed with a fresh salt, chained into the sequence by its
// number, and enqueued for anchoring in the same transaction as the access it records.
import { randomUUID } from 'node:crypto';
import { contentHash, newSalt, recordLeaf, type Hex } from '@medconnect/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { auditEvents } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { enqueueLeaves } from './outbox.ts';

export type AuditEntry = {
  action: string;
  outcome: 'success' | 'denied' | 'failed';
  patientId?: string | undefined;
  entityType: string;
  entityId?: string | undefined;
  entityVersion?: number | undefined;
};

/** The fields an audit event's content hash covers, in the form that is hashed. */
export function auditContent(row: {
  id: string;
  seq: number;
  recordedAt: Date;
  actorId: string;
  actorRole: string;
  action: string;
  outcome: string;
  purpose: string;
  patientId: string | null;
  entityType: string;
  entityId: string | null;
  entityVersion: number | null;
  sourceIp: string | null;
}) {
  return {
    id: row.id,
    seq: row.seq,
    recordedAt: row.recordedAt.toISOString(),
    actorId: row.actorId,
    actorRole: row.actorRole,
    action: row.action,
    outcome: row.outcome,
    purpose: row.purpose,
    patientId: row.patientId,
    entityType: row.entityType,
    entityId: row.entityId,
    entityVersion: row.entityVersion,
    sourceIp: row.sourceIp,
  };
}

export const auditLeafInput = (id: string, seq: number, hash: Hex) =>
  ({ kind: 'audit', id, version: seq, contentHash: hash }) as const;

export async function appendAudit(tx: Executor, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const numbers = await queryRows<{ seq: string; now: Date | string }>(
    tx,
    sql`select nextval('audit_seq')::text as seq, now() as now from generate_series(1, ${entries.length})`,
  );
  const rows = entries.map((entry, i) => {
    const allocated = numbers[i];
    if (!allocated) throw new Error('audit sequence allocation failed');
    const fields = {
      id: randomUUID(),
      seq: Number(allocated.seq),
      recordedAt: new Date(allocated.now),
      actorId: actor.id,
      actorRole: actor.role,
      action: entry.action,
      outcome: entry.outcome,
      purpose: actor.purpose,
      patientId: entry.patientId ?? null,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      entityVersion: entry.entityVersion ?? null,
      sourceIp: actor.sourceIp ?? null,
    };
    const salt = newSalt();
    const hash = contentHash(salt, auditContent(fields));
    return { ...fields, salt, contentHash: hash, leaf: recordLeaf(auditLeafInput(fields.id, fields.seq, hash)) };
  });
  await tx.insert(auditEvents).values(rows);
  await enqueueLeaves(
    tx,
    rows.map((row) => ({ entityType: 'audit', entityId: row.id, entityVersion: row.seq, leaf: row.leaf })),
  );
}
