// Configuration from the environment, validated once at start. Every variable is listed in the README.
import { resolve } from 'node:path';
import { z } from 'zod';

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optional(z.string().url()),
  CHAIN_RPC_URL: optional(z.string().url()),
  RELAYER_PRIVATE_KEY: optional(hex32),
  ANCHOR_LOG_ADDRESS: optional(address),
  REGISTRY_ADDRESS: optional(address),
  CONSENT_LEDGER_ADDRESS: optional(address),
  ANVIL_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  MASTER_KEY: optional(z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, 'must be 32 bytes as 64 hex digits')),
  BATCH_MAX_LEAVES: z.coerce.number().int().min(1).max(10_000).default(512),
  BATCH_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1_000),
  CHAIN_CONFIRMATIONS: z.coerce.number().int().min(0).max(64).default(0),
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' })),
  MAIL_FROM: z.string().min(3).default('MedConnect <no-reply@medconnect.localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  chain: {
    rpcUrl: string | undefined;
    relayerPrivateKey: `0x${string}` | undefined;
    addresses: Partial<Record<'anchorLog' | 'registry' | 'consentLedger', `0x${string}`>>;
    anvilPort: number;
    confirmations: number;
  };
  masterKeyHex: string | undefined;
  batch: { maxLeaves: number; intervalMs: number };
  /** Where people reach the web app; links in emails point here (no trailing slash). */
  publicUrl: string;
  mail: { smtpUrl: string | undefined; from: string };
  logLevel: string;
};

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.CHAIN_RPC_URL && !e.RELAYER_PRIVATE_KEY) {
    throw new ConfigError('Invalid configuration: RELAYER_PRIVATE_KEY is required when CHAIN_RPC_URL is set');
  }
  if (e.NODE_ENV === 'production') {
    if (!e.DATABASE_URL || !e.CHAIN_RPC_URL) {
      throw new ConfigError('Invalid configuration: production needs DATABASE_URL and CHAIN_RPC_URL');
    }
    if (!e.MASTER_KEY) throw new ConfigError('Invalid configuration: production needs MASTER_KEY');
    if (!e.SMTP_URL) throw new ConfigError('Invalid configuration: production needs SMTP_URL to send mail');
    if (!e.PUBLIC_URL?.startsWith('https://')) {
      throw new ConfigError('Invalid configuration: production needs an https:// PUBLIC_URL for the links in mail');
    }
    if (!/^(https|wss):/.test(e.CHAIN_RPC_URL)) {
      throw new ConfigError('Invalid configuration: production needs an https:// or wss:// CHAIN_RPC_URL');
    }
    const sslmode = new URL(e.DATABASE_URL).searchParams.get('sslmode');
    if (sslmode !== 'require' && sslmode !== 'verify-ca' && sslmode !== 'verify-full') {
      throw new ConfigError('Invalid configuration: production needs DATABASE_URL with sslmode=verify-full (or require)');
    }
  }
  const addresses: Config['chain']['addresses'] = {};
  if (e.ANCHOR_LOG_ADDRESS) addresses.anchorLog = e.ANCHOR_LOG_ADDRESS as `0x${string}`;
  if (e.REGISTRY_ADDRESS) addresses.registry = e.REGISTRY_ADDRESS as `0x${string}`;
  if (e.CONSENT_LEDGER_ADDRESS) addresses.consentLedger = e.CONSENT_LEDGER_ADDRESS as `0x${string}`;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    chain: {
      rpcUrl: e.CHAIN_RPC_URL,
      relayerPrivateKey: e.RELAYER_PRIVATE_KEY as `0x${string}` | undefined,
      addresses,
      anvilPort: e.ANVIL_PORT,
      confirmations: e.CHAIN_CONFIRMATIONS,
    },
    masterKeyHex: e.MASTER_KEY,
    batch: { maxLeaves: e.BATCH_MAX_LEAVES, intervalMs: e.BATCH_INTERVAL_MS },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    logLevel: e.LOG_LEVEL,
  };
}
