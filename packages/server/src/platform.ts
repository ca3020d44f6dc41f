// Opens everything MedConnect runs on (database, keys, chain, relayer) from the configuration, and
// closes it again in the right order. The server, the CLI and the tests all start from here.
import { createHmac, hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { openWithMasterKey, sealWithMasterKey } from '@medconnect/core';
import type { Logger } from 'pino';
import { startAnvil, type AnvilNode } from './chain/anvil.ts';
import { connectChain, type Chain, type ContractAddresses } from './chain/client.ts';
import { devRelayerKey, ensureDevContracts } from './chain/deploy.ts';
import { checkIdentity, observeIdentity, recordedAddresses, recordedIdentity, saveIdentity } from './chain/identity.ts';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle, type DatabaseOptions } from './db/client.ts';
import { loadMasterKey } from './master-key.ts';
import { createMailer } from './modules/mail/mailer.ts';
import { createPatientService } from './modules/patients/service.ts';
import { createSmsSender } from './modules/sms/sms-sender.ts';
import { createMetrics, type Metrics } from './plugins/metrics.ts';
import { createRelayer, type Relayer } from './relayer/relayer.ts';
import { createClinicalStore } from './repository/clinical-store.ts';
import { createKeyring } from './repository/keyring.ts';

export type Platform = Awaited<ReturnType<typeof openPlatform>>;

export type PlatformOptions = {
  config: Config;
  log: Logger;
  /** Overrides the database the configuration names (tests use a fresh one per file). */
  database?: DatabaseOptions;
  /** Start the relayer loop (the server does; the CLI and some tests do not). */
  startRelayer?: boolean;
  /** Extra anvil arguments for the embedded chain (tests). */
  anvilArgs?: string[];
  /** Load the embedded chain's saved state without writing it back (CLI next to a stopped server). */
  readOnlyChainState?: boolean;
  /** Master key override (tests). */
  masterKey?: Uint8Array;
};

export class StartupError extends Error {}

/**
 * Seals small secrets (custodial keys, TOTP secrets) under the master key, bound to a context string,
 * and computes keyed fingerprints (one-time passwords, duplicate-detection keys) that a copy of the
 * database alone cannot reverse by trying every value.
 */
export type Sealer = {
  seal(plaintext: Uint8Array, context: string): Uint8Array;
  open(sealed: Uint8Array, context: string): Uint8Array;
  /** HMAC-SHA-256 of `value` under a key derived from the master key for `context`, as hex. */
  fingerprint(context: string, value: string): string;
};

export function createSealer(masterKey: Uint8Array): Sealer {
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, new Uint8Array(0), 'medconnect fingerprint', 32));
  return {
    seal: (plaintext, context) => sealWithMasterKey(masterKey, plaintext, context),
    open: (sealed, context) => openWithMasterKey(masterKey, sealed, context),
    fingerprint: (context, value) => createHmac('sha256', macKey).update(`${context}\0${value}`).digest('hex'),
  };
}

async function openChain(config: Config, database: DatabaseHandle, options: PlatformOptions) {
  if (config.chain.rpcUrl) {
    const chain = connectChain({ rpcUrl: config.chain.rpcUrl, relayerKey: config.chain.relayerPrivateKey! });
    const a = config.chain.addresses;
    const addresses: ContractAddresses | undefined =
      a.anchorLog && a.registry && a.consentLedger
        ? { anchorLog: a.anchorLog, registry: a.registry, consentLedger: a.consentLedger }
        : await recordedAddresses(database.db);
    if (!addresses) {
      throw new StartupError(
        'No contract addresses: set ANCHOR_LOG_ADDRESS, REGISTRY_ADDRESS and CONSENT_LEDGER_ADDRESS, or run `medconnect chain deploy`',
      );
    }
    return { chain, addresses, anvil: undefined };
  }
  const anvil: AnvilNode = await startAnvil({
    stateFile: join(config.dataDir, 'chain', 'state.json'),
    port: config.chain.anvilPort || undefined,
    readOnlyState: options.readOnlyChainState ?? false,
    extraArgs: options.anvilArgs ?? [],
  });
  try {
    const chain = connectChain({ rpcUrl: anvil.rpcUrl, relayerKey: devRelayerKey });
    return { chain, addresses: await ensureDevContracts(chain), anvil };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** Records the chain identity on first start and refuses a different chain afterwards. */
async function pinChainIdentity(database: DatabaseHandle, chain: Chain, addresses: ContractAddresses, log: Logger) {
  let identity;
  try {
    identity = await observeIdentity(chain, addresses);
  } catch (error) {
    log.warn({ err: (error as Error).message.split('\n')[0] }, 'chain unreachable at start; anchoring waits for it');
    return;
  }
  await checkIdentity(database.db, identity, chain);
  if ((await recordedIdentity(database.db)).chainId === undefined) await saveIdentity(database.db, identity);
}

export async function openPlatform(options: PlatformOptions) {
  const { config, log } = options;
  const database = await openDatabase(
    options.database ?? (config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'db') }),
  );
  let anvil: AnvilNode | undefined;
  try {
    const masterKey = options.masterKey ?? loadMasterKey(config.masterKeyHex, config.dataDir);
    const keyring = createKeyring({ masterKey });
    const sealer = createSealer(masterKey);
    const store = createClinicalStore({ db: database.db, keyring });
    const patients = createPatientService({ db: database.db, keyring });
    const opened = await openChain(config, database, options);
    anvil = opened.anvil;
    const { chain, addresses } = opened;
    await pinChainIdentity(database, chain, addresses, log);
    const metrics: Metrics = createMetrics();
    const relayer: Relayer = createRelayer({
      database,
      chain,
      addresses,
      maxLeaves: config.batch.maxLeaves,
      intervalMs: config.batch.intervalMs,
      confirmations: config.chain.confirmations,
      log: log.child({ component: 'relayer' }),
      onAnchored: ({ leafCount, lagSeconds }) => {
        metrics.anchoredBatches.inc();
        metrics.anchoredLeaves.inc(leafCount);
        metrics.anchoringLag.observe(lagSeconds);
      },
    });
    if (options.startRelayer) relayer.start();
    const mailer = createMailer({
      db: database.db,
      smtpUrl: config.mail.smtpUrl,
      from: config.mail.from,
      log: log.child({ component: 'mail' }),
    });
    const sms = createSmsSender({ db: database.db, log: log.child({ component: 'sms' }) });
    return {
      config,
      log,
      database,
      db: database.db,
      keyring,
      sealer,
      mailer,
      sms,
      store,
      patients,
      chain,
      addresses,
      anvil,
      metrics,
      relayer,
      async close() {
        await relayer.stop();
        await mailer.close();
        await sms.close();
        await database.close();
        await anvil?.stop();
      },
    };
  } catch (error) {
    await database.close();
    await anvil?.stop();
    throw error;
  }
}
