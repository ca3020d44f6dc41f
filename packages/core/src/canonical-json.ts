// RFC 8785 JSON Canonicalization Scheme: the one byte form of a value that content hashes are taken over.
import canonicalize from 'canonicalize';
import { Invalid } from './errors.ts';

/**
 * Serialises `value` per RFC 8785 (keys sorted by UTF-16 code units, ECMAScript number formatting, minimal
 * string escaping). Like JSON.stringify, an `undefined` or symbol member of an object is left out and one
 * in an array is written as null, and toJSON is honoured. Throws `Invalid` for anything else without a
 * JSON form: `undefined` or a symbol as the whole value, functions anywhere, NaN/Infinity, BigInt, lone
 * surrogates, cycles and sparse arrays.
 */
export function canonicalJson(value: unknown): string {
  // The library writes a function inside an array as an empty slot (`[fn]` becomes `[]`), silently
  // changing the data; functions are never record content, so they are refused wherever they are.
  if (containsFunction(value, new Set())) {
    throw new Invalid('Value cannot be canonicalised: it contains a function');
  }
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (cause) {
    throw new Invalid(`Value cannot be canonicalised: ${reason(cause)}`);
  }
  if (text === undefined) throw new Invalid('Value cannot be canonicalised: it has no JSON form');
  // The library emits an empty array slot for holes (`[1,,2]`) and a bare `undefined` for members whose
  // toJSON yields a function, instead of failing; re-parsing catches every such case.
  try {
    JSON.parse(text);
  } catch {
    throw new Invalid('Value cannot be canonicalised: it contains a member with no JSON form');
  }
  return text;
}

function containsFunction(value: unknown, seen: Set<object>): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  // An object with its own toJSON is serialised through it; the library handles that path.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  seen.add(value);
  return Object.values(value).some((member) => containsFunction(member, seen));
}

const KNOWN_REASONS: readonly (readonly [RegExp, string])[] = [
  [/NaN/, 'NaN is not allowed'],
  [/Infinity/, 'Infinity is not allowed'],
  [/surrogate/i, 'lone surrogates are not allowed'],
  [/circular/i, 'cyclic structures are not allowed'],
  [/BigInt/, 'BigInt is not allowed'],
];

// Only fixed phrases are reported: a throwing toJSON could put anything in its message, and error
// messages must never carry the data being hashed.
function reason(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : '';
  return KNOWN_REASONS.find(([pattern]) => pattern.test(message))?.[1] ?? 'unsupported value';
}
