// Starts MedConnect as one process: database, chain, relayer, API and web app, then stops it cleanly
// (relayer, database, then the embedded chain, which saves its state) on SIGINT or SIGTERM.
import { rmSync, writeFileSync } from 'node:fs';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { seedDemo } from './demo/seed.ts';
import { createLogger } from './logger.ts';
import { emergencyAccess } from './modules/clinic/index.ts';
import { issueOperatorToken, serverInfoPath } from './modules/operator/operator-token.ts';
import { openPlatform } from './platform.ts';

export async function startServer(config: Config, { demo = false }: { demo?: boolean } = {}) {
  if (demo && config.env === 'production') {
    throw new Error('Demo mode is not available in production: it creates accounts with a known password.');
  }
  const log = createLogger(config.logLevel);
  const platform = await openPlatform({ config, log, startRelayer: true });
  const operatorToken = issueOperatorToken(config.dataDir);
  const app = await buildApp(platform, { operatorToken, demo });
  // Emergency accesses end on their own after an hour; this writes their stop event when they do.
  const emergencies = emergencyAccess(platform);
  const sweeper = setInterval(() => {
    emergencies.endExpired().catch((error: unknown) => log.warn({ err: (error as Error).message }, 'emergency access sweep failed'));
  }, 30_000);
  sweeper.unref();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('stopping');
      clearInterval(sweeper);
      await app.close();
      await platform.close();
      rmSync(serverInfoPath(config.dataDir), { force: true });
    })());
  try {
    if (demo) await seedDemo(platform, (line) => process.stdout.write(`${line}\n`));
    const address = await app.listen({ host: config.host, port: config.port });
    writeFileSync(serverInfoPath(config.dataDir), JSON.stringify({ pid: process.pid, url: address }), { mode: 0o600 });
    log.info(
      { url: address, database: platform.database.kind, chain: platform.chain.rpcUrl, anchorLog: platform.addresses.anchorLog },
      'MedConnect is running',
    );
    process.stdout.write(`\nMedConnect is running at ${address.replace('127.0.0.1', 'localhost')}\n\n`);
  } catch (error) {
    await stop();
    throw error;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // A repeated signal (a supervisor forwarding it again) must not cut the clean stop short: the
    // embedded chain saves its state while stopping.
    process.on(signal, () => {
      if (stopping) return;
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'unclean stop');
          process.exit(1);
        },
      );
    });
  }
  return { app, platform, stop };
}
