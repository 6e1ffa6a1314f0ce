/**
 * JSON Schemas of the shared contracts (`libs/shared/contracts`), in the OpenAPI 3.0 dialect, for the
 * API's OpenAPI document: the controllers answer with these interfaces, and `ApiContractResponse`
 * (libs/shared/api) points their responses at `#/components/schemas/<Interface>`.
 *
 *   npm run contract-schemas           writes libs/shared/api/src/lib/contract-schemas.generated.ts
 *   npm run contract-schemas -- --check  exits 1 when that file is stale
 *
 * libs/shared/api's contract-schemas.spec.ts fails when the committed file differs from what this
 * generates, so a changed interface cannot drift from the document.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = resolve(__dirname, '../..');
const CONTRACTS = 'libs/shared/contracts';
export const GENERATED_FILE = 'libs/shared/api/src/lib/contract-schemas.generated.ts';

/** An OpenAPI 3.0 schema object, or a draft-07 one on its way to becoming one. */
export type Schema = { [keyword: string]: unknown };

/** Keywords an OpenAPI 3.0 schema object may have; anything else the generator emits is refused. */
const OPENAPI_KEYWORDS = new Set([
  'title',
  'description',
  'type',
  'format',
  'enum',
  'nullable',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'default',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$ref',
]);

const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;

/** The draft-07 definitions ts-json-schema-generator makes of every exported type of the contracts. */
function draftDefinitions(): Record<string, Schema> {
  const schema = createGenerator({
    path: join(ROOT, CONTRACTS, 'src/index.ts'),
    tsconfig: join(ROOT, CONTRACTS, 'tsconfig.lib.json'),
    type: '*',
    expose: 'export',
    // `isLocale` and other helpers are no contract.
    functions: 'hide',
    // The build type-checks the contracts; here only their shapes matter.
    skipTypeCheck: true,
    // Extra fields in a response (an e-mail leaking) must fail the check.
    additionalProperties: false,
  }).createSchema('*');
  // The root type asked for, "*", comes out as a definition of its own (`{ not: {} }`).
  const { '*': _root, ...definitions } = (schema.definitions ?? {}) as Record<string, Schema>;
  return definitions;
}

/** Converts draft-07 (as the generator writes it) to OpenAPI 3.0: refs, `nullable`, no `const`. */
class OpenApiConverter {
  constructor(private readonly definitions: Record<string, Schema>) {}

  convert(schema: Schema, where: string): Schema {
    const { $ref, anyOf, type, const: constant, ...rest } = schema;
    if (typeof $ref === 'string') {
      const target = { $ref: this.componentRef($ref, where) };
      const siblings = this.keywords(rest, where);
      // OpenAPI 3.0 ignores (and Spectral refuses) keywords beside a $ref: a description goes around it.
      return Object.keys(siblings).length ? { ...siblings, allOf: [target] } : target;
    }
    if (Array.isArray(anyOf)) {
      const members = anyOf as Schema[];
      const others = members.filter((m) => m['type'] !== 'null');
      const siblings = this.keywords({ ...rest, ...(type === undefined ? {} : { type }) }, where);
      if (others.length === members.length)
        return { ...siblings, anyOf: others.map((m, i) => this.convert(m, `${where}.anyOf[${i}]`)) };
      if (others.length !== 1)
        throw new Error(`${where}: a union of null and several types has no OpenAPI 3.0 form; name it`);
      return this.nullable({ ...this.inline(others[0] as Schema, where), ...siblings }, where);
    }
    const converted = this.keywords(rest, where);
    if (constant !== undefined) converted['enum'] = [constant];
    if (Array.isArray(type)) {
      const types = (type as string[]).filter((t) => t !== 'null');
      if (types.length !== 1)
        throw new Error(`${where}: type ${JSON.stringify(type)} has no OpenAPI 3.0 form`);
      converted['type'] = types[0];
      return type.includes('null') ? this.nullable(converted, where) : converted;
    }
    if (type === 'null') throw new Error(`${where}: a lone null type has no OpenAPI 3.0 form`);
    if (type !== undefined) converted['type'] = type;
    return converted;
  }

