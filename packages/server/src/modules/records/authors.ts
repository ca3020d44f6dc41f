// Who wrote each entry, as people should see it: the author's name and role, and for a professional
// the practitioner identifier and whether the licence is verified right now. System writers (imports,
// the demo) have no person behind them and show as null.
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { professionalProfiles, users } from '../../db/schema.ts';
import type { StoredVersion } from '../../repository/clinical-store.ts';

export const author = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    practitionerId: z.string().nullable(),
    verified: z.boolean(),
  })
  .nullable();
export type Author = z.infer<typeof author>;

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function authorsOf(db: Executor, ids: Iterable<string>): Promise<Map<string, NonNullable<Author>>> {
  const people = [...new Set(ids)].filter(isUuid);
  if (people.length === 0) return new Map();
  const rows = await db
    .select({
      id: users.id,
      name: users.displayName,
      role: users.role,
      practitionerId: professionalProfiles.practitionerId,
      status: professionalProfiles.status,
    })
    .from(users)
    .leftJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
    .where(inArray(users.id, people));
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, role: r.role, practitionerId: r.practitionerId, verified: r.status === 'verified' }]),
  );
}

/** Versions as the API shows them, each with its author. */
export async function withAuthors(db: Executor, versions: StoredVersion[]) {
  const authors = await authorsOf(db, versions.map((v) => v.authorId));
  return versions.map((v) => ({
    id: v.id,
    version: v.version,
    resourceType: v.resourceType,
    authorId: v.authorId,
    author: authors.get(v.authorId) ?? null,
    source: v.source,
    recordedAt: v.recordedAt.toISOString(),
    resource: v.resource,
  }));
}
