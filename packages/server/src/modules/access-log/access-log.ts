// "Who saw my record": every audit event on a patient's record (reads, writes, refusals, consent
// requests, codes sent and tried, grants, revocations, emergency access, exports), newest first, with
// who did it in words, why, and whether the event is already anchored on chain. The events themselves
// are the anchored audit trail; nothing here is written except the audit event of a CSV export.
import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { auditEvents, leafProofs, professionalProfiles, users } from '../../db/schema.ts';
import type { Actor } from '../../repository/actor.ts';
import { appendAudit } from '../../repository/audit-log.ts';

export type AccessLogEvent = {
  id: string;
  at: string;
  actor: { id: string; name: string; role: string; practitionerId: string | null };
  action: string;
  outcome: string;
  purpose: string;
  entityType: string;
  entityId: string | null;
  anchored: boolean;
};

const systemNames: Record<string, string> = {
  'system:importer': 'MedConnect import',
  'system:demo': 'MedConnect demo',
  'system:desk-registration': 'Clinic desk registration',
};

export async function accessLog(db: Database, patientId: string, limit = 5000): Promise<AccessLogEvent[]> {
  const rows = await db
    .select({
      event: auditEvents,
      name: users.displayName,
      practitionerId: professionalProfiles.practitionerId,
      anchoredIn: leafProofs.batchId,
    })
    .from(auditEvents)
    .leftJoin(users, sql`${users.id}::text = ${auditEvents.actorId}`)
    .leftJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
    .leftJoin(leafProofs, eq(leafProofs.leaf, auditEvents.leaf))
    .where(eq(auditEvents.patientId, patientId))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
  return rows.map(({ event: e, name, practitionerId, anchoredIn }) => ({
    id: e.id,
    at: e.recordedAt.toISOString(),
    actor: { id: e.actorId, name: name ?? systemNames[e.actorId] ?? e.actorId, role: e.actorRole, practitionerId },
    action: e.action,
    outcome: e.outcome,
    purpose: e.purpose,
    entityType: e.entityType,
    entityId: e.entityId,
    anchored: anchoredIn !== null,
  }));
}

const csvCell = (value: string | null | boolean) => {
  const text = value === null ? '' : String(value);
  // Quote everything, double inner quotes, and defuse spreadsheet formulas.
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

export function accessLogCsv(events: AccessLogEvent[]): string {
  const header = ['time (UTC)', 'who', 'role', 'practitioner id', 'action', 'outcome', 'purpose', 'entry type', 'entry id', 'anchored on chain'];
  const lines = events.map((e) =>
    [e.at, e.actor.name, e.actor.role, e.actor.practitionerId, e.action, e.outcome, e.purpose, e.entityType, e.entityId, e.anchored ? 'yes' : 'pending']
      .map(csvCell)
      .join(','),
  );
  return [header.map(csvCell).join(','), ...lines].join('\r\n') + '\r\n';
}

/** The CSV export of the log is itself an access to the record, and audited as an export. */
export async function auditLogExport(db: Database, actor: Actor, patientId: string): Promise<void> {
  await db.transaction((tx) =>
    appendAudit(tx, actor, [{ action: 'export', outcome: 'success', patientId, entityType: 'access-log', entityId: patientId }]),
  );
}
