// `medconnect verify`: asks the running server when there is one (the embedded database allows one
// process), otherwise opens the saved database and chain state itself, read-only on the chain.
// Records of erased patients are counted, not listed one by one (unless --all): erasure is not a
// failure, and only TAMPERED items make the command exit non-zero.
import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { readOperatorToken, serverInfoPath } from '../modules/operator/operator-token.ts';
import type { IntegrityReport } from '../modules/verify/verify-integrity.ts';
import { verifyIntegrity } from '../modules/verify/verify-integrity.ts';
import { openPlatform } from '../platform.ts';

type Options = { patientId: string | undefined; json: boolean; all: boolean };

function runningServer(dataDir: string): string | undefined {
  const path = serverInfoPath(dataDir);
  if (!existsSync(path)) return undefined;
  const { pid, url } = JSON.parse(readFileSync(path, 'utf8')) as { pid: number; url: string };
  try {
    process.kill(pid, 0);
    return url;
  } catch {
    return undefined;
  }
}

async function fromServer(url: string, dataDir: string, patientId: string | undefined): Promise<IntegrityReport> {
  const query = patientId ? `?patient=${encodeURIComponent(patientId)}` : '';
  const response = await fetch(`${url}/api/operator/integrity${query}`, {
    headers: { authorization: `Bearer ${readOperatorToken(dataDir)}` },
  });
  const body = (await response.json()) as IntegrityReport & { detail?: string };
  if (!response.ok) throw new Error(`the running server refused: ${body.detail ?? response.status}`);
  return body;
}

async function locally(config: Config, patientId: string | undefined): Promise<IntegrityReport> {
  const platform = await openPlatform({
    config,
    log: createLogger('warn'),
    startRelayer: false,
    readOnlyChainState: true,
  });
  try {
    return await verifyIntegrity(
      { db: platform.db, keyring: platform.keyring, chain: platform.chain, anchorLog: platform.addresses.anchorLog },
      patientId ? { patientId } : {},
    );
  } finally {
    await platform.close();
  }
}

export function formatReport(report: IntegrityReport, all: boolean): string {
  const lines = [`Integrity check on chain ${report.chainId} at ${report.checkedAt}`];
  for (const [status, count] of Object.entries(report.summary)) lines.push(`  ${status.padEnd(9)} ${count}`);
  const erased = report.summary.erased;
  if (erased > 0) {
    const versions = `${erased} record version${erased === 1 ? '' : 's'}`;
    lines.push('', `${versions} of erased patients: content destroyed, leaves still anchored.`);
  }
  const quiet = new Set(['verified', 'erased']);
  const shown = all ? report.items : report.items.filter((item) => !quiet.has(item.status));
  if (shown.length > 0) lines.push('');
  for (const item of shown) {
    const version = item.version === undefined ? '' : item.kind === 'audit' ? ` #${item.version}` : ` v${item.version}`;
    lines.push(`${item.status.padEnd(9)} ${item.kind} ${item.id}${version}${item.reason ? `: ${item.reason}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export async function verifyCommand(config: Config, options: Options): Promise<number> {
  const url = runningServer(config.dataDir);
  const report = url ? await fromServer(url, config.dataDir, options.patientId) : await locally(config, options.patientId);
  process.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, options.all));
  return report.summary.TAMPERED > 0 ? 1 : 0;
}
