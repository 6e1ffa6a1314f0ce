import { DEFAULT_JSON_BOUNDS, jsonBoundsViolation, type JsonBounds } from './json-bounds';

const small: JsonBounds = { maxDepth: 4, maxKeys: 3, maxItems: 3, maxNodes: 20, maxStringLength: 10 };

function manyKeys(n: number): string {
  return JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));
}

describe('jsonBoundsViolation', () => {
  it.each([
    ['an empty object', '{}'],
    ['an empty array', '[]'],
    ['a scalar body', '"text"'],
    ['keys and items at their limits', '{"a":[1,2,3],"b":{"x":1,"y":2,"z":3},"c":"0123456789"}'],
    ['strings holding structure characters', '{"a":"{[,:\\"]}","b":"\\\\"}'],
    ['literals of several characters', '[true,false,null]'],
  ])('accepts %s', (_, text) => {
    expect(jsonBoundsViolation(text, small)).toBeNull();
  });

  it('names the object with too many keys, at the top or below', () => {
    expect(jsonBoundsViolation('{"a":1,"b":2,"c":3,"d":4}', small)).toEqual({
      field: 'body',
      message: 'must not have more than 3 keys',
      code: 'too-many-keys',
      params: { max: 3 },
    });
    expect(jsonBoundsViolation('{"x":[0,{"ratings":{"a":1,"b":2,"c":3,"d":4}}]}', small)).toEqual({
      field: 'x[1].ratings',
      message: 'must not have more than 3 keys',
      code: 'too-many-keys',
      params: { max: 3 },
    });
  });

  it('names the array with too many items', () => {
    expect(jsonBoundsViolation('{"answers":[[],[],[],[]]}', small)).toEqual({
      field: 'answers',
      message: 'must not hold more than 3 items',
      code: 'too-many-items',
      params: { max: 3 },
    });
    expect(jsonBoundsViolation('[1,2,3,4]', small)?.field).toBe('body');
  });

  it('names the string that is too long, and a key that is too long', () => {
    expect(jsonBoundsViolation('{"a":{"b":"01234567890"}}', small)).toEqual({
      field: 'a.b',
      message: 'must not be longer than 10 characters',
      code: 'too-long',
      params: { max: 10 },
    });
    expect(jsonBoundsViolation('{"a":["ok","01234567890"]}', small)?.field).toBe('a[1]');
    expect(jsonBoundsViolation('{"a":{"01234567890":1}}', small)?.field).toBe('a');
  });

  it('counts every value of the body', () => {
    const wide = { ...small, maxKeys: 10 };
    // 1 object + 5 arrays + 14 numbers: 20 values, the limit.
    const twenty = JSON.stringify({ a: [1, 2, 3], b: [1, 2, 3], c: [1, 2, 3], d: [1, 2, 3], e: [1, 2] });
    expect(jsonBoundsViolation(twenty, wide)).toBeNull();
    const tooMany = JSON.stringify({ a: [1, 2, 3], b: [1, 2, 3], c: [1, 2, 3], d: [1, 2, 3], e: [1, 2, 3] });
    expect(jsonBoundsViolation(tooMany, wide)).toEqual({
      field: 'body',
      message: 'must not hold more than 20 values in all',
      code: 'too-many-values',
      params: { max: 20 },
    });
  });

  it('refuses nesting deeper than allowed, naming where', () => {
    expect(jsonBoundsViolation('[[[[1]]]]', small)).toBeNull();
    expect(jsonBoundsViolation('{"a":[[[[1]]]]}', small)).toEqual({
      field: 'a[0][0][0]',
      message: 'must not nest deeper than 4 levels',
      code: 'too-deep',
      params: { max: 4 },
    });
  });

  it('reads escaped keys as their text', () => {
    expect(jsonBoundsViolation('{"r\\u00e9":{"a":1,"b":2,"c":3,"d":4}}', small)?.field).toBe('ré');
  });

  it('stops at the bound: the worst shapes are refused without reading the rest', () => {
    expect(jsonBoundsViolation(manyKeys(100_000))?.message).toBe(
      `must not have more than ${DEFAULT_JSON_BOUNDS.maxKeys} keys`,
    );
    expect(jsonBoundsViolation(JSON.stringify({ answers: new Array(100_000).fill(0) }))?.field).toBe(
      'answers',
    );
  });

  it('leaves malformed text to the parser', () => {
    expect(jsonBoundsViolation('{"a":', small)).toBeNull();
    expect(jsonBoundsViolation('{"a":"abc', small)).toBeNull();
    expect(jsonBoundsViolation(']]]', small)).toBeNull();
  });
});
