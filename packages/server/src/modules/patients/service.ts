// Patients as the platform knows them: an internal id, a Health ID people can read out, and a data key.
// Demographics are clinical content (a FHIR Patient resource) and live in the encrypted record.
import { randomUUID } from 'node:crypto';
import { formatHealthId, generateHealthId, NotFound, parseHealthId } from '@medconnect/core';
import { eq } from 'drizzle-orm';
import { isUniqueViolation, type Database, type Transaction } from '../../db/client.ts';
import { patientKeys, patients } from '../../db/schema.ts';
import type { Keyring } from '../../repository/keyring.ts';

export type Patient = { id: string; healthId: string };

export type PatientService = ReturnType<typeof createPatientService>;

export function createPatientService({ db, keyring }: { db: Database; keyring: Keyring }) {
  /**
   * Creates a patient inside the caller's transaction (an account and its patient record are created
   * together). Each attempt runs in a savepoint, so a Health ID collision does not abort the caller.
   */
  async function registerIn(tx: Transaction): Promise<Patient> {
    for (let attempt = 0; ; attempt++) {
      const id = randomUUID();
      const healthId = generateHealthId();
      const wrappedKey = keyring.newWrappedKey(id);
      try {
        await tx.transaction(async (savepoint) => {
          await savepoint.insert(patients).values({ id, healthId });
          await savepoint.insert(patientKeys).values({ patientId: id, wrappedKey });
        });
        return { id, healthId: formatHealthId(healthId) };
      } catch (error) {
        // 10^13 Health IDs: a collision is rare, and retried with a new number.
        if (attempt >= 3 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  return {
    /** Creates a patient with a fresh Health ID and data key, both or neither. */
    register: (): Promise<Patient> => db.transaction((tx) => registerIn(tx)),

    registerIn,

    async byHealthId(input: string): Promise<Patient> {
      const healthId = parseHealthId(input);
      const [row] = await db.select().from(patients).where(eq(patients.healthId, healthId));
      if (!row || row.erasedAt) throw new NotFound('No patient with that Health ID');
      return { id: row.id, healthId: formatHealthId(row.healthId) };
    },
  };
}
