/**
 * Invalid and hostile requests generated from the API's own OpenAPI document.
 *
 * `fuzzCases` walks every operation of the document and yields requests that are wrong on purpose:
 * wrong types, missing required and unknown fields, nulls, 1 MB strings and 10,000-item arrays, unicode
 * edge cases, malformed JSON and CSV, bodies above the body limit, wrong content types, path traversal
 * and SQL/script payloads in path ids and query strings. Deterministic: everything comes from a seeded
 * PRNG, so a failing case is found again with the same seed and index.
 *
 * Every request that could change data (any method but GET) carries at least one violation that the API
 * must refuse (an unknown field, a wrong type, a missing required field, a broken body), or addresses a
 * resource that does not exist: none of them may change the database.
 */

export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
  nullable?: boolean;
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: boolean | OpenApiSchema;
  description?: string;
  [key: string]: unknown;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
}

export interface OpenApiOperation {
  operationId?: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: OpenApiSchema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: OpenApiSchema }> }>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components?: { schemas?: Record<string, OpenApiSchema>; securitySchemes?: Record<string, unknown> };
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export interface FuzzOperation {
  operationId: string;
  method: HttpMethod;
  /** `/api/v1/courses/{id}` */
  path: string;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  /** Content types the operation accepts, and the body schema (refs resolved) of the JSON one. */
  consumes: string[];
  bodySchema: OpenApiSchema | null;
}

export interface FuzzCase {
  /** Index in the run (reproduce with the same seed). */
  index: number;
  operationId: string;
  method: HttpMethod;
  url: string;
  /** What was broken, for the counts and the failure messages. */
  kind: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Send the credentials of a role that may call the route (else: anonymous, or a broken token). */
  auth: 'role' | 'anonymous' | 'bad-token';
  /**
   * The field a validation problem must name (`name`, `deadlines[0].moduleKey`, `body`, a path or query
   * parameter). Set only where the case is sure to be refused by validation.
   */
  expectField?: string;
}

/** Small, fast, seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  uuid(): string {
    const hex = () => this.int(16).toString(16);
    const part = (n: number) => Array.from({ length: n }, hex).join('');
    return `${part(8)}-${part(4)}-4${part(3)}-${this.pick(['8', '9', 'a', 'b'])}${part(3)}-${part(12)}`;
  }
}

const ONE_MB = 1024 * 1024;

/** Strings that are hostile in a text field: unicode edge cases, injections, control characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\uD800', // lone high surrogate
  'abc\uDC00def', // lone low surrogate
  '\u202Egnp.exe', // right-to-left override
  'a\u200Bb\u200Cc\u200Dd\uFEFF', // zero-width characters and a BOM
  'nul\u0000byte',
  '\u0000',
  '\u0007\u001b[31mred\u001b[0m\r\n\t',
  '👩🏽‍💻🇲🇦🏳️‍🌈',
  '\u00e9t\u00e9', // NFC
  'e\u0301te\u0301', // NFD
  '\uFFFF\uFFFE',
  '\u{10FFFF}',
  'Z̴̡̧̛̛̛͖̱̗̱̥̠̮̞͇̳̝͓̹̘̯̟̖͔͍̆͗̈́̽̈́͐̀̍̈̓̀̈́̊̐̓̀̈̔̇̐͘͝͝ͅa̷l̸g̵o̶',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(5)--',
  '" OR ""="',
  "\\'; --",
  '$1',
  '%s%s%s%n',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<svg/onload=alert(1)>',
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '__proto__',
  'constructor',
  '',
  ' ',
  '\u00a0\u2028\u2029',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
];

/** Path segments (already URL-encoded or raw on purpose) that must never reach a file or a query. */
export const HOSTILE_IDS: readonly string[] = [
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '..%252F..%252Fetc%252Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '....//....//etc',
  '..',
  '.',
  '%00',
  'abc%00def',
  '%',
  '%E0%A4%A',
  '%C0%AE%C0%AE%2F',
  "1'%20OR%20'1'%3D'1",
  '1%3B%20DROP%20TABLE%20users%3B--',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  'null',
  'undefined',
  '0',
  '-1',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '%7B0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b%7D',
  '0b0b0b0b0b0b4b0b8b0b0b0b0b0b0b0b',
  '%F0%9F%98%80',
  '%E2%80%AE',
  '%EF%BB%BF',
  'a'.repeat(300),
  'a'.repeat(10_000),
];

