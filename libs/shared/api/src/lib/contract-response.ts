import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { CONTRACT_SCHEMAS, type ContractSchemaName } from './contract-schemas.generated';

export type { ContractSchemaName } from './contract-schemas.generated';

type Schema = Record<string, unknown>;

export interface ApiContractResponseOptions {
  /** The success status; 200 unless said (a POST without `@HttpCode` answers 201: say so). */
  status?: number;
  /** An array of the contract type. */
  isArray?: boolean;
  description?: string;
  /** Media types of the files the route answers with instead of JSON when asked (`?format=csv`). */
  files?: string[];
}

/** A file's body: text for `text/*`, bytes otherwise. */
function fileContent(mediaTypes: string[]): Record<string, { schema: Schema }> {
  return Object.fromEntries(
    mediaTypes.map((type) => [
      type,
      { schema: type.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' } },
    ]),
  );
}

/**
 * The route's JSON answer is the contract type `name` (an interface of `@tc/shared/contracts`): the
 * document's response refers to `#/components/schemas/<name>`, generated from the interface
 * (tools/scripts/contract-schemas.ts) and added to the document by {@link addContractSchemas}.
 */
export const ApiContractResponse = (name: ContractSchemaName, options: ApiContractResponseOptions = {}) => {
  const ref = { $ref: `#/components/schemas/${name}` };
  return ApiResponse({
    status: options.status ?? 200,
    description: options.description ?? (options.isArray ? `${name}[]` : name),
    content: {
      'application/json': { schema: options.isArray ? { type: 'array', items: ref } : ref },
      ...fileContent(options.files ?? []),
    },
  });
};

/** The route answers with a file (an image, a PDF) of one of `mediaTypes`. */
export const ApiFileResponse = (mediaTypes: string[], description: string, status = 200) =>
  ApiResponse({ status, description, content: fileContent(mediaTypes) });

function refsIn(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith('#/components/schemas/'))
        found.add(item.slice('#/components/schemas/'.length));
      else refsIn(item, found);
    }
  }
  return found;
}

/**
 * Adds to `document` the contract schemas its responses refer to, and those these refer to; only those
 * (Spectral warns about unused components). A reference to a schema that exists nowhere, or a Nest
 * schema named like a contract (which would shadow it), fails the start.
 */
export function addContractSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = schemas;
  const shadowing = Object.keys(schemas).filter((name) => name in CONTRACT_SCHEMAS);
  if (shadowing.length)
    throw new Error(`OpenAPI: schemas named like contract types: ${shadowing.join(', ')}`);
  const pending = [...refsIn(document.paths, new Set())];
  while (pending.length) {
    const name = pending.pop() as string;
    if (schemas[name]) continue;
    const contract = (CONTRACT_SCHEMAS as Record<string, Schema>)[name];
    if (!contract) throw new Error(`OpenAPI: no schema named ${name}`);
    schemas[name] = structuredClone(contract);
    pending.push(...refsIn(contract, new Set()));
  }
  return document;
}
