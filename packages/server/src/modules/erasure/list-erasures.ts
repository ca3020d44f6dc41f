// The registrar's tombstones: patients who erased their account, newest first, with how much of their
// trail stays in place (record versions, unreadable but anchored; audit events, readable and anchored).
import { formatHealthId } from '@medconnect/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.ts';
import type { Erasure } from './schemas.ts';

type Row = { id: string; health_id: string; erased_at: Date | string; record_versions: number; audit_events: number };

export async function listErasures(db: Executor, { limit }: { limit: number }): Promise<Erasure[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select p.id, p.health_id, p.erased_at,
          (select count(*)::int from resources r where r.patient_id = p.id) as record_versions,
          (select count(*)::int from audit_events a where a.patient_id = p.id) as audit_events
        from patients p
        where p.erased_at is not null
        order by p.erased_at desc, p.id
        limit ${limit}`,
  );
  return rows.map((row) => ({
    patientId: row.id,
    healthId: formatHealthId(row.health_id),
    erasedAt: new Date(row.erased_at).toISOString(),
    recordVersions: row.record_versions,
    auditEvents: row.audit_events,
  }));
}
