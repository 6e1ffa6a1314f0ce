import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError, ProblemCode, ProblemParams } from '@tc/shared/contracts';
import { Transform } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';
import { MAX_LISTED_ERRORS, ProblemException, validationProblem } from './problem-details.filter';
import { validateInSlices } from './sliced-validation';

// Where class-transformer keeps `@Type` (not in its public entry; @nestjs/mapped-types reads it the same way).
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerMetadata;
};

/** How one of class-validator's rules reads as a code, and which of its constraints fill the code's text. */
interface RuleCode {
  code: ProblemCode;
  params?: (constraints: unknown[]) => ProblemParams;
}

const bound = (name: string) => (constraints: unknown[]) => ({ [name]: constraints[0] as number });
const values = (list: unknown): string[] =>
  (Array.isArray(list) ? list : Object.values(list as object))
    .filter((v: unknown) => typeof v === 'string' || typeof v === 'number')
    .map(String);

/**
 * class-validator's rules (by constraint name) to the code a field error carries. When several rules of
 * one field fail, the code is the first of them in this order: what the reader mends first. A rule can
 * name a more precise code in its options (`@Matches(DATE, { context: { code: 'invalid-date' } })`);
 * one missing from this table reads as `invalid` (a spec lists the rules the API's DTOs use).
 */
export const RULE_CODES: Readonly<Record<string, RuleCode>> = {
  whitelistValidation: { code: 'unknown-field' },
  unknownValue: { code: 'unknown-field' },
  isDefined: { code: 'required' },
  isNotEmpty: { code: 'required' },
  nestedValidation: { code: 'not-object' },
  isObject: { code: 'not-object' },
  isArray: { code: 'not-list' },
  isString: { code: 'not-text' },
  isInt: { code: 'not-integer' },
  isNumber: { code: 'not-number' },
  isBoolean: { code: 'not-boolean' },
  isEmail: { code: 'invalid-email' },
  isUuid: { code: 'invalid-uuid' },
  isUrl: { code: 'invalid-url' },
  isIso8601: { code: 'invalid-date' },
  isIn: { code: 'not-allowed', params: (c) => ({ allowed: values(c[0]) }) },
  isEnum: { code: 'not-allowed', params: (c) => ({ allowed: values(c[1] ?? c[0]) }) },
  matches: { code: 'invalid-format' },
  minLength: { code: 'too-short', params: bound('min') },
  maxLength: { code: 'too-long', params: bound('max') },
  min: { code: 'too-small', params: bound('min') },
  max: { code: 'too-large', params: bound('max') },
  arrayMinSize: { code: 'too-few-items', params: bound('min') },
  arrayMaxSize: { code: 'too-many-items', params: bound('max') },
  arrayUnique: { code: 'duplicate-items' },
};
const RULE_ORDER = Object.keys(RULE_CODES);

/**
 * A rule's options naming the code its field error carries, where the rule alone says too little
 * (a pattern reads `invalid-format`): `@Matches(DATE, coded('invalid-date', 'dueOn must be a date'))`.
 */
export function coded(
  code: ProblemCode,
  message?: string,
): { message?: string; context: { code: ProblemCode } } {
  return { ...(message ? { message } : {}), context: { code } };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by constructor
const constraintsByClass = new WeakMap<Function, Map<string, unknown[]>>();

/** The constraints of one rule of one property (`[200]` for `@MaxLength(200)`), from the class's metadata. */
function constraintsOf(target: object | undefined, property: string, rule: string): unknown[] {
  if (!target || typeof target !== 'object') return [];
  const cls = target.constructor;
  let rules = constraintsByClass.get(cls);
  if (!rules) {
    rules = new Map();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false))
      if (m.name && !rules.has(`${m.propertyName}\0${m.name}`))
        rules.set(`${m.propertyName}\0${m.name}`, m.constraints ?? []);
    constraintsByClass.set(cls, rules);
  }
  return rules.get(`${property}\0${rule}`) ?? [];
}

/**
 * The code and parameters of one field's broken rules: `required` when the value is missing altogether
 * (whatever rule said so), else the first broken rule in {@link RULE_CODES}'s order.
 */
function codeOf(error: ValidationError): Pick<FieldError, 'code' | 'params'> {
  const rules = Object.keys(error.constraints ?? {});
  const target = error.target as Record<string, unknown> | undefined;
  if (
    target &&
    error.property &&
    !rules.includes('whitelistValidation') &&
    (target[error.property] === undefined || target[error.property] === null)
  )
    return { code: 'required' };
  const rank = (rule: string) => (RULE_ORDER.includes(rule) ? RULE_ORDER.indexOf(rule) : RULE_ORDER.length);
  const rule = [...rules].sort((a, b) => rank(a) - rank(b))[0] as string;
  const context = (error.contexts?.[rule] as { code?: ProblemCode } | undefined)?.code;
  const known = RULE_CODES[rule];
  const params = known?.params?.(constraintsOf(target, error.property, rule));
  return { code: context ?? known?.code ?? 'invalid', ...(params ? { params } : {}) };
}

