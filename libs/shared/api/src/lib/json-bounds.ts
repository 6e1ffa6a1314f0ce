import { RouteConfig } from '@nestjs/platform-fastify';
import type { FieldError } from '@tc/shared/contracts';
import type { FastifyInstance } from 'fastify';
import { validationProblem } from './problem-details.filter';

/**
 * How much structure a JSON body may carry. Validation (class-transformer, class-validator) costs far
 * more than parsing and grows faster than the body: 100,000 unknown keys in one object held the event
 * loop for seconds. These bounds are checked on the raw text, before anything is parsed or validated,
 * so the work any request can cause is proportional to its size and small.
 */
export interface JsonBounds {
  /** Nesting of objects and arrays (the validators recurse). */
  maxDepth: number;
  /** Keys of one object. */
  maxKeys: number;
  /** Items of one array. */
  maxItems: number;
  /** Values in the whole body: every object, array, string, number, boolean and null. */
  maxNodes: number;
  /** Characters of one string or key, as written (escapes count as written). */
  maxStringLength: number;
}

/**
 * Every route's bounds unless it declares others: above what every DTO accepts (2,000 e-mails of an
 * enrolment list take 2,002 values, a batch of 500 progress events 3,001, a quiz's answers 100 keys,
 * markdown 100,000 characters), so a valid request never meets them and an invalid one still gets its
 * field-by-field problems from validation. Validation costs some 10–20 µs per field at fault, so the
 * value count is what bounds its work.
 */
export const DEFAULT_JSON_BOUNDS: JsonBounds = {
  maxDepth: 32,
  maxKeys: 128,
  maxItems: 2_000,
  maxNodes: 5_000,
  maxStringLength: 1_048_576,
};

/**
 * A course's content (a course file, a lesson with its quiz): the demo course, eight modules with
 * their quizzes in three languages, is 948 values; twenty times that is allowed.
 */
export const DOCUMENT_JSON_BOUNDS: JsonBounds = { ...DEFAULT_JSON_BOUNDS, maxNodes: 20_000 };

/** The detail of the problem that refuses a body over its bounds. */
export const BOUNDS_DETAIL = 'The body holds more than this operation accepts.';

/** The Fastify route config key under which a route declares its {@link JsonBounds}. */
export const JSON_BOUNDS_CONFIG = 'jsonBounds';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const SPACE = 0x20;

interface Container {
  array: boolean;
  /** Members seen so far: keys of an object, items of an array. */
  count: number;
  /** An object after `{` or `,`: the next string is a key. */
  expectingKey: boolean;
  /** The key whose value is being read (objects), for the field path. */
  key: string;
}

/** The field path of what `stack[0..upTo)` leads to: `body` at the top, `modules[3].lessons` below. */
function pathOf(stack: readonly Container[], upTo = stack.length): string {
  let path = '';
  for (let i = 0; i < upTo; i++) {
    const c = stack[i] as Container;
    path += c.array ? `[${c.count - 1}]` : path ? `.${c.key}` : c.key;
  }
  return path || 'body';
}

function keyText(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/**
 * The first bound the JSON text breaks, as a field error naming where (`ratings`, `modules[3].lessons`,
 * `body` for the whole), or null. One pass over the characters, one small entry per open container;
 * malformed text is left to the parser, which refuses it afterwards.
 */
export function jsonBoundsViolation(
  text: string,
  bounds: JsonBounds = DEFAULT_JSON_BOUNDS,
): FieldError | null {
  const stack: Container[] = [];
  let nodes = 0;
  let inLiteral = false;

  /** A value starts here: `{`, `[`, a string that is no key, or a literal's first character. */
  const valueStarts = (): FieldError | null => {
    if (++nodes > bounds.maxNodes)
      return {
        field: 'body',
        message: `must not hold more than ${bounds.maxNodes} values in all`,
        code: 'too-many-values',
        params: { max: bounds.maxNodes },
      };
    const top = stack[stack.length - 1];
    if (top?.array && ++top.count > bounds.maxItems)
      return {
        field: pathOf(stack, stack.length - 1),
        message: `must not hold more than ${bounds.maxItems} items`,
        code: 'too-many-items',
        params: { max: bounds.maxItems },
      };
    return null;
  };

  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      inLiteral = false;
      // The closing quote: the next one not escaped (an odd run of backslashes before it escapes it),
      // found by the engine's own search: a 4 MB string costs a few milliseconds, not a loop per character.
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end === -1) {
          end = n;
          break;
        }
        let slashes = 0;
        while (end - slashes - 1 > i && text.charCodeAt(end - slashes - 1) === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
      }
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectingKey) {
        top.expectingKey = false;
        if (++top.count > bounds.maxKeys)
          return {
            field: pathOf(stack, stack.length - 1),
            message: `must not have more than ${bounds.maxKeys} keys`,
            code: 'too-many-keys',
            params: { max: bounds.maxKeys },
          };
        if (end - i - 1 > bounds.maxStringLength)
          return {
            field: pathOf(stack, stack.length - 1),
            message: `must not have a key longer than ${bounds.maxStringLength} characters`,
            code: 'key-too-long',
            params: { max: bounds.maxStringLength },
          };
        top.key = keyText(text.slice(i + 1, end));
      } else {
        const bad = valueStarts();
        if (bad) return bad;
        if (end - i - 1 > bounds.maxStringLength)
          return {
            field: pathOf(stack),
            message: `must not be longer than ${bounds.maxStringLength} characters`,
            code: 'too-long',
            params: { max: bounds.maxStringLength },
          };
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      inLiteral = false;
      const bad = valueStarts();
      if (bad) return bad;
      if (stack.length >= bounds.maxDepth)
        return {
          field: pathOf(stack),
          message: `must not nest deeper than ${bounds.maxDepth} levels`,
          code: 'too-deep',
          params: { max: bounds.maxDepth },
        };
      stack.push({ array: c === OPEN_ARRAY, count: 0, expectingKey: c === OPEN_OBJECT, key: '' });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      inLiteral = false;
      stack.pop();
    } else if (c === COMMA) {
      inLiteral = false;
      const top = stack[stack.length - 1];
      if (top && !top.array) top.expectingKey = true;
    } else if (c <= SPACE || c === COLON) {
      inLiteral = false;
    } else if (!inLiteral) {
      // A number, true, false or null: one value however many characters it takes.
      inLiteral = true;
      const bad = valueStarts();
      if (bad) return bad;
    }
  }
  return null;
}

/** Declares a route's {@link JsonBounds} (the route's Fastify config, read by the JSON parser). */
export const JsonBodyBounds = (bounds: JsonBounds) => RouteConfig({ [JSON_BOUNDS_CONFIG]: bounds });

/**
 * Replaces Fastify's JSON parser by one that checks the route's {@link JsonBounds} on the raw text
 * first, then parses as Fastify does (prototype poisoning refused). A body over the bounds is refused
 * as a validation problem naming where, before any object is built.
 */
export function installBoundedJsonParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const config = request.routeOptions.config as { [JSON_BOUNDS_CONFIG]?: JsonBounds } | undefined;
    const violation = text.length ? jsonBoundsViolation(text, config?.[JSON_BOUNDS_CONFIG]) : null;
    if (violation) {
      done(validationProblem([violation], BOUNDS_DETAIL), undefined);
      return;
    }
    void parse(request, text, done);
  });
}
