import { IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe } from './validation';
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
      { field: 'email', message: 'email must be an email' },
      { field: 'count', message: 'count must not be less than 1' },
      { field: 'name.fr', message: 'fr must be a string' },
    ]);
  });

  it('rejects unknown fields instead of dropping them', async () => {
    const problem = await problemOf({ email: 'a@b.org', count: 1, name: { fr: 'x' }, isAdmin: true });
    expect(problem.errors).toEqual([{ field: 'isAdmin', message: 'Unknown field "isAdmin"' }]);
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
});
