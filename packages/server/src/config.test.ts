import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://medconnect@db.example/medconnect?sslmode=verify-full',
  CHAIN_RPC_URL: 'https://besu.example:8545',
  RELAYER_PRIVATE_KEY: `0x${'11'.repeat(32)}`,
  MASTER_KEY: '22'.repeat(32),
  SMTP_URL: 'smtp://mail.example:587',
  PUBLIC_URL: 'https://medconnect.example',
};

describe('configuration', () => {
  it('has working defaults for a laptop', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3000, host: '127.0.0.1', databaseUrl: undefined });
    expect(config.chain.rpcUrl).toBeUndefined();
    expect(config.batch).toEqual({ maxLeaves: 512, intervalMs: 1000 });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ MASTER_KEY: 'abc' }, /MASTER_KEY: must be 32 bytes/],
    [{ ANCHOR_LOG_ADDRESS: '0x123' }, /ANCHOR_LOG_ADDRESS: must be a 0x-prefixed 20-byte address/],
    [{ BATCH_MAX_LEAVES: '0' }, /BATCH_MAX_LEAVES/],
    [{ CHAIN_RPC_URL: 'http://127.0.0.1:8545' }, /RELAYER_PRIVATE_KEY is required when CHAIN_RPC_URL is set/],
    [{ NODE_ENV: 'production' }, /production needs DATABASE_URL and CHAIN_RPC_URL/],
    [{ ...production, MASTER_KEY: '' }, /production needs MASTER_KEY/],
    [{ ...production, CHAIN_RPC_URL: 'http://besu.example:8545' }, /https:\/\/ or wss:\/\/ CHAIN_RPC_URL/],
    [{ ...production, DATABASE_URL: 'postgres://medconnect@db.example/medconnect' }, /sslmode/],
    [{ ...production, SMTP_URL: '' }, /production needs SMTP_URL/],
    [{ ...production, PUBLIC_URL: 'http://medconnect.example' }, /production needs an https:\/\/ PUBLIC_URL/],
    [{ SMTP_URL: 'http://mail.example' }, /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ PUBLIC_URL: 'ftp://medconnect.example' }, /PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/],
  ])('refuses %o with a message naming the problem', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('links mail to the local server by default, or to PUBLIC_URL', () => {
    expect(loadConfig({ PORT: '8080' })).toMatchObject({ publicUrl: 'http://localhost:8080', mail: { smtpUrl: undefined } });
    expect(loadConfig({ PUBLIC_URL: 'https://care.example/', SMTP_URL: 'smtps://u:p@mail.example:465' })).toMatchObject({
      publicUrl: 'https://care.example',
      mail: { smtpUrl: 'smtps://u:p@mail.example:465', from: 'MedConnect <no-reply@medconnect.localhost>' },
    });
  });

  it('accepts a production configuration over TLS', () => {
    const config = loadConfig(production);
    expect(config.env).toBe('production');
    expect(config.chain.relayerPrivateKey).toBe(production.RELAYER_PRIVATE_KEY);
  });
});
