import { coded, MAX_INT4, QueryInteger } from '@tc/shared/api';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EVIDENCE_KINDS,
  LESSON_KINDS,
  LOCALES,
  MEDIA_TYPES,
  QUESTION_TYPES,
  type AddCoAuthorRequest,
  type CourseFile,
  type CreateCourseRequest,
  type CreateLessonRequest,
  type CreateModuleRequest,
  type EvidenceKind,
  type EvidenceRule,
  type LessonContent,
  type LessonKind,
  type Locale,
  type MediaContent,
  type MediaType,
  type ModuleContent,
  type PracticalTask,
  type QuestionType,
  type Quiz,
  type QuizOption,
  type QuizQuestion,
  type ReorderRequest,
  type RubricCriterion,
  type RubricLevel,
  type UpdateCourseRequest,
  type UpdateLessonRequest,
  type UpdateModuleRequest,
} from '@tc/shared/contracts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COMPETENCE = /^[1-5]\.[1-6]$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const HASH = /^[0-9a-f]{64}$/;
/** The rules' messages, and the codes their field errors carry (a pattern alone reads `invalid-format`). */
const KEY_RULE = coded('invalid-key', 'key must be letters, digits, - or _');
const SLUG_RULE = coded(
  'invalid-slug',
  'slug must be lower-case letters and digits separated by single dashes',
);

/** A nested object (class-validator + class-transformer + OpenAPI), optional and/or nullable. */
function Nested(type: () => new () => object, opts: { optional?: boolean; nullable?: boolean } = {}) {
  const t = type();
  return applyDecorators(
    ...(opts.optional
      ? [ApiPropertyOptional({ type: t, nullable: !!opts.nullable }), IsOptional()]
      : [ApiProperty({ type: t, nullable: !!opts.nullable })]),
    ...(opts.nullable ? [ValidateIf((_o, v) => v !== null)] : []),
    // ValidateNested alone lets an absent value and an array through.
    IsObject(),
    ValidateNested(),
    Type(type),
  );
}

/** A whole number in a range, or null (and absent when optional). */
function NullableInt(min: number, max: number, opts: { optional?: boolean; description?: string } = {}) {
  return applyDecorators(
    ...(opts.optional
      ? [
          ApiPropertyOptional({
            type: Number,
            nullable: true,
            minimum: min,
            maximum: max,
            description: opts.description,
          }),
          IsOptional(),
        ]
      : [
          ApiProperty({
            type: Number,
            nullable: true,
            minimum: min,
            maximum: max,
            description: opts.description,
          }),
        ]),
    ValidateIf((_o, v) => v !== null),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/** The interface languages a course offers: at least one, each once. */
function Locales(optional = false) {
  return applyDecorators(
    ...(optional
      ? [ApiPropertyOptional({ enum: LOCALES, isArray: true }), IsOptional()]
      : [ApiProperty({ enum: LOCALES, isArray: true })]),
    IsArray(),
    ArrayMinSize(1),
    ArrayUnique(),
    IsIn(LOCALES, { each: true }),
  );
}

/** The content hash of an uploaded file, or null. */
function MediaHash(message: string, optional = false) {
  return applyDecorators(
    ...(optional
      ? [ApiPropertyOptional({ type: String, nullable: true }), IsOptional()]
      : [ApiProperty({ type: String, nullable: true })]),
    ValidateIf((_o, v) => v !== null),
    Matches(HASH, { message }),
  );
}

/** A short text (title, option, caption) in some of fr / ar / en. */
export class ShortTextDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) fr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) ar?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) en?: string;
}

/** A long text (markdown body, transcript, summary) in some of fr / ar / en. */
export class LongTextDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100_000) fr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100_000) ar?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100_000) en?: string;
}

export class QuizOptionDto implements QuizOption {
  @ApiProperty() @IsString() @Matches(KEY, KEY_RULE) key!: string;
  @Nested(() => ShortTextDto) text!: ShortTextDto;
  @ApiProperty() @IsBoolean() correct!: boolean;
  @Nested(() => LongTextDto, { optional: true })
  feedback?: LongTextDto;
}

export class QuizQuestionDto implements QuizQuestion {
  @ApiProperty() @IsString() @Matches(KEY, KEY_RULE) key!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) @IsIn(QUESTION_TYPES) type!: QuestionType;
  @Nested(() => LongTextDto) prompt!: LongTextDto;
  @ApiProperty({ minimum: 1, maximum: 100 }) @IsInt() @Min(1) @Max(100) points!: number;

  @ApiProperty({ type: [QuizOptionDto] })
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => QuizOptionDto)
  options!: QuizOptionDto[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  acceptedAnswers!: string[];

  @Nested(() => LongTextDto, { optional: true })
  explanation?: LongTextDto;
}

