// Per-patient data keys (envelope encryption). A data key is generated with the patient, stored wrapped
// by the master key, and unwrapped only in memory. Destroying it crypto-shreds the patient's records.
import { generateDataKey, NotFound, unwrapDataKey, wrapDataKey } from '@medconnect/core';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { patientKeys } from '../db/schema.ts';

export type Keyring = ReturnType<typeof createKeyring>;

export function createKeyring({ masterKey }: { masterKey: Uint8Array }) {
  return {
    /** A fresh data key for a new patient, wrapped for storage. */
    newWrappedKey(patientId: string): Uint8Array {
      return wrapDataKey(masterKey, generateDataKey(), patientId);
    },

    /** The patient's data key; NotFound when the patient does not exist or was erased. */
    async dataKey(tx: Executor, patientId: string): Promise<Uint8Array> {
      const [row] = await tx
        .select({ wrappedKey: patientKeys.wrappedKey })
        .from(patientKeys)
        .where(eq(patientKeys.patientId, patientId));
      if (!row?.wrappedKey) throw new NotFound('Patient not found');
      return unwrapDataKey(masterKey, row.wrappedKey, patientId);
    },
  };
}
