/**
 * Canonical JSON for hashing: object keys sorted recursively (by UTF-16 code units, as
 * Array.prototype.sort does), no whitespace, strings and numbers written as JSON.stringify writes
 * them. That is the JSON Canonicalization Scheme of RFC 8785 for the values Bezel stores, so an
 * auditor can recompute an audit hash with any JCS library, not only with this code.
 *
 * Values that JSON cannot carry faithfully are refused rather than silently changed (NaN would
 * become null, a Date would become a string, a Map would become {}): a hash over a value that is
 * not what was meant is worse than an error at the call site.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class CanonicalJsonError extends TypeError {
  override name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path} is ${value}, which JSON cannot represent`);
      // JSON.stringify prints numbers as ECMAScript's Number::toString does, which is what RFC 8785 asks (and -0 as 0).
      return JSON.stringify(value);
    case 'object':
      return writeContainer(value, path, ancestors);
    default:
      throw new CanonicalJsonError(`${path} is a ${typeof value}, which JSON cannot represent`);
  }
}

function writeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new CanonicalJsonError(`${path} refers back to itself`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      // An undefined element would print as null in JSON: refuse it rather than change the value.
      return `[${value.map((element, index) => write(element, `${path}[${index}]`, ancestors)).join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new CanonicalJsonError(`${path} is a ${prototype?.constructor?.name ?? 'non-plain object'}; pass plain objects, arrays and primitives`);
    }
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      // Skipped as JSON.stringify and jsonb skip it, so a value hashes the same before and after a database round trip.
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${write(member, `${path}.${key}`, ancestors)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
