// Whose card it is: the signed-in account's display name and Health ID. Someone without a Health ID
// (a registrar, an administrator, an erased patient) has no card.
import { NotFound } from '@medconnect/core';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { patients } from '../../db/schema.ts';
import type { UserRow } from '../accounts/repo.ts';

export type CardHolder = { name: string; healthId: string };

export async function cardHolder(
  db: Executor,
  user: Pick<UserRow, 'displayName' | 'patientId'>,
): Promise<CardHolder> {
  const none = new NotFound('Your account has no Health ID');
  if (!user.patientId) throw none;
  const [row] = await db
    .select({ healthId: patients.healthId, erasedAt: patients.erasedAt })
    .from(patients)
    .where(eq(patients.id, user.patientId));
  if (!row || row.erasedAt) throw none;
  return { name: user.displayName, healthId: row.healthId };
}
