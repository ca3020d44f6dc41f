// What the accounts operations run on: narrow, explicit dependencies, wired once in index.ts.
import type { Logger } from 'pino';
import type { Chain } from '../../chain/client.ts';
import type { Database } from '../../db/client.ts';
import type { Sealer } from '../../platform.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { PatientService } from '../patients/service.ts';

export type AccountDeps = {
  db: Database;
  sealer: Sealer;
  mailer: Mailer;
  patients: PatientService;
  /** For Sign-In with Ethereum: contract wallets are checked on chain (ERC-1271/6492). */
  publicClient: Chain['publicClient'];
  /** Where the web app lives; links in mail point here. */
  publicUrl: string;
  log: Logger;
};

/** Where a request came from, for sessions and the audit trail. */
export type RequestMeta = { ip: string; userAgent: string | undefined };
