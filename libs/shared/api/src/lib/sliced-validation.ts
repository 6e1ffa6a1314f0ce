import type { FieldError } from '@tc/shared/contracts';
import { type ClassTransformOptions, plainToInstance } from 'class-transformer';
import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import { Allow, getMetadataStorage, validate, type ValidatorOptions } from 'class-validator';

// Where class-transformer keeps `@Type` and `@Transform` (not in its public entry).
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerMetadata;
};

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by constructor
type DtoClass = Function;

/**
 * Stands in for a nested object while its parent's own rules run: `@IsObject` and `@ValidateNested`
 * accept it (it has a rule, so it is no unknown value, and no field of its own), and the object it stands
 * for is judged on its own afterwards.
 */
class Judged {
  @Allow() readonly judged?: never;
}
const JUDGED = new Judged();

const NOT_NESTED: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

type Condition = (object: object, value: unknown) => boolean;

interface NestedProperty {
  type: DtoClass;
  /** `@ValidateIf` and `@IsOptional`: when one says no, the property is not judged at all. */
  conditions: Condition[];
}

/** The properties of a class whose value is judged as another class (`@Type` + `@ValidateNested`). */
const nestedByClass = new WeakMap<DtoClass, Map<string, NestedProperty>>();

function nestedOf(cls: DtoClass): Map<string, NestedProperty> {
  let nested = nestedByClass.get(cls);
  if (!nested) {
    nested = new Map();
    const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
    const validatedNested = new Set(
      metadata.filter((m) => m.type === 'nestedValidation').map((m) => m.propertyName),
    );
    for (const property of validatedNested) {
      const type = defaultMetadataStorage.findTypeMetadata(cls, property);
      // A discriminated or computed type, or a property with its own transform, is judged whole.
      if (!type || type.options?.discriminator) continue;
      if (
        defaultMetadataStorage.findTransformMetadatas(cls, property, TransformationType.PLAIN_TO_CLASS).length
      )
        continue;
      const target = type.typeFunction();
      if (typeof target !== 'function' || NOT_NESTED.includes(target)) continue;
      const conditions = metadata
        .filter((m) => m.type === 'conditionalValidation' && m.propertyName === property)
        .map((m) => m.constraints[0] as Condition);
      nested.set(property, { type: target, conditions });
    }
    nestedByClass.set(cls, nested);
  }
  return nested;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SlicedOptions {
  validator: ValidatorOptions;
  transformer?: ClassTransformOptions;
  /** Stop once more than this many fields are at fault. */
  limit: number;
  /** The longest the event loop is held between two yields, in milliseconds. */
  sliceMs: number;
  /** Flattens class-validator's errors of one object, under its path. */
  flatten: (errors: import('class-validator').ValidationError[], prefix: string) => FieldError[];
}

export interface SlicedResult<T> {
  instance: T;
  errors: FieldError[];
  /** False when the walk stopped past the limit: more fields may be at fault. */
  complete: boolean;
}

/**
 * Transforms and validates a body one object at a time, yielding to the event loop every few
 * milliseconds, with the same rules as one `plainToInstance` + `validate` of the whole: each object's
 * own rules run with its nested objects stood in for (so `@IsArray`, `@ArrayMaxSize`, `@IsObject` see
 * the real arrays and objects), then each nested object is judged the same way under its path. A large
 * document (a course of thousands of values) thus never holds the loop for long, and judging stops
 * once more than `limit` fields are at fault. Items that are no plain object stay in place for the
 * parent's rules to refuse, as they would be.
 */
export async function validateInSlices<T extends object>(
  cls: new () => T,
  value: Record<string, unknown>,
  options: SlicedOptions,
): Promise<SlicedResult<T>> {
  const errors: FieldError[] = [];
  let since = performance.now();
  const breathe = async () => {
    if (performance.now() - since < options.sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };

  const judge = async (c: DtoClass, plain: Record<string, unknown>, path: string): Promise<object> => {
    await breathe();
    const own: Record<string, unknown> = { ...plain };
    const later: [property: string, value: Record<string, unknown> | Record<string, unknown>[]][] = [];
    for (const [property] of nestedOf(c)) {
      const v = plain[property];
      if (isRecord(v) || (Array.isArray(v) && v.length > 0 && v.every(isRecord))) {
        later.push([property, v as Record<string, unknown> | Record<string, unknown>[]]);
        delete own[property];
      }
    }
    const instance = plainToInstance(c as new () => object, own, options.transformer) as Record<
      string,
      unknown
    >;
    for (const [property, v] of later) instance[property] = Array.isArray(v) ? v.map(() => JUDGED) : JUDGED;
    errors.push(...options.flatten(await validate(instance, options.validator), path));
    for (const [property, v] of later) {
      const at = path ? `${path}.${property}` : property;
      const { type: inner, conditions } = nestedOf(c).get(property) as NestedProperty;
      if (!conditions.every((condition) => condition(instance, v))) {
        // Not judged, as whole validation would skip it; transformed all the same.
        instance[property] = plainToInstance(inner as new () => object, v, options.transformer);
        continue;
      }
      if (!Array.isArray(v)) {
        if (errors.length > options.limit) return instance;
        instance[property] = await judge(inner, v, at);
        continue;
      }
      const items: object[] = [];
      for (let i = 0; i < v.length; i++) {
        if (errors.length > options.limit) return instance;
        items.push(await judge(inner, v[i], `${at}[${i}]`));
      }
      instance[property] = items;
    }
    return instance;
  };

  const instance = (await judge(cls, value, '')) as T;
  return { instance, errors: errors.slice(0, options.limit + 1), complete: errors.length <= options.limit };
}