/**
 * Flattens class-validator's tree into one entry per field at fault (`name.fr`, `items[2].email`), with
 * the code of the rule to mend first and every broken rule's English message.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    // Array items read as `modules[1].lessons[0].title`, as publish problems do (a top-level "0" is a key).
    // A body that is no object at all (a string, a number) has no property name: the body is at fault.
    const field = !error.property
      ? prefix || 'body'
      : /^\d+$/.test(error.property) && prefix
        ? `${prefix}[${error.property}]`
        : prefix
          ? `${prefix}.${error.property}`
          : error.property;
    const messages = Object.entries(error.constraints ?? {}).map(([constraint, message]) =>
      constraint === 'whitelistValidation' ? `Unknown field "${error.property}"` : message,
    );
    // One entry per field, all its broken rules together.
    if (messages.length) out.push({ field, message: messages.join('; '), ...codeOf(error) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** The largest integer a PostgreSQL `integer` column holds: every integer a request carries stays below it. */
export const MAX_INT4 = 2_147_483_647;

/**
 * A query parameter's integer as written in decimal digits, else left as it came for `@IsInt` to refuse
 * (`Number()` would also read `0x10`, `1e3`, ` 12 ` and the empty string).
 */
export const QueryInteger = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
  );

/** How deep a body may nest: class-transformer and class-validator recurse, so a deeper one is refused. */
export const MAX_BODY_DEPTH = 32;

/**
 * What makes a value unusable before any rule runs, as a field error: a NUL character in a string or a
 * key (PostgreSQL cannot store it in text: the request would fail in the database, as a 500), a lone
 * surrogate (no character; validators throw on it), or
 * nesting deeper than {@link MAX_BODY_DEPTH} (the validators would exhaust the stack).
 */
export function unusableValue(value: unknown, path: string, depth = 0): FieldError | null {
  if (typeof value === 'string') return unusableText(value, path);
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_BODY_DEPTH)
    return {
      field: path,
      message: `must not nest deeper than ${MAX_BODY_DEPTH} levels`,
      code: 'too-deep',
      params: { max: MAX_BODY_DEPTH },
    };
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i): [string, unknown] => [`[${i}]`, item])
    : Object.entries(value).map(([key, item]): [string, unknown] => [path ? `.${key}` : key, item]);
  for (const [key, item] of entries) {
    const at = `${path}${key}`;
    const badKey = unusableText(key, at);
    if (badKey) return badKey;
    const found = unusableValue(item, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/** A lone UTF-16 surrogate: no character at all (validator.js's isEmail throws on one: a 500). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unusableText(text: string, path: string): FieldError | null {
  if (text.includes('\u0000'))
    return { field: path, message: 'must not contain the NUL character', code: 'nul-character' };
  if (LONE_SURROGATE.test(text))
    return {
      field: path,
      message: 'must be valid Unicode text (a lone surrogate)',
      code: 'invalid-unicode',
    };
  return null;
}

const NOT_VALIDATED: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by constructor
type DtoClass = Function;

interface DtoShape {
  /** Properties with at least one rule: what the whitelist lets through. */
  known: Set<string>;
  /** The class a property's value is transformed to (`@Type`), where validation goes on inside it. */
  nested: Map<string, DtoClass>;
}

const shapes = new WeakMap<DtoClass, DtoShape>();

function shapeOf(cls: DtoClass): DtoShape {
  let shape = shapes.get(cls);
  if (!shape) {
    const known = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(cls, '', true, false)
        .map((m) => m.propertyName),
    );
    const nested = new Map<string, DtoClass>();
    for (const property of known) {
      const type = defaultMetadataStorage.findTypeMetadata(cls, property);
      const target = type && !type.options?.discriminator ? type.typeFunction() : undefined;
      if (typeof target === 'function' && !NOT_VALIDATED.includes(target)) nested.set(property, target);
    }
    shapes.set(cls, (shape = { known, nested }));
  }
  return shape;
}

/**
 * Unknown fields of a body, as the whitelist would name them, found by a walk of the plain value
 * against the DTO's rules: stops once more than `limit` are found. Validation costs some 10–20 µs per
 * field at fault, so a body of thousands of unknown keys is refused from this walk instead.
 */
export function unknownFields(value: unknown, cls: DtoClass, limit: number): FieldError[] {
  const found: FieldError[] = [];
  const walk = (v: unknown, c: DtoClass, path: string): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && found.length <= limit; i++) walk(v[i], c, `${path}[${i}]`);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const { known, nested } = shapeOf(c);
    for (const key of Object.keys(v)) {
      if (found.length > limit) return;
      const field = path ? `${path}.${key}` : key;
      if (!known.has(key)) found.push({ field, message: `Unknown field "${key}"`, code: 'unknown-field' });
      else {
        const inner = nested.get(key);
        if (inner) walk((v as Record<string, unknown>)[key], inner, field);
      }
    }
  };
  walk(value, cls, '');
  return found;
}

