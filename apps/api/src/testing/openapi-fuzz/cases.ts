import {
  type FuzzCase,
  type FuzzOperation,
  type OpenApiDocument,
  operationsOf,
  prng,
  Random,
  sampleOf,
} from './document';
import {
  encodeText,
  HOSTILE_IDS,
  HOSTILE_STRINGS,
  INVALID_UTF8,
  MALFORMED_CSV,
  MALFORMED_JSON,
  ONE_MB,
  UNUSABLE_IN_JSON,
  WRONG_CONTENT_TYPES,
} from './corpus';
import {
  clone,
  EXTRA_FIELD_NAMES,
  fieldsOf,
  outOfRangeIntegers,
  outOfRangeIntegerTexts,
  setAt,
  wrongTypeFor,
} from './body-fields';

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

/**
 * Every kind of broken request for one operation, read top to bottom (path, query, credentials, body).
 * One function on purpose, some 470 lines: the kinds share the operation's closures (its URL, a valid
 * base body, its parameters' values), and a reader checking what the fuzzer covers reads one list.
 */
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