/** Bodies that are not JSON, or JSON that is broken in some way. */
export const MALFORMED_JSON: readonly string[] = [
  '{',
  '}',
  '[',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  'nul',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":0x10}',
  '\uFEFF{"a":1}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":"\u0000"}',
  '{"\\u0000":1}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":1,"a":2}',
  '"just a string"',
  '12345',
  'true',
  'null',
  '[]',
  '[{}]',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
  ' ',
  '\u0000',
  '<?xml version="1.0"?><a>1</a>',
  'a=1&b=2',
];

/** A NUL or a lone surrogate as JSON.stringify writes them: refused before the other rules run. */
const UNUSABLE_IN_JSON = /\\u0000|\\ud[89a-f]/i;

const WRONG_CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'text/csv',
  'image/png',
  'application/json, text/csv',
  ';;;',
];

/** Malformed CSV files for the enrolment import: none of their rows may be a valid person. */
export const MALFORMED_CSV: readonly string[] = [
  '',
  '\n\n\n',
  'email;full name;territory code;preferred language',
  'email;full name;territory code;preferred language\n"unterminated;x;MA-02;fr',
  'email;full name;territory code;preferred language\nnot-an-email;Name;MA-02;fr',
  'email,full name,territory code,preferred language\nnot-an-email,Name,MA-02,fr',
  'email\tfull name\nnot-an-email\tName',
  '\uFEFFemail;full name\n;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;',
  'a;b;c\n1;2\n1;2;3;4;5',
  'email;full name;territory code;preferred language\n=cmd|\' /C calc\'!A0;=HYPERLINK("x");MA-02;fr',
  'email;full name;territory code;preferred language\n\u0000;\u0000;\u0000;\u0000',
  'email;full name;territory code;preferred language\n"a""b;c;"d;e',
  'email;full name;territory code;preferred language\n' + 'x'.repeat(ONE_MB),
  'email;full name;territory code;preferred language\n' + 'bad-email;n;XX-99;fr\n'.repeat(10_000),
  'email;' + 'col;'.repeat(10_000),
  '\r\r\r;\r;\r',
  'email;full name;territory code;preferred language\n\uD800@x;\u202Ename;MA-02;ar',
  "email;full name;territory code;preferred language\n' OR 1=1 --;x;' OR 1=1 --;fr",
  'email;full name;territory code;preferred language\n<script>alert(1)</script>;x;MA-02;xx',
];

/** Invalid UTF-8 as raw bytes (a CSV file saved in the wrong encoding, or garbage). */
const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff, 0xfe, 0x00, 0x65, 0x00, 0x6d]),
  Buffer.from([0xc3, 0x28, 0x3b, 0xa0, 0xa1]),
  Buffer.from('email;full name\nr\xe9mi@x;R\xe9mi', 'latin1'),
];

/**
 * encodeURIComponent that also takes lone surrogates (which it refuses): they go out as the bytes a
 * careless encoder would send (CESU/WTF-8), which are not valid UTF-8.
 */
export function encodeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i] as string);
    }
  }
  return out;
}

function resolveRef(doc: OpenApiDocument, ref: string): OpenApiSchema {
  const name = ref.replace('#/components/schemas/', '');
  const schema = doc.components?.schemas?.[name];
  if (!schema) throw new Error(`unresolved $ref ${ref}`);
  return schema;
}

