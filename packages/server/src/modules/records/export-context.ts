// What an export needs besides the record itself: the patient's Health ID and the names of the people
// who wrote entries. Neither is clinical content, so they are read straight from their tables.
import { formatHealthId, NotFound } from '@medconnect/core';
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { patients, users } from '../../db/schema.ts';
import type { StoredVersion } from '../../repository/clinical-store.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function healthIdOf(db: Executor, patientId: string): Promise<string> {
  const [row] = await db
    .select({ healthId: patients.healthId })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!row) throw new NotFound('Record not found');
  return formatHealthId(row.healthId);
}

/** Display names of the people (not system components) who wrote entries of the record. */
export async function authorNames(
  db: Executor,
  record: readonly StoredVersion[],
): Promise<Map<string, string>> {
  const ids = [...new Set(record.map((v) => v.authorId))].filter((id) => uuid.test(id));
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}
