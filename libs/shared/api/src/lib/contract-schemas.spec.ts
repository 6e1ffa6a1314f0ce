import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { addContractSchemas } from './contract-response';
import { CONTRACT_SCHEMAS } from './contract-schemas.generated';

const ROOT = resolve(__dirname, '../../../../..');

/** A document whose one operation answers with `schema`, beside Nest's own `schemas`. */
function documentAnswering(schema: object, schemas: Record<string, object> = {}): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/x': {
        get: { responses: { '200': { description: 'x', content: { 'application/json': { schema } } } } },
      },
    },
    components: { schemas },
  };
}

describe('contract schemas', () => {
  it(
    'are what the contracts generate today (after changing an interface: npm run contract-schemas)',
    () => {
      // The generator in its own process, as `npm run contract-schemas -- --check` runs it (tools/ is no
      // project a lib may import from).
      const run = spawnSync(
        process.execPath,
        ['-r', 'ts-node/register', 'tools/scripts/contract-schemas.ts', '--check'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: {
            ...process.env,
            TS_NODE_PROJECT: 'tools/bench/tsconfig.json',
            TS_NODE_TRANSPILE_ONLY: 'true',
          },
        },
      );
      expect(run.stderr.trim()).toBe('');
      expect(run.status).toBe(0);
    },
    // ts-json-schema-generator builds a TypeScript program of the contracts.
    120_000,
  );

  it('are OpenAPI 3.0: nullable instead of a null type, refs into components, no extra fields allowed', () => {
    const territory = CONTRACT_SCHEMAS.Territory as {
      properties: Record<string, unknown>;
      additionalProperties: unknown;
    };
    expect(territory.additionalProperties).toBe(false);
    expect(territory.properties['parentId']).toEqual({ type: 'string', nullable: true });
    expect(territory.properties['level']).toEqual({ $ref: '#/components/schemas/TerritoryLevel' });
    // A nullable enum lists null among its values (ajv and OpenAPI 3.0.3 both want it).
    expect(
      (CONTRACT_SCHEMAS.Me as { properties: Record<string, unknown> }).properties['gender'],
    ).toMatchObject({
      type: 'string',
      nullable: true,
      enum: ['female', 'male', 'other', null],
    });
    expect(JSON.stringify(CONTRACT_SCHEMAS)).not.toMatch(/"null"|#\/definitions\/|"const"|"\$schema"/);
  });

  it('are added to a document as far as its responses refer to them, and no further', () => {
    const doc = addContractSchemas(
      documentAnswering({ type: 'array', items: { $ref: '#/components/schemas/TerritoryDetail' } }),
    );
    expect(Object.keys(doc.components?.schemas ?? {}).sort()).toEqual([
      'LocalizedName',
      'Territory',
      'TerritoryDetail',
      'TerritoryLevel',
    ]);
  });

  it('refuse a reference to nothing, and a Nest schema named like a contract', () => {
    expect(() => addContractSchemas(documentAnswering({ $ref: '#/components/schemas/Nope' }))).toThrow(
      'no schema named Nope',
    );
    expect(() =>
      addContractSchemas(documentAnswering({ $ref: '#/components/schemas/Me' }, { Me: { type: 'object' } })),
    ).toThrow('schemas named like contract types: Me');
  });
});