/** The schema with its `$ref`s (and a single-entry allOf) replaced by what they point to, to a depth. */
export function resolveSchema(doc: OpenApiDocument, schema: OpenApiSchema, depth = 0): OpenApiSchema {
  if (depth > 8) return {};
  if (schema.$ref) {
    // Keywords beside the reference (nullable, description) still apply.
    const { $ref, ...siblings } = schema;
    return { ...resolveSchema(doc, resolveRef(doc, $ref), depth + 1), ...siblings };
  }
  if (schema.allOf && schema.allOf.length === 1 && schema.allOf[0])
    return resolveSchema(doc, { ...schema, allOf: undefined, ...schema.allOf[0] }, depth + 1);
  const out: OpenApiSchema = { ...schema };
  if (schema.items) out.items = resolveSchema(doc, schema.items, depth + 1);
  if (schema.properties)
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1)]),
    );
  if (schema.oneOf) out.oneOf = schema.oneOf.map((s) => resolveSchema(doc, s, depth + 1));
  if (schema.anyOf) out.anyOf = schema.anyOf.map((s) => resolveSchema(doc, s, depth + 1));
  return out;
}

/** Every operation of the document, with its parameters and body. */
export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      out.push({
        operationId: op.operationId ?? `${method} ${path}`,
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        consumes: Object.keys(content),
        bodySchema: json ? resolveSchema(doc, json) : null,
      });
    }
  }
  return out;
}

/** A plausible value for a schema: an example, an enum member, a value of the format. */
export function sampleOf(schema: OpenApiSchema, random: Random, depth = 0): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.[0]) return sampleOf(variants[0], random, depth + 1);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return random.uuid();
      if (schema.format === 'email') return 'someone@example.invalid';
      if (schema.format === 'date-time') return '2027-01-10T10:00:00.000Z';
      if (schema.format === 'date') return '2027-01-10';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 3));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array': {
      if (depth > 4 || !schema.items) return [];
      const n = Math.max(1, schema.minItems ?? 1);
      return Array.from({ length: n }, () => sampleOf(schema.items as OpenApiSchema, random, depth + 1));
    }
    case 'object':
    default: {
      if (!schema.properties || depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties))
        out[name] = sampleOf(prop, random, depth + 1);
      return out;
    }
  }
}

/** A field of a body schema, with the path problems use for it (`modules[0].title`). */
interface BodyField {
  /** Keys to reach it in the sample body. */
  keys: (string | number)[];
  path: string;
  schema: OpenApiSchema;
  required: boolean;
}