  /** The keywords of `schema` other than the ones `convert` handles itself, their subschemas converted. */
  private keywords(schema: Schema, where: string): Schema {
    const out: Schema = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (!OPENAPI_KEYWORDS.has(keyword)) throw new Error(`${where}: "${keyword}" is not OpenAPI 3.0`);
      if (keyword === 'properties') {
        out[keyword] = Object.fromEntries(
          Object.entries(value as Record<string, Schema>).map(([name, s]) => [
            name,
            this.convert(s, `${where}.${name}`),
          ]),
        );
      } else if (keyword === 'items') {
        if (Array.isArray(value)) throw new Error(`${where}: tuples have no OpenAPI 3.0 form`);
        out[keyword] = this.convert(value as Schema, `${where}[]`);
      } else if (keyword === 'additionalProperties' && typeof value === 'object') {
        out[keyword] = this.convert(value as Schema, `${where}{}`);
      } else if (keyword === 'allOf' || keyword === 'oneOf') {
        out[keyword] = (value as Schema[]).map((s, i) => this.convert(s, `${where}.${keyword}[${i}]`));
      } else if (keyword === 'not') {
        out[keyword] = this.convert(value as Schema, `${where}.not`);
      } else if (keyword === 'required' && Array.isArray(value) && value.length === 0) {
        // OpenAPI 3.0 wants at least one name there.
      } else {
        out[keyword] = value;
      }
    }
    return out;
  }

  /**
   * A subschema made nullable. OpenAPI 3.0's `nullable` only widens a `type` of the same schema (a
   * `$ref` has no siblings), so a referenced schema is copied in; an enum lists null too.
   */
  private nullable(schema: Schema, where: string): Schema {
    if (schema['nullable'] === true) return schema;
    if (typeof schema['type'] !== 'string')
      throw new Error(`${where}: only a schema with one type can be nullable in OpenAPI 3.0`);
    const out: Schema = { ...schema, nullable: true };
    if (Array.isArray(schema['enum']) && !schema['enum'].includes(null))
      out['enum'] = [...schema['enum'], null];
    return out;
  }

  /** `schema` converted, a reference replaced by (a copy of) what it refers to. */
  private inline(schema: Schema, where: string): Schema {
    const { $ref, ...rest } = schema;
    if (typeof $ref !== 'string') return this.convert(schema, where);
    const name = this.definitionName($ref, where);
    return { ...this.convert(this.definitions[name] as Schema, name), ...this.keywords(rest, where) };
  }

  private definitionName(ref: string, where: string): string {
    const name = decodeURIComponent(ref.replace(/^#\/definitions\//, ''));
    if (!this.definitions[name]) throw new Error(`${where}: unknown reference ${ref}`);
    return name;
  }

  private componentRef(ref: string, where: string): string {
    const name = this.definitionName(ref, where);
    if (!COMPONENT_NAME.test(name))
      throw new Error(`${where}: "${name}" is no component name; give the type a name of its own`);
    return `#/components/schemas/${name}`;
  }
}

/** Every exported type of the contracts as an OpenAPI 3.0 schema, by name. */
export function generateContractSchemas(): Record<string, Schema> {
  const definitions = draftDefinitions();
  const converter = new OpenApiConverter(definitions);
  return Object.fromEntries(
    Object.keys(definitions)
      .sort()
      .map((name) => {
        if (!COMPONENT_NAME.test(name)) throw new Error(`"${name}" is no component name`);
        return [name, converter.convert(definitions[name] as Schema, name)];
      }),
  );
}

/** The generated file's text (prettier-formatted, as the repository's format check wants it). */
export async function renderContractSchemas(
  schemas: Record<string, Schema> = generateContractSchemas(),
): Promise<string> {
  const names = Object.keys(schemas);
  const text = [
    `// Generated by tools/scripts/contract-schemas.ts (npm run contract-schemas) from libs/shared/contracts:`,
    `// do not edit. OpenAPI 3.0 schemas of the contract types, for the API's document.`,
    ``,
    `export const CONTRACT_SCHEMA_NAMES = ${JSON.stringify(names)} as const;`,
    ``,
    `export type ContractSchemaName = (typeof CONTRACT_SCHEMA_NAMES)[number];`,
    ``,
    `export const CONTRACT_SCHEMAS: Record<ContractSchemaName, Record<string, unknown>> = ${JSON.stringify(schemas)};`,
    ``,
  ].join('\n');
  const prettier = await import('prettier');
  const file = join(ROOT, GENERATED_FILE);
  const options = await prettier.resolveConfig(file);
  return prettier.format(text, { ...options, filepath: file });
}

/** The schemas that differ between the committed file and `schemas`, by name. */
async function staleNames(file: string, schemas: Record<string, Schema>): Promise<string[]> {
  let committed: Record<string, Schema> = {};
  try {
    committed = ((await import(file)) as { CONTRACT_SCHEMAS: Record<string, Schema> }).CONTRACT_SCHEMAS;
  } catch {
    // missing or unreadable: every schema is stale
  }
  return [...new Set([...Object.keys(committed), ...Object.keys(schemas)])]
    .filter((name) => JSON.stringify(committed[name]) !== JSON.stringify(schemas[name]))
    .sort();
}

async function main(): Promise<void> {
  const file = join(ROOT, GENERATED_FILE);
  const schemas = generateContractSchemas();
  const text = await renderContractSchemas(schemas);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing: stale
    }
    if (current !== text) {
      const stale = await staleNames(file, schemas);
      console.error(
        `${GENERATED_FILE} is stale (${stale.length ? stale.join(', ') : 'its text'}): run npm run contract-schemas`,
      );
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(file, text);
  console.log(`${GENERATED_FILE}: ${Object.keys(schemas).length} schemas`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
