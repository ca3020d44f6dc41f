// Demo mode: imports a few synthetic patients' histories (once per data directory) and prints where to
// look. Accounts for the demo roles arrive with the accounts module.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { settings } from '../db/schema.ts';
import { importBundle } from '../modules/records/import-bundle.ts';
import type { Platform } from '../platform.ts';
import { systemActor } from '../repository/actor.ts';

const bundles = fileURLToPath(new URL('./synthea/', import.meta.url));

export async function seedDemo(platform: Platform, print: (line: string) => void): Promise<void> {
  const [seeded] = await platform.db.select().from(settings).where(eq(settings.key, 'demo.patients'));
  if (seeded) {
    print(`Demo data already present:\n${seeded.value}`);
    return;
  }
  const actor = systemActor('demo', 'demo');
  const lines: string[] = [];
  for (const file of readdirSync(bundles).filter((f) => f.endsWith('.json')).sort()) {
    const bundle: unknown = JSON.parse(readFileSync(bundles + file, 'utf8'));
    const patient = await platform.patients.register();
    const written = await importBundle(platform.store, actor, patient.id, bundle, `demo:synthea/${file}`);
    const first = written.find((w) => w.resourceType === 'Patient') ?? written[0]!;
    lines.push(`  Health ID ${patient.healthId}: ${written.length} records, e.g. /verify?id=${first.id}`);
  }
  const summary = lines.join('\n');
  await platform.db.insert(settings).values({ key: 'demo.patients', value: summary });
  print(`Demo patients imported (anchoring on chain now):\n${summary}`);
}
