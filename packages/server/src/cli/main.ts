// The `medconnect` command: start the server, verify integrity, deploy contracts to an external chain.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { adminCreateCommand } from './admin-command.ts';
import { deployCommand } from './deploy-command.ts';
import { verifyCommand } from './verify-command.ts';

const usage = `Usage: medconnect <command> [options]

Commands:
  start [--demo]                     run MedConnect (API, web app, relayer); --demo seeds demo data
  verify [--patient <id>] [--json] [--all]
                                     check every record and audit event against the chain;
                                     exits 1 when anything is TAMPERED
  chain deploy                       deploy the contracts to CHAIN_RPC_URL and record their addresses
  admin create --email <address> [--name <name>] [--another]
                                     create an administrator and print a one-time link to set the
                                     password; refuses when one exists unless --another is given
`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean', default: false } } });
      const { startServer } = await import('../main.ts');
      await startServer(loadConfig(), { demo: values.demo });
      return -1; // keep running
    }
    case 'verify': {
      const { values } = parseArgs({
        args: rest,
        options: {
          patient: { type: 'string' },
          json: { type: 'boolean', default: false },
          all: { type: 'boolean', default: false },
        },
      });
      return verifyCommand(loadConfig(), { patientId: values.patient, json: values.json, all: values.all });
    }
    case 'admin': {
      if (rest[0] !== 'create') break;
      const { values } = parseArgs({
        args: rest.slice(1),
        options: { email: { type: 'string' }, name: { type: 'string' }, another: { type: 'boolean', default: false } },
      });
      return adminCreateCommand(loadConfig(), { email: values.email, name: values.name, another: values.another });
    }
    case 'chain': {
      if (rest[0] !== 'deploy') break;
      return deployCommand(loadConfig());
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage);
      return 0;
  }
  process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${usage}`);
  return 64;
}

try {
  const code = await run(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`medconnect: ${error instanceof ConfigError ? message : message.split('\n')[0]}\n`);
  process.exit(2);
}
