// Demo mode: imports a few synthetic patients' histories and creates the demo accounts (once per data
// directory), then prints where to look and how to sign in.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { settings } from '../db/schema.ts';
import { accountDeps } from '../modules/accounts/index.ts';
import { seedDemoConsents } from './consents.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoAccounts, type DemoPatient } from '../modules/demo/demo-accounts.ts';
import { importBundle } from '../modules/records/import-bundle.ts';
import type { Platform } from '../platform.ts';
import { systemActor } from '../repository/actor.ts';

const bundles = fileURLToPath(new URL('./synthea/', import.meta.url));
const bundleFiles = () => readdirSync(bundles).filter((f) => f.endsWith('.json')).sort();

/** Imports the demo patients once; answers who they are either way. */
async function seedDemoPatients(platform: Platform, print: (line: string) => void): Promise<DemoPatient[]> {
  const [seeded] = await platform.db.select().from(settings).where(eq(settings.key, 'demo.patients'));
  if (seeded) {
    print(`Demo data already present:\n${seeded.value}`);
    // The summary lists Health IDs in file order.
    const healthIds = [...seeded.value.matchAll(/Health ID (\S+):/g)].map((m) => m[1]!);
    const files = bundleFiles();
    return Promise.all(
      healthIds.map(async (healthId, i) => ({ file: files[i] ?? `patient-${i + 1}.json`, patientId: (await platform.patients.byHealthId(healthId)).id, healthId })),
    );
  }
  const actor = systemActor('demo', 'demo');
  const lines: string[] = [];
  const imported: DemoPatient[] = [];
  for (const file of bundleFiles()) {
    const bundle: unknown = JSON.parse(readFileSync(bundles + file, 'utf8'));
    const patient = await platform.patients.register();
    const written = await importBundle(platform.store, actor, patient.id, bundle, `demo:synthea/${file}`);
    const first = written.find((w) => w.resourceType === 'Patient') ?? written[0]!;
    lines.push(`  Health ID ${patient.healthId}: ${written.length} records, e.g. /verify?id=${first.id}`);
    imported.push({ file, patientId: patient.id, healthId: patient.healthId });
  }
  const summary = lines.join('\n');
  await platform.db.insert(settings).values({ key: 'demo.patients', value: summary });
  print(`Demo patients imported (anchoring on chain now):\n${summary}`);
  return imported;
}

export async function seedDemo(platform: Platform, print: (line: string) => void): Promise<void> {
  if (platform.config.env === 'production') throw new Error('Demo mode is not available in production: it creates accounts with a known password.');
  const patients = await seedDemoPatients(platform, print);
  const accounts = await seedDemoAccounts(accountDeps(platform), patients);
  const consentLines = await seedDemoConsents(platform, patients);
  const width = Math.max(...accounts.map((a) => a.email.length));
  print(
    [
      `Demo accounts (password "${DEMO_PASSWORD}"; or one click on the sign-in page):`,
      ...accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.role.padEnd(10)} ${a.displayName}`),
      `Registrar, doctors and pharmacist use two-step sign-in: add the TOTP secret ${DEMO_TOTP_SECRET} to an authenticator app.`,
      'Consent:',
      ...consentLines,
    ].join('\n'),
  );
}
