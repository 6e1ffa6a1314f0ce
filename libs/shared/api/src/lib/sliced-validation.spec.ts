import { ArgumentMetadata } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { FieldError } from '@tc/shared/contracts';
import { ProblemException } from './problem-details.filter';
import { validateInSlices } from './sliced-validation';
import { createValidationPipe, flattenValidationErrors, SLICED_ABOVE_VALUES } from './validation';

class Text {
  @IsOptional() @IsString() @MaxLength(5) fr?: string;
  @IsOptional() @IsString() ar?: string;
}
class Option {
  @IsString() key!: string;
  @IsObject() @ValidateNested() @Type(() => Text) text!: Text;
  @IsBoolean() correct!: boolean;
}
class Quiz {
  @IsInt() @Min(0) passMark!: number;
  @IsArray() @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => Option) options!: Option[];
}
class Lesson {
  @IsIn(['text', 'quiz']) kind!: string;
  @IsObject() @ValidateNested() @Type(() => Text) title!: Text;
  // Judged only for a quiz lesson: a sibling decides.
  @ValidateIf((o: Lesson) => o.kind === 'quiz')
  @IsObject()
  @ValidateNested()
  @Type(() => Quiz)
  quiz!: Quiz | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => Text) note?: Text;
}
class Module {
  @IsString() key!: string;
  @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => Lesson) lessons!: Lesson[];
}
class Course {
  @IsString() slug!: string;
  @IsObject() @ValidateNested() @Type(() => Text) title!: Text;
  @IsArray() @ValidateNested({ each: true }) @Type(() => Module) modules!: Module[];
}

const validatorOptions = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false };

async function whole(value: object): Promise<{ instance: object; errors: FieldError[] }> {
  const instance = plainToInstance(Course, structuredClone(value));
  const errors = flattenValidationErrors(await validate(instance, validatorOptions));
  return { instance, errors };
}

function sliced(value: object, limit = Infinity, sliceMs = 0) {
  return validateInSlices(Course, structuredClone(value) as Record<string, unknown>, {
    validator: validatorOptions,
    limit,
    sliceMs,
    flatten: flattenValidationErrors,
  });
}

const byField = (errors: FieldError[]) =>
  [...errors].sort((a, b) => a.field.localeCompare(b.field) || a.message.localeCompare(b.message));

const option = (key: string, correct = true) => ({ key, text: { fr: key }, correct });
const lesson = (kind = 'text') => ({
  kind,
  title: { fr: 'titre' },
  quiz: kind === 'quiz' ? { passMark: 50, options: [option('a'), option('b', false)] } : null,
});
const course = () => ({
  slug: 's',
  title: { fr: 'c' },
  modules: [
    { key: 'm1', lessons: [lesson(), lesson('quiz')] },
    { key: 'm2', lessons: [lesson('quiz')] },
  ],
});

/** Bodies broken in every way a nested document can be: each judged alike whole and in slices. */
const broken: Record<string, (c: ReturnType<typeof course>) => unknown> = {
  'a valid course': (c) => c,
  'wrong types at every depth': (c) => {
    Object.assign(c.modules[0].lessons[1].quiz as object, {
      passMark: 'x',
      options: [{ key: 1, text: 2, correct: 'y' }],
    });
    (c.modules[1] as Record<string, unknown>)['key'] = 3;
    (c as Record<string, unknown>)['title'] = 'no object';
    return c;
  },
  'unknown fields nested': (c) => {
    (c.modules[1].lessons[0].title as Record<string, unknown>)['de'] = 'x';
    (c.modules[0] as Record<string, unknown>)['extra'] = 1;
    return c;
  },
  'items that are no objects': (c) => {
    (c.modules as unknown[]).push(7, null, [1, 2]);
    return c;
  },
  'an array where an object goes, and the reverse': (c) => {
    (c as Record<string, unknown>)['title'] = [{ fr: 'x' }];
    (c.modules[0] as Record<string, unknown>)['lessons'] = { kind: 'text' };
    return c;
  },
  'too many items, each also wrong': (c) => {
    c.modules[0].lessons = Array.from({ length: 6 }, () => ({ ...lesson(), kind: 'video' }));
    return c;
  },
  'a quiz on a text lesson is not judged, a null one on a quiz lesson is': (c) => {
    c.modules[0].lessons[0].quiz = { passMark: -1, options: [] };
    c.modules[1].lessons[0].quiz = null;
    return c;
  },
  'an optional nested object present and broken': (c) => {
    (c.modules[0].lessons[0] as Record<string, unknown>)['note'] = { fr: 'too long' };
    return c;
  },
  'an empty array and a missing one': (c) => {
    c.modules[0].lessons = [];
    delete (c.modules[1] as Partial<(typeof c.modules)[1]>).lessons;
    return c;
  },
};