/**
 * Bodies of more values than this are judged one object at a time ({@link validateInSlices}): whole,
 * class-validator judges some 200 values a millisecond, so a course file of 20,000 would hold the event
 * loop for 100 ms or more.
 */
export const SLICED_ABOVE_VALUES = 1_000;

/** How long the loop is held at most between two slices of a large body's validation, in ms. */
const SLICE_MS = 5;

/** Counts a value's values (objects, arrays and leaves), stopping once past `limit`. */
export function countValues(value: unknown, limit: number): number {
  let count = 0;
  const walk = (v: unknown): void => {
    count++;
    if (count > limit || typeof v !== 'object' || v === null) return;
    for (const item of Array.isArray(v) ? v : Object.values(v)) {
      if (count > limit) return;
      walk(item);
    }
  };
  walk(value);
  return count;
}

/**
 * The validation pipe, refusing first what no rule can judge: NUL characters and deep nesting in
 * bodies, queries and path parameters, and a body that is no JSON object where a DTO expects one (a
 * `text/plain` body arrives as a string, which class-validator would otherwise wave through).
 */
const BODY_MAY_BE_ABSENT = Symbol('bodyMayBeAbsent');

/**
 * Marks a body DTO whose every field is optional (a reason an admin may give): a request without any
 * body reads as `{}` instead of being refused. Document the route's body with `required: false`.
 */
export function BodyMayBeAbsent(): ClassDecorator {
  return (target) => Reflect.defineMetadata(BODY_MAY_BE_ABSENT, true, target);
}

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      value === undefined &&
      typeof metadata.metatype === 'function' &&
      Reflect.getMetadata(BODY_MAY_BE_ABSENT, metadata.metatype) === true
    )
      value = {};
    if (metadata.type !== 'custom') {
      const name = metadata.type === 'body' ? '' : (metadata.data ?? '');
      const found = unusableValue(value, name);
      if (found) {
        const unusable = { ...found, field: found.field || name || metadata.type };
        // A NUL character does not stop the other rules (every field at fault is named); too deep a
        // value or a lone surrogate never reaches them (they recurse, or throw).
        const others = unusable.code === 'nul-character' ? await this.otherErrors(value, metadata) : [];
        throw validationProblem([unusable, ...others.filter((e) => e.field !== unusable.field)]);
      }
      const dto = typeof metadata.metatype === 'function' && !NOT_VALIDATED.includes(metadata.metatype);
      if (
        metadata.type === 'body' &&
        dto &&
        // No body at all where a DTO expects one: also a multipart or unknown body Fastify left unparsed.
        (typeof value !== 'object' || value === null || Array.isArray(value))
      )
        throw validationProblem([
          { field: 'body', message: 'The body must be a JSON object', code: 'body-not-object' },
        ]);
      if (metadata.type === 'body' && dto) {
        const unknown = unknownFields(value, metadata.metatype as DtoClass, MAX_LISTED_ERRORS);
        // The walk stopped past the limit: how many more there are is not known, and not worth counting.
        if (unknown.length > MAX_LISTED_ERRORS)
          throw validationProblem(
            unknown.slice(0, MAX_LISTED_ERRORS),
            `The body has more than ${MAX_LISTED_ERRORS} unknown fields; the first ${MAX_LISTED_ERRORS} are listed.`,
          );
        if (countValues(value, SLICED_ABOVE_VALUES) > SLICED_ABOVE_VALUES)
          return this.inSlices(value as Record<string, unknown>, metadata.metatype as new () => object);
      }
    }
    return super.transform(value, metadata);
  }

  private async inSlices(value: Record<string, unknown>, cls: new () => object): Promise<object> {
    this.stripProtoKeys(value);
    const { instance, errors, complete } = await validateInSlices(cls, value, {
      validator: this.validatorOptions,
      transformer: this.transformOptions,
      limit: MAX_LISTED_ERRORS,
      sliceMs: SLICE_MS,
      flatten: flattenValidationErrors,
    });
    if (complete && !errors.length) return instance;
    throw complete
      ? validationProblem(errors)
      : validationProblem(
          errors.slice(0, MAX_LISTED_ERRORS),
          `The request has more than ${MAX_LISTED_ERRORS} invalid fields; the first ${MAX_LISTED_ERRORS} are listed.`,
        );
  }

  private async otherErrors(value: unknown, metadata: ArgumentMetadata): Promise<FieldError[]> {
    try {
      await super.transform(value, metadata);
      return [];
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      return (error.getResponse() as { errors?: FieldError[] }).errors ?? [];
    }
  }
}

/** Strict validation: unknown fields are rejected, values are converted by their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    // Field errors keep no copy of the values; the object a rule judged is kept (a reference), for the
    // code of its error: a missing value reads `required`, and a rule's constraints fill the text.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

/** One pipe for every hand validation: building a pipe loads class-validator and class-transformer again. */
let handPipe: ValidationPipe | undefined;

/** Validates a body against a DTO class by hand (when one route accepts two shapes). */
export async function validateBody<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  handPipe ??= createValidationPipe();
  return (await handPipe.transform(body, { type: 'body', metatype: cls })) as T;
}
