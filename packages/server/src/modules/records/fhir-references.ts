// References between FHIR resources (`{ "reference": "Observation/123" }`), wherever they sit in a
// resource: found and rewritten when a bundle comes in and when the record goes out.

/** A copy of `value` with every `reference` found in `targets` replaced by its target. */
export function rewriteReferences(value: unknown, targets: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteReferences(item, targets));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        key === 'reference' && typeof item === 'string' && targets.has(item)
          ? targets.get(item)
          : rewriteReferences(item, targets);
    }
    return out;
  }
  return value;
}

/** Every `reference` string anywhere in a resource. */
export function referencesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) referencesIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') found.push(item);
      else referencesIn(item, found);
    }
  }
  return found;
}
