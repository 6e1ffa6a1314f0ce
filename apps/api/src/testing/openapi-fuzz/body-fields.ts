import type { OpenApiSchema, Random } from './document';

/** The fields of a body schema, and the ways the fuzzer breaks them. */

/** A field of a body schema, with the path problems use for it (`modules[0].title`). */
export interface BodyField {
  /** Keys to reach it in the sample body. */
  keys: (string | number)[];
  path: string;
  schema: OpenApiSchema;
  required: boolean;
}

export function fieldsOf(
  schema: OpenApiSchema,
  keys: (string | number)[] = [],
  path = '',
  depth = 0,
): BodyField[] {
  const out: BodyField[] = [];
  if (depth > 3) return out;
  const target = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema;
  for (const [name, prop] of Object.entries(target.properties ?? {})) {
    const fieldPath = path ? `${path}.${name}` : name;
    const fieldKeys = [...keys, name];
    out.push({
      keys: fieldKeys,
      path: fieldPath,
      schema: prop,
      required: (target.required ?? []).includes(name),
    });
    if (prop.type === 'object' || prop.properties)
      out.push(...fieldsOf(prop, fieldKeys, fieldPath, depth + 1));
    if (prop.type === 'array' && prop.items?.properties)
      out.push(...fieldsOf(prop.items, [...fieldKeys, 0], `${fieldPath}[0]`, depth + 1));
  }
  return out;
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sets (or deletes, with `remove`) the value at `keys`, creating containers on the way. */
export function setAt(body: unknown, keys: (string | number)[], value: unknown, remove = false): void {
  let node = body as Record<string | number, unknown>;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as string | number;
    if (typeof node[key] !== 'object' || node[key] === null)
      node[key] = typeof keys[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = keys[keys.length - 1] as string | number;
  if (remove) delete node[last];
  else node[last] = value;
}

/** A value of another JSON type than the schema's. */
export function wrongTypeFor(schema: OpenApiSchema, random: Random): unknown {
  switch (schema.type) {
    case 'string':
      return random.pick([12345, true, {}, [], 1.5, ['a']]);
    case 'integer':
      return random.pick(['12', 1.5, true, {}, [], '', 'NaN']);
    case 'number':
      return random.pick(['12', true, {}, [], '']);
    case 'boolean':
      return random.pick(['true', 1, 0, 'yes', {}, []]);
    case 'array':
      return random.pick(['a,b', 1, { 0: 'a' }, true]);
    default:
      return random.pick(['text', 1, true, []]);
  }
}

export const EXTRA_FIELD_NAMES = [
  'isAdmin',
  'role',
  'id',
  'createdAt',
  '$where',
  'unknown_field',
  'a.b',
  '\u202Eevil',
  '0',
];

/**
 * Integers at the edges of what JSON, JavaScript and PostgreSQL hold (int4 is 2^31 − 1; 2^53 + 1 is
 * no longer exact in a double; 1e20 is an integer to JavaScript and to no integer column), kept only
 * where they fall outside the range the schema declares: every one of them must be refused.
 */
export function outOfRangeIntegers(schema: OpenApiSchema | undefined): number[] {
  const min = schema?.minimum ?? -Infinity;
  const max = schema?.maximum ?? Infinity;
  const candidates = [2 ** 31, 2 ** 53 + 2, 1e20, -1, -(2 ** 31) - 1];
  // Without a declared maximum the large ones are sent all the same: every integer must be bounded.
  return candidates.filter((v) => v < min || v > max || (schema?.maximum === undefined && v > 0));
}

/** The same, written in a query or path (plus what is no integer at all). */
export function outOfRangeIntegerTexts(schema: OpenApiSchema | undefined): string[] {
  return [
    ...outOfRangeIntegers(schema).map((v) =>
      v === 1e20 ? '1e20' : v === 2 ** 53 + 2 ? '9007199254740994' : String(v),
    ),
    'NaN',
    '1.5',
    '0x10',
  ];
}
