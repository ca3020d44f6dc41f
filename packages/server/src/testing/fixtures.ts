// Test fixtures drawn from the shared reference data beside the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const sharedData = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

export function syntheaBundle(index = 0): unknown {
  const dir = `${sharedData}synthea/bundles/`;
  const files = readdirSync(dir).filter((f) => /^[A-Z][a-z]+_[A-Z]/.test(f)).sort();
  return JSON.parse(readFileSync(dir + files[index % files.length], 'utf8'));
}

/** A small FHIR resource with a recognisable canary string in it. */
export const observation = (canary: string, value = 120) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: `Systolic blood pressure ${canary}` },
  valueQuantity: { value, unit: 'mm[Hg]' },
});