export class QuizDto implements Quiz {
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) passMark!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts!: number | null;

  @ApiProperty({ enum: ['after_pass_or_last_attempt', 'never'] })
  @IsIn(['after_pass_or_last_attempt', 'never'])
  revealAnswers!: Quiz['revealAnswers'];

  @ApiPropertyOptional({ default: false, description: 'Another attempt allowed after a pass' })
  @IsOptional()
  @IsBoolean()
  allowImprove?: boolean;

  @ApiProperty({ type: [QuizQuestionDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionDto)
  questions!: QuizQuestionDto[];
}

export class MediaContentDto implements MediaContent {
  @ApiProperty({ enum: MEDIA_TYPES }) @IsIn(MEDIA_TYPES) type!: MediaType;

  @MediaHash('mediaHash must be the hash of an uploaded file')
  mediaHash!: string | null;

  @ApiProperty({ type: String, nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'url must be an https link' })
  @MaxLength(2000)
  url!: string | null;

  @Nested(() => ShortTextDto) caption!: ShortTextDto;
  @Nested(() => LongTextDto) transcript!: LongTextDto;
}

/** A list of nested objects, each validated (paths read `criteria[1].levels[0].points`). */
function NestedList(type: () => new () => object, max: number) {
  return applyDecorators(
    ApiProperty({ type: [type()] }),
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(type),
  );
}

export class EvidenceRuleDto implements EvidenceRule {
  @ApiProperty({ enum: EVIDENCE_KINDS }) @IsIn(EVIDENCE_KINDS) kind!: EvidenceKind;
  @ApiProperty({ minimum: 0, maximum: 10 }) @IsInt() @Min(0) @Max(10) min!: number;
  @ApiProperty({ minimum: 1, maximum: 10, description: 'text: 1; photo ≤ 10; audio ≤ 3; pdf ≤ 3' })
  @IsInt()
  @Min(1)
  @Max(10)
  max!: number;
}

export class RubricLevelDto implements RubricLevel {
  @ApiProperty() @IsString() @Matches(KEY, KEY_RULE) key!: string;
  @Nested(() => ShortTextDto) title!: ShortTextDto;
  @Nested(() => LongTextDto) descriptor!: LongTextDto;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) points!: number;
}

export class RubricCriterionDto implements RubricCriterion {
  @ApiProperty() @IsString() @Matches(KEY, KEY_RULE) key!: string;
  @Nested(() => ShortTextDto) title!: ShortTextDto;

  @ApiProperty({ type: String, nullable: true, example: '3.1' })
  @ValidateIf((_o, v) => v !== null)
  @Matches(COMPETENCE, coded('invalid-competence', 'competence must be a DigComp code such as 3.1'))
  competence!: string | null;

  @NestedList(() => RubricLevelDto, 6)
  levels!: RubricLevelDto[];
}

/** A practical task as saved in a draft: its shape here, its completeness at publish. */
export class PracticalTaskDto implements PracticalTask {
  @Nested(() => LongTextDto) instructions!: LongTextDto;

  @NestedList(() => EvidenceRuleDto, EVIDENCE_KINDS.length)
  evidence!: EvidenceRuleDto[];

  @NestedList(() => RubricCriterionDto, 10)
  criteria!: RubricCriterionDto[];

  @ApiProperty({ minimum: 0, maximum: 600, description: '0 < passPoints ≤ the most the rubric gives' })
  @IsInt()
  @Min(0)
  @Max(600)
  passPoints!: number;

  @ApiProperty() @IsBoolean() required!: boolean;
}

function Competences() {
  return function (target: object, property: string) {
    ApiPropertyOptional({ type: [String], example: ['1.1', '2.4'] })(target, property);
    IsArray()(target, property);
    ArrayMaxSize(21)(target, property);
    ArrayUnique()(target, property);
    Matches(COMPETENCE, {
      each: true,
      ...coded('invalid-competence', 'each competence must be a DigComp code such as 2.4'),
    })(target, property);
  };
}

export class CreateCourseDto implements CreateCourseRequest {
  @ApiProperty({ example: 'numerique-territoires-ess' })
  @IsString()
  @MaxLength(80)
  @Matches(SLUG, SLUG_RULE)
  slug!: string;

  @Nested(() => ShortTextDto) title!: ShortTextDto;
  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES) defaultLocale!: Locale;

  @Locales()
  locales!: Locale[];

  @Nested(() => LongTextDto, { optional: true })
  summary?: LongTextDto;

  @NullableInt(1, 100_000, { optional: true })
  estimatedMinutes?: number | null;

  @IsOptional() @Competences() competences?: string[];
}

export class UpdateCourseDto extends PartialType(CreateCourseDto) implements UpdateCourseRequest {
  @MediaHash('coverImageHash must be the hash of an uploaded image', true)
  coverImageHash?: string | null;
}

export class CreateModuleDto implements CreateModuleRequest {
  @Nested(() => ShortTextDto) title!: ShortTextDto;
}

export class UpdateModuleDto extends PartialType(CreateModuleDto) implements UpdateModuleRequest {}

export class CreateLessonDto implements CreateLessonRequest {
  @ApiProperty({ enum: LESSON_KINDS }) @IsIn(LESSON_KINDS) kind!: LessonKind;
  @Nested(() => ShortTextDto) title!: ShortTextDto;
  @Nested(() => LongTextDto, { optional: true })
  body?: LongTextDto;

