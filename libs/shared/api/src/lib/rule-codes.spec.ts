import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { FieldError } from '@tc/shared/contracts';
import { IsDisplayName, IsPlainEmail } from './display-name';
import { ProblemException } from './problem-details.filter';
import { coded, createValidationPipe } from './validation';

class Text {
  @IsOptional() @IsString() @MaxLength(5) fr?: string;
}
class Item {
  @IsString() @MinLength(2) key!: string;
}
class Form {
  @IsOptional() @IsPlainEmail() email?: string;
  @IsOptional() @IsDisplayName() name?: string;
  @IsOptional() @IsInt() @Min(1) @Max(10) count?: number;
  @IsOptional() @IsIn(['fr', 'ar', 'en']) locale?: string;
  @IsOptional() @IsUUID() territoryId?: string;
  @IsOptional() @IsUrl({ protocols: ['https'], require_protocol: true }) url?: string;
  @IsOptional() @IsISO8601({ strict: true }) day?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}$/, coded('invalid-month', 'from must be a month')) from?: string;
  @IsOptional() @Matches(/^[a-z]+$/) word?: string;
  @IsOptional() @IsBoolean() flag?: boolean;
  @IsOptional() @IsString() @IsNotEmpty() note?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2) @ArrayUnique() tags?: string[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => Text) title?: Text;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => Item) items?: Item[];
  @IsString() @MaxLength(100) required!: string;
}

const meta: ArgumentMetadata = { type: 'body', metatype: Form };

/** The field errors of a refused body, without their English messages. */
async function codesOf(value: Record<string, unknown>): Promise<Omit<FieldError, 'message'>[]> {
  try {
    await createValidationPipe().transform({ required: 'x', ...value }, meta);
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    const errors = ((error as ProblemException).getResponse() as { errors: FieldError[] }).errors;
    return errors.map(({ message, ...rest }) => {
      expect(message).toEqual(expect.any(String));
      return rest;
    });
  }
  throw new Error('expected a validation problem');
}

describe('codes of the validation rules', () => {
  it.each([
    [{ email: 'not-an-address' }, { field: 'email', code: 'invalid-email' }],
    [{ email: 'a\u202E@b.org' }, { field: 'email', code: 'hidden-characters' }],
    [{ name: '\u200B\u200B' }, { field: 'name', code: 'no-visible-character' }],
    [{ count: 1.5 }, { field: 'count', code: 'not-integer' }],
    [{ count: 0 }, { field: 'count', code: 'too-small', params: { min: 1 } }],
    [{ count: 11 }, { field: 'count', code: 'too-large', params: { max: 10 } }],
    [{ locale: 'de' }, { field: 'locale', code: 'not-allowed', params: { allowed: ['fr', 'ar', 'en'] } }],
    [{ territoryId: 'x' }, { field: 'territoryId', code: 'invalid-uuid' }],
    [{ url: 'http://example.org' }, { field: 'url', code: 'invalid-url' }],
    [{ day: '2026-02-30' }, { field: 'day', code: 'invalid-date' }],
    [{ from: '2026' }, { field: 'from', code: 'invalid-month' }],
    [{ word: 'A1' }, { field: 'word', code: 'invalid-format' }],
    [{ flag: 'yes' }, { field: 'flag', code: 'not-boolean' }],
    [{ note: '' }, { field: 'note', code: 'required' }],
    [{ tags: 'a' }, { field: 'tags', code: 'not-list' }],
    [{ tags: [] }, { field: 'tags', code: 'too-few-items', params: { min: 1 } }],
    [{ tags: ['a', 'b', 'c'] }, { field: 'tags', code: 'too-many-items', params: { max: 2 } }],
    [{ tags: ['a', 'a'] }, { field: 'tags', code: 'duplicate-items' }],
    [{ title: 'x' }, { field: 'title', code: 'not-object' }],
    [{ title: { fr: 'toolong' } }, { field: 'title.fr', code: 'too-long', params: { max: 5 } }],
    [
      { items: [{ key: 'ab' }, { key: 'a' }] },
      { field: 'items[1].key', code: 'too-short', params: { min: 2 } },
    ],
    [{ required: 3 }, { field: 'required', code: 'not-text' }],
    [{ extra: 1 }, { field: 'extra', code: 'unknown-field' }],
  ])('%j reads %j', async (value, expected) => {
    expect(await codesOf(value)).toEqual([expected]);
  });

  it('says `required` for a value that is missing, whatever rules it breaks', async () => {
    expect(await codesOf({ required: undefined, items: [{}] })).toEqual([
      { field: 'items[0].key', code: 'required' },
      { field: 'required', code: 'required' },
    ]);
    expect(await codesOf({ required: null })).toEqual([{ field: 'required', code: 'required' }]);
  });

  it('names the rule to mend first when several fail (the type before the length)', async () => {
    // A number breaks both @IsString and @MaxLength: the code says "not a text".
    expect(await codesOf({ title: { fr: 123456 } })).toEqual([{ field: 'title.fr', code: 'not-text' }]);
  });
});
