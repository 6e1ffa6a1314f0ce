/** The OpenAPI document as the fuzzer reads it: its types, its operations, plausible values. */

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

export class Random {
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
