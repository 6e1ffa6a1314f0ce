import { IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, MAX_BODY_DEPTH } from './validation';
import { ProblemException } from './problem-details.filter';

class Name {
  @IsString() fr!: string;
}
class Body {
  @IsEmail() email!: string;
  @IsInt() @Min(1) count!: number;
  @ValidateNested() @Type(() => Name) name!: Name;
}

const meta: ArgumentMetadata = { type: 'body', metatype: Body };

async function problemOf(value: unknown) {
  try {
    await createValidationPipe().transform(value, meta);
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    return (error as ProblemException).getResponse() as { errors: { field: string; message: string }[] };
  }
  throw new Error('expected a validation problem');
}

describe('strict validation pipe', () => {
  it('names every field at fault once, nested ones with a dotted path', async () => {
    const problem = await problemOf({ email: 'nope', count: 0, name: { fr: 3 } });
    expect(problem.errors).toEqual([
      { field: 'email', message: 'email must be an email', code: 'invalid-email' },
      { field: 'count', message: 'count must not be less than 1', code: 'too-small', params: { min: 1 } },
      { field: 'name.fr', message: 'fr must be a string', code: 'not-text' },
    ]);
  });

  it('rejects unknown fields instead of dropping them', async () => {
    const problem = await problemOf({ email: 'a@b.org', count: 1, name: { fr: 'x' }, isAdmin: true });
    expect(problem.errors).toEqual([
      { field: 'isAdmin', message: 'Unknown field "isAdmin"', code: 'unknown-field' },
    ]);
  });

  it('refuses many unknown fields from a walk of the rules, listing the first 20 with their paths', async () => {
    const junk = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`x${i}`, i]));
    const problem = (await problemOf({ email: 'nope', count: 1, name: { fr: 'x', ...junk } })) as {
      detail: string;
      errors: { field: string; message: string }[];
    };
    // Validation never ran: the bad e-mail is not among them.
    expect(problem.errors).toEqual(
      Array.from({ length: 20 }, (_, i) => ({
        field: `name.x${i}`,
        message: `Unknown field "x${i}"`,
        code: 'unknown-field',
      })),
    );
    expect(problem.detail).toBe('The body has more than 20 unknown fields; the first 20 are listed.');
  });

  it('does not convert types silently ("5" is not a number)', async () => {
    const problem = await problemOf({ email: 'a@b.org', count: '5', name: { fr: 'x' } });
    expect(problem.errors.map((e) => e.field)).toEqual(['count']);
  });

  it('passes a valid body through as an instance', async () => {
    const value = await createValidationPipe().transform(
      { email: 'a@b.org', count: 2, name: { fr: 'x' } },
      meta,
    );
    expect(value).toBeInstanceOf(Body);
  });

  // Found by the bad-input fuzzer (apps/api/src/integration/bad-input.spec.ts).
  it('refuses a body that is no JSON object (a text/plain string, an array, null), naming the body', async () => {
    for (const value of ['email=a@b.org', 42, [], null]) {
      const problem = await problemOf(value);
      expect(problem.errors).toEqual([
        { field: 'body', message: 'The body must be a JSON object', code: 'body-not-object' },
      ]);
    }
  });

  it('refuses NUL characters (PostgreSQL cannot store them), naming where', async () => {
    const problem = await problemOf({ email: 'a@b.org', count: 1, name: { fr: 'a\u0000b' } });
    expect(problem.errors).toEqual([
      { field: 'name.fr', message: 'must not contain the NUL character', code: 'nul-character' },
    ]);
    const param = await createValidationPipe()
      .transform('abc\u0000', { type: 'param', data: 'code', metatype: String })
      .catch((error: ProblemException) => error.getResponse() as { errors: unknown[] });
    expect(param).toEqual(
      expect.objectContaining({
        errors: [{ field: 'code', message: 'must not contain the NUL character', code: 'nul-character' }],
      }),
    );
  });

  it('refuses lone surrogates (validator.js throws on them), naming where', async () => {
    const problem = await problemOf({ email: 'a\uD800@b.org', count: 1, name: { fr: 'x' } });
    expect(problem.errors).toEqual([
      { field: 'email', message: 'must be valid Unicode text (a lone surrogate)', code: 'invalid-unicode' },
    ]);
  });

  it('refuses nesting deeper than the validators recurse', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    const problem = await problemOf({ email: 'a@b.org', count: 1, name: { fr: 'x' }, deep });
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0]?.message).toBe(`must not nest deeper than ${MAX_BODY_DEPTH} levels`);
    expect(problem.errors[0]?.field).toMatch(/^deep\[0\]\[0\]/);
  });

  it('names an unknown top-level field "0" as it was sent', async () => {
    const problem = await problemOf({ email: 'a@b.org', count: 1, name: { fr: 'x' }, 0: 'x' });
    expect(problem.errors).toEqual([{ field: '0', message: 'Unknown field "0"', code: 'unknown-field' }]);
  });
});
