// `medconnect admin create --email <e> [--name <n>] [--another]`: creates an administrator and prints
// a one-time link (24 hours) to choose the password. It opens the database and the master key only
// (no chain), so it runs before the first start, or next to a running server on PostgreSQL; the
// embedded database allows one process, so stop a server running on it first.
import { join } from 'node:path';
import { AppError } from '@medconnect/core';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { loadMasterKey } from '../master-key.ts';
import { createAdmin } from '../modules/admin/create-admin.ts';
import { createPatientService } from '../modules/patients/service.ts';
import { createSealer } from '../platform.ts';
import { createKeyring } from '../repository/keyring.ts';
import { email as emailSchema } from '../modules/accounts/schemas.ts';

export type AdminCreateOptions = { email: string | undefined; name: string | undefined; another: boolean };

export async function adminCreateCommand(config: Config, options: AdminCreateOptions): Promise<number> {
  const email = emailSchema.safeParse(options.email ?? '');
  if (!email.success) {
    process.stderr.write(
      'medconnect admin create: --email <address> is required and must be an email address\n',
    );
    return 64;
  }
  const displayName = z
    .string()
    .trim()
    .min(1)
    .max(100)
    .safeParse(options.name ?? 'Administrator');
  if (!displayName.success) {
    process.stderr.write('medconnect admin create: --name must be 1 to 100 characters\n');
    return 64;
  }
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'db') },
  );
  try {
    const masterKey = loadMasterKey(config.masterKeyHex, config.dataDir);
    const keyring = createKeyring({ masterKey });
    const created = await createAdmin(
      {
        db: database.db,
        sealer: createSealer(masterKey),
        patients: createPatientService({ db: database.db, keyring }),
        publicUrl: config.publicUrl,
      },
      { email: email.data, displayName: displayName.data, another: options.another },
    );
    process.stdout.write(
      `Administrator ${email.data} created.\n\n` +
        `Open this link within 24 hours to choose the password (it works once):\n\n  ${created.link}\n\n` +
        'After choosing the password, the administrator sets up two-step sign-in with an authenticator app.\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`medconnect admin create: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}
