// A writer process for crash tests: opens the platform from the environment, then writes records one
// transaction at a time and prints `ack <id>` after each commit, until it is killed.
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { openPlatform } from '../platform.ts';
import { systemActor } from '../repository/actor.ts';
import { observation } from './fixtures.ts';

const platform = await openPlatform({ config: loadConfig(), log: pino({ level: 'silent' }), startRelayer: true });
const patient = await platform.patients.register();
process.stdout.write('ready\n');
const importer = systemActor('importer', 'import');
for (let i = 0; ; i++) {
  const [written] = await platform.store.create(importer, patient.id, [{ resource: observation(`w${i}`, i), source: 'crash-test' }]);
  process.stdout.write(`ack ${written!.id}\n`);
}