  @Nested(() => MediaContentDto, { optional: true, nullable: true })
  media?: MediaContentDto | null;

  @Nested(() => QuizDto, { optional: true, nullable: true })
  quiz?: QuizDto | null;

  @Nested(() => PracticalTaskDto, { optional: true, nullable: true })
  task?: PracticalTaskDto | null;

  @IsOptional() @Competences() competences?: string[];

  @NullableInt(1, 10_000, { optional: true })
  estimatedMinutes?: number | null;
}

/** Every field of a new lesson but its kind (fixed at creation), all optional; and a move. */
export class UpdateLessonDto
  extends PartialType(OmitType(CreateLessonDto, ['kind'] as const))
  implements UpdateLessonRequest
{
  @ApiPropertyOptional({ format: 'uuid', description: 'Move the lesson to the end of this module' })
  @IsOptional()
  @IsUUID()
  moduleId?: string;
}

export class ReorderDto implements ReorderRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids!: string[];
}

export class AddCoAuthorDto implements AddCoAuthorRequest {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
}

export class RenderMarkdownDto {
  @ApiProperty() @IsString() @MaxLength(100_000) markdown!: string;
}

export class ListCoursesQueryDto {
  @ApiPropertyOptional({ enum: ['mine', 'published'] }) @IsOptional() @IsIn(['mine', 'published']) scope?:
    'mine' | 'published';
}

export class VersionQueryDto {
  @ApiPropertyOptional({
    description: 'A published version number; the draft when absent',
    minimum: 1,
    maximum: MAX_INT4,
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  version?: number;
}

export class PreviewQueryDto extends VersionQueryDto {
  @ApiPropertyOptional({ enum: LOCALES }) @IsOptional() @IsIn(LOCALES) locale?: Locale;
}

/** Offered languages, comma-separated: `ar` or `ar,en`. */
const LOCALE_LIST = new RegExp(`^(${LOCALES.join('|')})(,(${LOCALES.join('|')}))*$`);

export class PublishQueryDto {
  @ApiPropertyOptional({
    example: 'ar',
    description:
      'Languages to stop offering, comma-separated, removed in the same transaction before publishing. ' +
      'An offered language still lacking texts is published anyway: they fall back to the default language.',
  })
  @IsOptional()
  @Matches(LOCALE_LIST, { message: 'stopOffering must be language codes separated by commas (fr,ar,en)' })
  stopOffering?: string;
}

// ---------------------------------------------------------------- the export/import file

export class FileLessonDto implements LessonContent {
  @ApiProperty() @IsString() @Matches(KEY, KEY_RULE) key!: string;
  @ApiProperty({ enum: LESSON_KINDS }) @IsIn(LESSON_KINDS) kind!: LessonKind;
  @Nested(() => ShortTextDto) title!: ShortTextDto;
  @Competences() competences!: string[];

  @NullableInt(1, 10_000)
  estimatedMinutes!: number | null;

  @Nested(() => LongTextDto) body!: LongTextDto;

  @Nested(() => MediaContentDto, { nullable: true })
  media!: MediaContentDto | null;

  @Nested(() => QuizDto, { nullable: true })
  quiz!: QuizDto | null;

  /** Absent in files from before tasks: null. */
  @Nested(() => PracticalTaskDto, { optional: true, nullable: true })
  task?: PracticalTaskDto | null;
}

export class FileModuleDto implements ModuleContent {
  @ApiProperty() @IsString() @Matches(KEY, KEY_RULE) key!: string;
  @Nested(() => ShortTextDto) title!: ShortTextDto;

  @ApiProperty({ type: [FileLessonDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FileLessonDto)
  lessons!: FileLessonDto[];
}

class FileSourceDto {
  @ApiProperty() @IsString() @MaxLength(64) courseId!: string;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: MAX_INT4 })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  version!: number | null;
}

export class CourseFileDto implements CourseFile {
  @ApiProperty({ enum: ['tc-course/1'] })
  @IsIn(['tc-course/1'], { message: 'format must be tc-course/1' })
  format!: 'tc-course/1';
  @ApiProperty() @IsISO8601() exportedAt!: string;
  @Nested(() => FileSourceDto) source!: FileSourceDto;

  @ApiProperty()
  @IsString()
  @MaxLength(80)
  @Matches(SLUG, SLUG_RULE)
  slug!: string;

  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES) defaultLocale!: Locale;

  @Locales()
  locales!: Locale[];

  @Nested(() => ShortTextDto) title!: ShortTextDto;
  @Nested(() => LongTextDto) summary!: LongTextDto;

  @NullableInt(1, 100_000)
  estimatedMinutes!: number | null;

  @MediaHash('coverImageHash must be a content hash')
  coverImageHash!: string | null;

  @Competences() competences!: string[];

  @ApiProperty({ type: [FileModuleDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FileModuleDto)
  modules!: FileModuleDto[];
}