function fieldsOf(schema: OpenApiSchema, keys: (string | number)[] = [], path = '', depth = 0): BodyField[] {
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

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sets (or deletes, with `remove`) the value at `keys`, creating containers on the way. */
function setAt(body: unknown, keys: (string | number)[], value: unknown, remove = false): void {
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
function wrongTypeFor(schema: OpenApiSchema, random: Random): unknown {
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

const EXTRA_FIELD_NAMES = [
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
function outOfRangeIntegers(schema: OpenApiSchema | undefined): number[] {
  const min = schema?.minimum ?? -Infinity;
  const max = schema?.maximum ?? Infinity;
  const candidates = [2 ** 31, 2 ** 53 + 2, 1e20, -1, -(2 ** 31) - 1];
  // Without a declared maximum the large ones are sent all the same: every integer must be bounded.
  return candidates.filter((v) => v < min || v > max || (schema?.maximum === undefined && v > 0));
}

/** The same, written in a query or path (plus what is no integer at all). */
function outOfRangeIntegerTexts(schema: OpenApiSchema | undefined): string[] {
  return [
    ...outOfRangeIntegers(schema).map((v) =>
      v === 1e20 ? '1e20' : v === 2 ** 53 + 2 ? '9007199254740994' : String(v),
    ),
    'NaN',
    '1.5',
    '0x10',
  ];
}

/**
 * The worst bodies within the body limit: far more keys, items, depth or text than any request needs.
 * Each must be refused before validation, naming where, with a small answer.
 */
const MANY_KEYS = JSON.stringify(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])));

export interface FuzzFixtures {
  /** Real ids per path parameter name (e.g. a cohort for the CSV import), used with broken bodies only. */
  realIds: Record<string, string>;
}

interface Built {
  kind: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  auth?: FuzzCase['auth'];
  expectField?: string;
}

/**
 * Yields at least `perOperation` cases for every operation (more for operations with bodies), in a
 * deterministic order for a seed. Large payloads are built as they are yielded, not kept.
 */
export function* fuzzCases(
  doc: OpenApiDocument,
  options: { seed: number; perOperation: number; fixtures: FuzzFixtures },
): Generator<FuzzCase> {
  const random = new Random(prng(options.seed));
  let index = 0;
  const hugeString = 'A'.repeat(ONE_MB);
  // Above the 4 MB JSON body limit.
  const oversized = JSON.stringify({ data: 'B'.repeat(5 * ONE_MB) });
  for (const op of operationsOf(doc)) {
    const builders = buildersFor(op, random, options.fixtures, hugeString, oversized);
    for (let i = 0; i < options.perOperation; i++) {
      // Every builder once, in order, then at random: each kind of attack reaches each operation.
      const builder = i < builders.length ? (builders[i] as () => Built) : random.pick(builders);
      const built = builder();
      yield {
        index: index++,
        operationId: op.operationId,
        method: op.method,
        url: built.url,
        kind: built.kind,
        headers: built.headers ?? {},
        ...(built.payload !== undefined ? { payload: built.payload } : {}),
        auth: built.auth ?? 'role',
        ...(built.expectField ? { expectField: built.expectField } : {}),
      };
    }
  }
}

function buildersFor(
  op: FuzzOperation,
  random: Random,
  fixtures: FuzzFixtures,
  hugeString: string,
  oversized: string,
): (() => Built)[] {
  const writes = op.method !== 'get';
  const json = op.consumes.includes('application/json') || (writes && op.consumes.length === 0);
  const csv = op.consumes.includes('text/csv');
  const multipart = op.consumes.includes('multipart/form-data');
  const fields = op.bodySchema ? fieldsOf(op.bodySchema) : [];
  // Operations without a body schema ignore bodies: a broken field is no validation problem there.
  const hasBody = op.bodySchema !== null;
  const uuidParams = op.pathParams.filter(
    (p) => p.name !== 'n' && !['code', 'hash', 'lessonKey', 'phase', 'token'].includes(p.name),
  );

  /** A path parameter's value: random ids that do not exist, hostile strings, or a fixture. */
  const paramValue = (name: string, mode: 'random' | 'real'): string => {
    if (name === 'n') return String(1 + random.int(3));
    if (name === 'phase') return random.pick(['start', 'end']);
    if (name === 'code') return random.pick(['TC-ABCD-EFGH', 'ZZZZ-0000', 'x']);
    if (name === 'hash') return 'a'.repeat(64);
    if (name === 'lessonKey') return 'l1';
    if (name === 'token') return 'a'.repeat(43);
    if (mode === 'real' && fixtures.realIds[name]) return fixtures.realIds[name];
    return random.uuid();
  };
  const url = (
    overrides: Record<string, string> = {},
    query = '',
    mode: 'random' | 'real' = 'random',
  ): string => {
    const path = op.path.replace(
      /\{(\w+)\}/g,
      (_m, name: string) => overrides[name] ?? paramValue(name, mode),
    );
    return query ? `${path}?${query}` : path;
  };
  const jsonHeaders = { 'content-type': 'application/json' };
  const base = (): Record<string, unknown> => {
    const sample = op.bodySchema ? sampleOf(op.bodySchema, random) : {};
    return typeof sample === 'object' && sample !== null && !Array.isArray(sample)
      ? clone(sample as Record<string, unknown>)
      : {};
  };
  const extraName = () => random.pick(EXTRA_FIELD_NAMES);
  /** A body that must be refused: the given body plus an unknown top-level field. */
  const withExtra = (body: Record<string, unknown>, kind: string): Built => {
    const extra = extraName();
    return {
      kind,
      url: url({}, '', 'real'),
      headers: jsonHeaders,
      payload: JSON.stringify({ ...body, [extra]: 'x' }),
      ...(hasBody ? { expectField: extra } : {}),
    };
  };

  const builders: (() => Built)[] = [];

  // --- path parameters: traversal, injections, wrong shapes (the rest of the request is harmless)
  for (const param of op.pathParams) {
    builders.push(() => {
      const value = random.pick(HOSTILE_IDS);
      const isUuid = uuidParams.includes(param);
      // A hostile id cannot name anything: a write is refused (400 or 404) whatever its body.
      const malformedUuid =
        isUuid && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
      return {
        kind: 'path-hostile',
        url: url({ [param.name]: value }),
        ...(writes && json ? { headers: jsonHeaders, payload: JSON.stringify(base()) } : {}),
        // Named when nothing else can be at fault first: no body to validate, and the id still one path
        // segment of the route (no slash, no escape the router decodes, not above its length limit).
        ...(malformedUuid &&
        !(writes && hasBody) &&
        op.queryParams.every((q) => !q.required) &&
        value.length < 100 &&
        !/[%/]/.test(value) &&
        value !== '..' &&
        value !== '.'
          ? { expectField: param.name }
          : {}),
      };
    });
  }
  // --- query strings: hostile values for every declared parameter, unknown and repeated parameters
  for (const param of op.queryParams) {
    builders.push(() => ({
      kind: 'query-hostile',
      url: url({}, `${param.name}=${encodeText(random.pick(HOSTILE_STRINGS))}`, writes ? 'random' : 'real'),
      ...(writes && json ? { headers: jsonHeaders, payload: JSON.stringify({ [extraName()]: 1 }) } : {}),
    }));
    builders.push(() => ({
      kind: 'query-repeated',
      url: url({}, `${param.name}=a&${param.name}=b&${param.name}[]=c`, writes ? 'random' : 'real'),
      ...(writes && json ? { headers: jsonHeaders, payload: JSON.stringify({ [extraName()]: 1 }) } : {}),
    }));
    builders.push(() => ({
      kind: 'query-huge',
      url: url(
        {},
        `${param.name}=${'q'.repeat(random.pick([1000, 20_000, 60_000]))}`,
        writes ? 'random' : 'real',
      ),
      ...(writes && json ? { headers: jsonHeaders, payload: JSON.stringify({ [extraName()]: 1 }) } : {}),
    }));
  }
  // Integer parameters (query and path) at and past their bounds.
  for (const param of [...op.queryParams, ...op.pathParams]) {
    if (param.schema?.type !== 'integer' && param.schema?.type !== 'number') continue;
    const texts = outOfRangeIntegerTexts(param.schema);
    builders.push(() => {
      const value = random.pick(texts);
      const inPath = param.in === 'path';
      return {
        kind: 'param-boundary-integer',
        url: inPath ? url({ [param.name]: value }, '', 'real') : url({}, `${param.name}=${value}`, 'real'),
        ...(writes && json ? { headers: jsonHeaders, payload: JSON.stringify(base()) } : {}),
        // Named when nothing else can be at fault first: no body, no id that a guard looks up.
        ...(!(writes && hasBody) && uuidParams.length === 0 ? { expectField: param.name } : {}),
      };
    });
  }
  builders.push(() => {
    const name = random.pick([
      '__proto__[admin]',
      'constructor[prototype][x]',
      'evil',
      'where',
      'limit[$gt]',
    ]);
    return {
      kind: 'query-unknown',
      url: url({}, `${encodeURIComponent(name)}=${encodeText(random.pick(HOSTILE_STRINGS))}`),
      ...(writes && json
        ? { headers: jsonHeaders, payload: JSON.stringify({ ...base(), [extraName()]: 1 }) }
        : {}),
    };
  });
  builders.push(() => ({
    kind: 'query-malformed',
    url: url(
      {},
      random.pick(['%', '%zz=1', 'a=%E0%A4%A', '&&&=&', '=x', 'a[b][c][d][e][f]=1', 'a=1&'.repeat(2000)]),
    ),
    ...(writes && json ? { headers: jsonHeaders, payload: '{' } : {}),
  }));

  // --- credentials: anonymous and broken tokens (the body is broken too, for writes)
  builders.push(() => ({
    kind: 'anonymous',
    url: url({}, '', 'real'),
    auth: 'anonymous',
    ...(writes ? { headers: jsonHeaders, payload: JSON.stringify({ ...base(), [extraName()]: 1 }) } : {}),
  }));
  builders.push(() => ({
    kind: 'bad-token',
    url: url({}, '', 'real'),
    auth: 'bad-token',
    ...(writes ? { headers: jsonHeaders, payload: JSON.stringify({ ...base(), [extraName()]: 1 }) } : {}),
  }));

  if (writes && !csv && !multipart) {
    // --- malformed JSON, wrong content types, oversized bodies
    builders.push(() => ({
      kind: 'json-malformed',
      url: url({}, '', 'real'),
      headers: jsonHeaders,
      payload: random.pick(MALFORMED_JSON),
    }));
    builders.push(() => {
      const whole = JSON.stringify(base());
      return {
        kind: 'json-truncated',
        url: url({}, '', 'real'),
        headers: jsonHeaders,
        payload: whole.slice(0, Math.max(1, random.int(whole.length - 1))),
        expectField: 'body',
      };
    });
    builders.push(() => ({
      kind: 'content-type-wrong',
      url: url({}, '', 'real'),
      headers: { 'content-type': random.pick(WRONG_CONTENT_TYPES) },
      // Some of these still read as JSON (a charset, a list): the unknown field keeps the body refused.
      payload: JSON.stringify({ ...base(), [extraName()]: 1 }),
    }));
    builders.push(() => ({
      kind: 'content-type-missing',
      url: url({}, '', 'real'),
      payload: JSON.stringify({ ...base(), [extraName()]: 1 }),
    }));
    builders.push(() => ({
      kind: 'body-oversized',
      url: url({}, '', 'real'),
      headers: jsonHeaders,
      payload: oversized,
      expectField: 'body',
    }));
    builders.push(() => ({
      kind: 'body-wrong-shape',
      url: url({}, '', 'real'),
      headers: jsonHeaders,
      payload: random.pick(['[]', '"x"', '1', 'null', 'true', '[{"a":1}]', JSON.stringify([base()])]),
    }));
    builders.push(() => withExtra(base(), 'field-extra'));
    // --- the worst shapes: each refused at the parser, naming where
    const top = fields.filter((f) => f.keys.length === 1);
    const arrayField = top.find((f) => f.schema.type === 'array');
    const objectField = top.find((f) => f.schema.type === 'object' || f.schema.properties);
    const stringField = top.find((f) => f.schema.type === 'string');
    builders.push(() => ({
      kind: 'shape-many-keys',
      url: url({}, '', 'real'),
      headers: jsonHeaders,
      payload: MANY_KEYS,
      expectField: 'body',
    }));
    builders.push(() => {
      const at = objectField?.path ?? 'extra';
      return {
        kind: 'shape-many-keys',
        url: url({}, '', 'real'),
        headers: jsonHeaders,
        payload: `{"${at}":${MANY_KEYS}}`,
        expectField: at,
      };
    });
    builders.push(() => {
      const at = arrayField?.path ?? 'extra';
      return {
        kind: 'shape-many-items',
        url: url({}, '', 'real'),
        headers: jsonHeaders,
        payload: `{"${at}":[${'0,'.repeat(100_000)}0]}`,
        expectField: at,
      };
    });
    builders.push(() => {
      const at = top[0]?.path ?? 'extra';
      return {
        kind: 'shape-deep',
        url: url({}, '', 'real'),
        headers: jsonHeaders,
        payload: `{"${at}":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
        expectField: at,
      };
    });
    builders.push(() => {
      const at = stringField?.path ?? 'extra';
      return {
        kind: 'shape-long-string',
        url: url({}, '', 'real'),
        headers: jsonHeaders,
        payload: JSON.stringify({ ...base(), [at]: `${hugeString}AA` }),
        expectField: at,
      };
    });
    builders.push(() => {
      // Unknown fields nested in objects and array items too.
      const body = base();
      // Free-form maps (additionalProperties) take any key: only objects with fixed fields.
      const nested = fields.filter((f) => f.schema.properties && !f.schema.additionalProperties);
      if (!nested.length) return withExtra(body, 'field-extra');
      const field = random.pick(nested);
      // Inside an object a numeric key would read as an index (`name[0]`): a named one here.
      const extra = random.pick(EXTRA_FIELD_NAMES.filter((n) => !/^\d+$/.test(n)));
      setAt(body, [...field.keys, extra], 'x');
      return {
        kind: 'field-extra-nested',
        url: url({}, '', 'real'),
        headers: jsonHeaders,
        payload: JSON.stringify(body),
        expectField: `${field.path}.${extra}`,
      };
    });
    // --- field by field: wrong type, missing, null, huge, hostile text, huge arrays
    for (const field of fields) {
      builders.push(() => {
        const body = base();
        setAt(body, field.keys, wrongTypeFor(field.schema, random));
        return {
          kind: 'field-wrong-type',
          url: url({}, '', 'real'),
          headers: jsonHeaders,
          payload: JSON.stringify(body),
          expectField: field.path,
        };
      });
      if (field.required) {
        builders.push(() => {
          const body = base();
          setAt(body, field.keys, undefined, true);
          return {
            kind: 'field-missing',
            url: url({}, '', 'real'),
            headers: jsonHeaders,
            payload: JSON.stringify(body),
            expectField: field.path,
          };
        });
      }
      builders.push(() => {
        const body = base();
        setAt(body, field.keys, null);
        // null is a value for an optional field; the unknown field keeps the request refused.
        // (Nested fields: nullability is not always in the document; only top-level ones are sure.)
        if (!field.required || field.schema.nullable || field.keys.length > 1)
          return withExtra(body, 'field-null');
        return {
          kind: 'field-null',
          url: url({}, '', 'real'),
          headers: jsonHeaders,
          payload: JSON.stringify(body),
          expectField: field.path,
        };
      });
      if (field.schema.type === 'string' || field.schema.type === undefined) {
        builders.push(() => {
          const body = base();
          setAt(body, field.keys, hugeString);
          return withExtra(body, 'field-huge-string');
        });
        builders.push(() => {
          const body = base();
          setAt(body, field.keys, random.pick(HOSTILE_STRINGS));
          // With a random (missing) id the request is refused by a lookup, not by validation: the
          // hostile text reaches the service.
          if (uuidParams.length && random.int(2) === 0)
            return {
              kind: 'field-hostile-text',
              url: url(),
              headers: jsonHeaders,
              payload: JSON.stringify(body),
            };
          const refused = withExtra(body, 'field-hostile-text');
          // NUL and lone surrogates are refused before (some of) the rules run: they may be named alone.
          if (UNUSABLE_IN_JSON.test(JSON.stringify(body))) delete refused.expectField;
          return refused;
        });
      }
      if (field.schema.type === 'array') {
        builders.push(() => {
          const body = base();
          const item = field.schema.items ? sampleOf(field.schema.items, random) : 'x';
          setAt(
            body,
            field.keys,
            Array.from({ length: 10_000 }, () => item),
          );
          // Refused by the body's bounds before validation: the array (or the whole body, when its
          // items hold several values each and the count of values is reached first).
          return {
            kind: 'field-huge-array',
            url: url({}, '', 'real'),
            headers: jsonHeaders,
            payload: JSON.stringify(body),
            expectField: field.path,
          };
        });
      }
      if (field.schema.type === 'integer') {
        const values = outOfRangeIntegers(field.schema);
        if (values.length)
          builders.push(() => {
            const body = base();
            setAt(body, field.keys, random.pick(values));
            return {
              kind: 'field-boundary-integer',
              url: url({}, '', 'real'),
              headers: jsonHeaders,
              payload: JSON.stringify(body),
              expectField: field.path,
            };
          });
      }
      if (field.schema.type === 'integer' || field.schema.type === 'number') {
        builders.push(() => {
          const body = base();
          setAt(
            body,
            field.keys,
            random.pick([-1, -2147483649, 2147483648, 2 ** 53 + 1, 1e308, -0, 0.000001]),
          );
          return withExtra(body, 'field-extreme-number');
        });
      }
    }
  }

  if (csv) {
    builders.push(() => ({
      kind: 'csv-malformed',
      url: url({}, `dryRun=${random.pick(['true', 'false'])}`, 'real'),
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      payload: random.pick(MALFORMED_CSV),
    }));
    builders.push(() => ({
      kind: 'csv-invalid-utf8',
      url: url({}, 'dryRun=false', 'real'),
      headers: { 'content-type': 'text/csv' },
      payload: random.pick(INVALID_UTF8),
    }));
    builders.push(() => {
      const payload = JSON.stringify({ csv: random.pick(MALFORMED_CSV).slice(0, 200) });
      return {
        kind: 'csv-as-json',
        url: url({}, 'dryRun=false', 'real'),
        headers: jsonHeaders,
        payload,
        // (A NUL or a lone surrogate inside is named first, as `csv`.)
        ...(UNUSABLE_IN_JSON.test(payload) ? {} : { expectField: 'body' }),
      };
    });
    builders.push(() => ({
      kind: 'csv-wrong-content-type',
      url: url({}, 'dryRun=false', 'real'),
      headers: {
        // (text/plain is taken as the CSV file it usually is.)
        'content-type': random.pick(['application/octet-stream', 'multipart/form-data', 'application/xml']),
      },
      payload: random.pick(MALFORMED_CSV).slice(0, 200),
    }));
    builders.push(() => ({
      kind: 'csv-oversized',
      url: url({}, 'dryRun=false', 'real'),
      headers: { 'content-type': 'text/csv' },
      payload: 'email;full name\n' + 'x;y\n'.repeat(1_500_000),
      expectField: 'body',
    }));
  }

  if (multipart) {
    const boundary = '----tcfuzz';
    const part = (name: string, filename: string, type: string, bytes: string) =>
      `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${filename}"\r\ncontent-type: ${type}\r\n\r\n${bytes}\r\n--${boundary}--\r\n`;
    builders.push(() => ({
      kind: 'multipart-malformed',
      url: url(),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: random.pick([
        '',
        `--${boundary}\r\n`,
        `--${boundary}\r\ncontent-disposition: form-data; name="file"\r\n\r\nabc`,
        part('other', 'a.png', 'image/png', 'x'),
        part('file', '../../etc/passwd', 'image/png', 'not a png'),
        part('file', '<script>.svg', 'image/svg+xml', '<svg onload="alert(1)"/>'),
        part('file', 'a.pdf', 'application/pdf', '%PDF-garbage'),
        part('file', '\u202Egnp.exe', 'application/x-msdownload', 'MZ\u0000\u0000'),
      ]),
    }));
    builders.push(() => ({
      kind: 'multipart-wrong-content-type',
      url: url(),
      headers: jsonHeaders,
      payload: JSON.stringify({ file: 'x' }),
      expectField: 'file',
    }));
  }

  // GETs: the plain request with real ids, and with a body it should ignore or refuse.
  if (!writes) {
    builders.push(() => ({ kind: 'get-random-id', url: url() }));
  }
  return builders;
}
