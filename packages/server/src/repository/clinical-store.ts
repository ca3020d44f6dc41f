// The one door to clinical data. Every read and write of a patient's FHIR resources passes through
// here: access is checked (deny by default), the resource is encrypted under the patient's data key,
// each version gets its salted content hash and leaf, and an audit event is written, all in one
// transaction with the outbox rows that will anchor them.
import { randomUUID } from 'node:crypto';
import {
  Conflict,
  contentHash,
  decryptRecord,
  encryptRecord,
  Invalid,
  newSalt,
  NotFound,
  recordLeaf,
  type Hex,
} from '@medconnect/core';
import { and, asc, desc, eq } from 'drizzle-orm';
import { isUniqueViolation, type Database, type Executor } from '../db/client.ts';
import { resources } from '../db/schema.ts';
import { accessTo, mayRead, mayReadSome, type AccessAction, type PatientAccess } from './access-policy.ts';
import type { Actor } from './actor.ts';
import { appendAudit } from './audit-log.ts';
import type { Keyring } from './keyring.ts';
import { enqueueLeaves } from './outbox.ts';

export type FhirResource = { resourceType: string; id?: string; meta?: Record<string, unknown> } & Record<
  string,
  unknown
>;

export type StoredVersion = {
  id: string;
  version: number;
  patientId: string;
  resourceType: string;
  authorId: string;
  source: string;
  recordedAt: Date;
  leaf: string;
  resource: FhirResource;
};

export type NewResource = { id?: string; resource: FhirResource; source: string };

/** What is encrypted: the resource and the salt of its content hash (so a leaf reveals nothing). */
type SealedContent = { salt: string; resource: FhirResource };

export const recordLeafInput = (id: string, version: number, hash: Hex) =>
  ({ kind: 'record', id, version, contentHash: hash }) as const;

export type ClinicalStore = ReturnType<typeof createClinicalStore>;

