// `medconnect chain deploy`: deploys the contracts to the external node at CHAIN_RPC_URL from the
// relayer account (which becomes admin and relayer) and records their addresses and the chain identity.
import { connectChain } from '../chain/client.ts';
import { deployContracts } from '../chain/deploy.ts';
import { checkIdentity, observeIdentity, recordedAddresses, saveIdentity } from '../chain/identity.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { join } from 'node:path';

export async function deployCommand(config: Config): Promise<number> {
  if (!config.chain.rpcUrl || !config.chain.relayerPrivateKey) {
    process.stderr.write('medconnect chain deploy needs CHAIN_RPC_URL and RELAYER_PRIVATE_KEY\n');
    return 64;
  }
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'db') });
  try {
    const existing = await recordedAddresses(database.db);
    if (existing) {
      process.stderr.write(`Contracts are already recorded for this database (AnchorLog ${existing.anchorLog}); nothing deployed.\n`);
      return 1;
    }
    const chain = connectChain({ rpcUrl: config.chain.rpcUrl, relayerKey: config.chain.relayerPrivateKey });
    const addresses = await deployContracts(chain);
    const identity = await observeIdentity(chain, addresses);
    await checkIdentity(database.db, identity, chain);
    await saveIdentity(database.db, identity);
    process.stdout.write(
      `Deployed on chain ${identity.chainId}:\n  REGISTRY_ADDRESS=${addresses.registry}\n  CONSENT_LEDGER_ADDRESS=${addresses.consentLedger}\n  ANCHOR_LOG_ADDRESS=${addresses.anchorLog}\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