describe('validation in slices', () => {
  it.each(Object.entries(broken))('judges %s as whole validation does', async (_name, breakIt) => {
    const body = breakIt(course()) as object;
    const expected = await whole(body);
    const actual = await sliced(body);
    expect(byField(actual.errors)).toEqual(byField(expected.errors));
    expect(actual.complete).toBe(true);
    if (!expected.errors.length) {
      expect(actual.instance).toEqual(expected.instance);
      expect(actual.instance).toBeInstanceOf(Course);
      const first = (actual.instance as Course).modules[0].lessons[1].quiz as Quiz;
      expect(first).toBeInstanceOf(Quiz);
      expect(first.options[0]).toBeInstanceOf(Option);
    }
  });

  it('found faults in each broken body (the comparison above is not between two empty lists)', async () => {
    for (const [name, breakIt] of Object.entries(broken)) {
      const { errors } = await whole(breakIt(course()) as object);
      expect([name, errors.length > 0]).toEqual([name, name !== 'a valid course']);
    }
  });

  it('stops once past the limit, saying the list is not complete', async () => {
    const body = course();
    body.modules = Array.from({ length: 50 }, (_, i) => ({
      key: `m${i}`,
      lessons: [{ ...lesson(), kind: 'x' }],
    }));
    const all = await sliced(body);
    expect(all.errors).toHaveLength(50);
    const some = await sliced(body, 20);
    expect(some.complete).toBe(false);
    expect(some.errors).toEqual(all.errors.slice(0, 21));
  });

  it('gives the event loop turns while it judges', async () => {
    const body = course();
    body.modules = Array.from({ length: 30 }, (_, i) => ({ key: `m${i}`, lessons: [lesson('quiz')] }));
    let turns = 0;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    await sliced(body, Infinity, 0);
    done = true;
    // One object a turn (sliceMs 0): a course, 30 modules, 30 lessons and their titles, quizzes, options.
    expect(turns).toBeGreaterThan(100);
  });
});

describe('the validation pipe on a large body', () => {
  const meta: ArgumentMetadata = { type: 'body', metatype: Course };
  const large = () => {
    const c = course();
    c.modules = Array.from({ length: 60 }, (_, i) => ({ key: `m${i}`, lessons: [lesson('quiz'), lesson()] }));
    return c;
  };

  it('judges it in slices, to the same instance', async () => {
    const body = large();
    expect(JSON.stringify(body).match(/:/g)?.length).toBeGreaterThan(SLICED_ABOVE_VALUES);
    const out = (await createValidationPipe().transform(structuredClone(body), meta)) as Course;
    expect(out).toEqual((await whole(body)).instance);
    expect(out.modules[59].lessons[0].quiz).toBeInstanceOf(Quiz);
  });

  it('lists the first 20 faults and says there are more', async () => {
    const body = large();
    for (const m of body.modules) for (const l of m.lessons) l.kind = 'video';
    try {
      await createValidationPipe().transform(body, meta);
      throw new Error('expected a validation problem');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      const problem = (error as ProblemException).getResponse() as { detail: string; errors: FieldError[] };
      expect(problem.errors).toHaveLength(20);
      expect(problem.errors[0]).toEqual({
        field: 'modules[0].lessons[0].kind',
        message: 'kind must be one of the following values: text, quiz',
        code: 'not-allowed',
        params: { allowed: ['text', 'quiz'] },
      });
      expect(problem.detail).toBe('The request has more than 20 invalid fields; the first 20 are listed.');
    }
  });
});