export function createClinicalStore({ db, keyring }: { db: Database; keyring: Keyring }) {
  /** A refusal, raised inside a transaction and audited after it rolls back. */
  class Refusal extends Error {
    constructor(
      readonly action: AccessAction,
      readonly patientId: string | undefined,
      readonly entity: string | undefined,
    ) {
      super('Record not found');
    }
  }

  /**
   * Runs `work` in a transaction with the actor's access to the patient's record, looked up in that
   * same transaction. A refusal is audited in its own transaction and answered as "not found".
   */
  async function guarded<T>(
    actor: Actor,
    work: (
      tx: Executor,
      refuse: (action: AccessAction, patientId: string | undefined, entity?: string) => never,
    ) => Promise<T>,
  ): Promise<T> {
    const refuse = (action: AccessAction, patientId: string | undefined, entity?: string): never => {
      throw new Refusal(action, patientId, entity);
    };
    try {
      return await db.transaction((tx) => work(tx, refuse));
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      await db.transaction((tx) =>
        appendAudit(tx, actor, [
          {
            action: error.action,
            outcome: 'denied',
            patientId: error.patientId,
            entityType: 'record',
            entityId: error.entity,
          },
        ]),
      );
      throw new NotFound('Record not found');
    }
  }

  /** The actor as the audit trail names them: with the purpose their access rests on. */
  const auditedAs = (actor: Actor, access: PatientAccess): Actor => ({ ...actor, purpose: access.purpose });

  async function insertVersions(
    tx: Executor,
    actor: Actor,
    patientId: string,
    items: { id: string; version: number; resource: FhirResource; source: string }[],
    action: string,
  ) {
    const dataKey = await keyring.dataKey(tx, patientId);
    const rows = items.map(({ id, version, resource, source }) => {
      if (typeof resource.resourceType !== 'string' || resource.resourceType === '') {
        throw new Invalid('A FHIR resource needs a resourceType');
      }
      const stored: FhirResource = {
        ...resource,
        id,
        meta: { ...resource.meta, versionId: String(version) },
      };
      const salt = newSalt();
      const hash = contentHash(salt, stored);
      const sealed: SealedContent = { salt: Buffer.from(salt).toString('base64'), resource: stored };
      const plaintext = new TextEncoder().encode(JSON.stringify(sealed));
      return {
        resource: stored,
        id,
        version,
        patientId,
        resourceType: stored.resourceType,
        authorId: actor.id,
        source,
        ciphertext: encryptRecord(dataKey, plaintext, { patientId, recordId: id, version }),
        contentHash: hash,
        leaf: recordLeaf(recordLeafInput(id, version, hash)),
      };
    });
    let inserted: { recordedAt: Date }[];
    try {
      inserted = await tx
        .insert(resources)
        .values(rows.map(({ resource: _resource, ...row }) => row))
        .returning({ recordedAt: resources.recordedAt });
    } catch (error) {
      if (isUniqueViolation(error)) throw new Conflict('This version was written by someone else first');
      throw error;
    }
    await enqueueLeaves(
      tx,
      rows.map((r) => ({ entityType: 'record', entityId: r.id, entityVersion: r.version, leaf: r.leaf })),
    );
    await appendAudit(
      tx,
      actor,
      rows.map((r) => ({
        action,
        outcome: 'success',
        patientId,
        entityType: 'record',
        entityId: r.id,
        entityVersion: r.version,
      })),
    );
    return rows.map((r, i): StoredVersion => {
      const recordedAt = inserted[i]!.recordedAt;
      return {
        id: r.id,
        version: r.version,
        patientId,
        resourceType: r.resourceType,
        authorId: r.authorId,
        source: r.source,
        recordedAt,
        leaf: r.leaf,
        resource: { ...r.resource, meta: { ...r.resource.meta, lastUpdated: recordedAt.toISOString() } },
      };
    });
  }

  function open(dataKey: Uint8Array, row: typeof resources.$inferSelect): StoredVersion {
    const plaintext = decryptRecord(dataKey, row.ciphertext, {
      patientId: row.patientId,
      recordId: row.id,
      version: row.version,
    });
    const { resource } = JSON.parse(new TextDecoder().decode(plaintext)) as SealedContent;
    return {
      id: row.id,
      version: row.version,
      patientId: row.patientId,
      resourceType: row.resourceType,
      authorId: row.authorId,
      source: row.source,
      recordedAt: row.recordedAt,
      leaf: row.leaf,
      resource: { ...resource, meta: { ...resource.meta, lastUpdated: row.recordedAt.toISOString() } },
    };
  }

  async function latestRow(tx: Executor, id: string) {
    const [row] = await tx
      .select()
      .from(resources)
      .where(eq(resources.id, id))
      .orderBy(desc(resources.version))
      .limit(1);
    return row;
  }

  return {
    /** Creates new resources (version 1) in a patient's record, in one transaction. */
    async create(actor: Actor, patientId: string, items: NewResource[], action = 'create') {
      return guarded(actor, async (tx, refuse) => {
        const access = await accessTo(tx, actor, patientId);
        if (!access.write) refuse('write', patientId);
        return insertVersions(
          tx,
          auditedAs(actor, access),
          patientId,
          items.map((item) => ({
            id: item.id ?? randomUUID(),
            version: 1,
            resource: item.resource,
            source: item.source,
          })),
          action,
        );
      });
    },

    /** Appends a new version of an existing resource; the old version stays as it was. */
    async amend(actor: Actor, id: string, resource: FhirResource, source: string, expectedVersion?: number) {
      return guarded(actor, async (tx, refuse) => {
        const current = await latestRow(tx, id);
        if (!current) return refuse('write', undefined, id);
        const access = await accessTo(tx, actor, current.patientId);
        if (!access.write || !mayRead(access, actor, current)) refuse('write', current.patientId, id);
        if (resource.resourceType !== current.resourceType) {
          throw new Invalid(`A new version must stay a ${current.resourceType}`);
        }
        if (expectedVersion !== undefined && expectedVersion !== current.version) {
          throw new Conflict(`The record is at version ${current.version}, not ${expectedVersion}`);
        }
        const [written] = await insertVersions(
          tx,
          auditedAs(actor, access),
          current.patientId,
          [{ id, version: current.version + 1, resource, source }],
          'update',
        );
        return written!;
      });
    },

    /** Reads one version (the latest by default), audited. */
    async read(actor: Actor, id: string, version?: number): Promise<StoredVersion> {
      return guarded(actor, async (tx, refuse) => {
        const row = version
          ? (
              await tx
                .select()
                .from(resources)
                .where(and(eq(resources.id, id), eq(resources.version, version)))
            )[0]
          : await latestRow(tx, id);
        if (!row) return refuse('read', undefined, id);
        const access = await accessTo(tx, actor, row.patientId);
        if (!mayRead(access, actor, row)) refuse('read', row.patientId, id);
        const opened = open(await keyring.dataKey(tx, row.patientId), row);
        await appendAudit(tx, auditedAs(actor, access), [
          {
            action: 'read',
            outcome: 'success',
            patientId: row.patientId,
            entityType: 'record',
            entityId: id,
            entityVersion: row.version,
          },
        ]);
        return opened;
      });
    },

    /** Every version of a resource, oldest first, audited as one read. */
    async history(actor: Actor, id: string): Promise<StoredVersion[]> {
      return guarded(actor, async (tx, refuse) => {
        const rows = await tx
          .select()
          .from(resources)
          .where(eq(resources.id, id))
          .orderBy(asc(resources.version));
        const patientId = rows[0]?.patientId;
        if (patientId === undefined) return refuse('read', undefined, id);
        const access = await accessTo(tx, actor, patientId);
        if (!rows.some((row) => mayRead(access, actor, row))) refuse('read', patientId, id);
        const dataKey = await keyring.dataKey(tx, patientId);
        await appendAudit(tx, auditedAs(actor, access), [
          { action: 'read-history', outcome: 'success', patientId, entityType: 'record', entityId: id },
        ]);
        return rows.map((row) => open(dataKey, row));
      });
    },

    /**
     * The latest version of every entry of a patient's record the actor may read, newest first,
     * audited as one read (or as `action`, e.g. an export).
     */
    async listForPatient(
      actor: Actor,
      patientId: string,
      { resourceType, action = 'read-record' }: { resourceType?: string | undefined; action?: string } = {},
    ): Promise<StoredVersion[]> {
      return guarded(actor, async (tx, refuse) => {
        const access = await accessTo(tx, actor, patientId);
        if (!mayReadSome(access)) refuse('read', patientId);
        const filter = resourceType
          ? and(eq(resources.patientId, patientId), eq(resources.resourceType, resourceType))
          : eq(resources.patientId, patientId);
        const rows = await tx
          .select()
          .from(resources)
          .where(filter)
          .orderBy(desc(resources.recordedAt), asc(resources.id), desc(resources.version));
        const latest = new Map<string, (typeof rows)[number]>();
        for (const row of rows)
          if (!latest.has(row.id) || latest.get(row.id)!.version < row.version) latest.set(row.id, row);
        const visible = [...latest.values()].filter((row) => mayRead(access, actor, row));
        const dataKey = await keyring.dataKey(tx, patientId);
        await appendAudit(tx, auditedAs(actor, access), [
          { action, outcome: 'success', patientId, entityType: 'patient-record', entityId: patientId },
        ]);
        return visible.map((row) => open(dataKey, row));
      });
    },

    /** What the actor may do with a patient's record right now (for pages that say so). */
    accessTo: (actor: Actor, patientId: string): Promise<PatientAccess> =>
      db.transaction((tx) => accessTo(tx, actor, patientId)),
  };
}
