import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
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
  MATURITY_ITEMS,
  MILESTONE_KINDS,
  ORGANISATION_KINDS,
  ORGANISATION_SECTORS,
  VISIT_MODES,
  type AppliedLesson,
  type CreateFieldCommentRequest,
  type CreateMaturityCheckRequest,
  type CreateMilestoneRequest,
  type MaturityAnswers,
  type MaturityLevel,
  type MilestoneKind,
  type OrganisationKind,
  type OrganisationSector,
  type OrganisationsQuery,
  type SaveOrganisationRequest,
  type SaveVisitRequest,
  type ShareOrganisationRequest,
  type VisitMode,
} from '@tc/shared/contracts';
import { coded, MAX_INT4 } from '@tc/shared/api';

export const ORGANISATION_NAME_MAX = 200;
export const VISIT_TEXT_MAX = 4000;
export const COMMENT_BODY_MAX = 2000;
export const EVIDENCE_MAX = 500;
export const LESSON_TITLE_MAX = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COMPETENCE = /^\d\.\d{1,2}$/;
const LESSON_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** A client-made id (UUID): the same record sent again from the outbox is the same record. */
function ClientId() {
  return applyDecorators(
    ApiProperty({ format: 'uuid', description: 'Made by the client: a resend is the same record' }),
    IsUUID(),
  );
}

/** A day, `YYYY-MM-DD` (the service refuses one in the future or before 2000). */
function Day(description: string) {
  return applyDecorators(
    ApiProperty({ example: '2026-11-20', description }),
    IsString(),
    Matches(DATE, coded('invalid-date', 'A date YYYY-MM-DD')),
  );
}

/** An optional whole number or null. */
function OptionalCount(max: number, description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: max, description }),
    IsOptional(),
    ValidateIf((_o, v) => v !== null),
    IsInt(),
    Min(0),
    Max(max),
  );
}

export class SaveOrganisationDto implements SaveOrganisationRequest {
  @ClientId() id!: string;

  @ApiProperty({ maxLength: ORGANISATION_NAME_MAX })
  @IsString()
  @Matches(/\S/, coded('required', 'A name is needed'))
  @MaxLength(ORGANISATION_NAME_MAX)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ enum: ORGANISATION_SECTORS })
  @IsIn(ORGANISATION_SECTORS)
  sector!: OrganisationSector;

  @ApiProperty({ format: 'uuid', description: 'A province or commune the coach role covers' })
  @IsUUID()
  territoryId!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1900, maximum: 2100 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1900)
  @Max(2100)
  foundedYear?: number | null;

  @OptionalCount(MAX_INT4, 'Members (or employees)') members?: number | null;

  @OptionalCount(MAX_INT4, 'Women among them (at most members)') womenMembers?: number | null;

  @ApiProperty() @IsBoolean() womenLed!: boolean;

  @ApiProperty() @IsBoolean() youthLed!: boolean;

  @ApiPropertyOptional({ description: "Required true for a young-enterprise: the entrepreneur's agreement" })
  @IsOptional()
  @IsBoolean()
  consent?: boolean;
}

export class OrganisationsQueryDto implements OrganisationsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "For supervisors: one coach's field log" })
  @IsOptional()
  @IsUUID()
  coachId?: string;
}

/** The twelve items, each 0–3: every one required. */
export class MaturityAnswersDto implements MaturityAnswers {
  @Level() 'online-profile'!: MaturityLevel;
  @Level() findable!: MaturityLevel;
  @Level() 'sells-online'!: MaturityLevel;
  @Level() marketplaces!: MaturityLevel;
  @Level() 'accepts-digital-payment'!: MaturityLevel;
  @Level() 'uses-mobile-money'!: MaturityLevel;
  @Level() 'digital-accounts'!: MaturityLevel;
  @Level() 'stock-and-members'!: MaturityLevel;
  @Level() 'social-media'!: MaturityLevel;
  @Level() 'customer-messaging'!: MaturityLevel;
  @Level() 'meetings-and-decisions'!: MaturityLevel;
  @Level() 'shared-documents'!: MaturityLevel;
}

function Level() {
  return applyDecorators(ApiProperty({ type: Number, minimum: 0, maximum: 3 }), IsInt(), Min(0), Max(3));
}

/** The items' ids, as the answers DTO declares them (a spec keeps the two in step). */
export const ANSWER_KEYS = MATURITY_ITEMS.map((i) => i.id);

export class CreateMaturityCheckDto implements CreateMaturityCheckRequest {
  @ClientId() id!: string;

  @Day('The day of the check: not in the future, not before 2000') takenOn!: string;

  @ApiProperty({ type: MaturityAnswersDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MaturityAnswersDto)
  answers!: MaturityAnswersDto;
}

export class AppliedLessonDto implements AppliedLesson {
  @ApiProperty({ format: 'uuid' }) @IsUUID() courseId!: string;

  @ApiProperty({ pattern: LESSON_KEY.source })
  @IsString()
  @Matches(LESSON_KEY, coded('invalid-key', 'A lesson key'))
  lessonKey!: string;

  @ApiProperty({ maxLength: LESSON_TITLE_MAX })
  @IsString()
  @Matches(/\S/, coded('required', 'A title is needed'))
  @MaxLength(LESSON_TITLE_MAX)
  title!: string;
}

export class SaveVisitDto implements SaveVisitRequest {
  @ClientId() id!: string;

  @Day('The day of the visit: not in the future, not before 2000') visitedOn!: string;

  @ApiProperty({ minimum: 1, maximum: 1440 })
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes!: number;

  @ApiProperty({ enum: VISIT_MODES }) @IsIn(VISIT_MODES) mode!: VisitMode;

  @ApiProperty({ type: [String], maxItems: 21, description: 'DigComp 2.2 competence codes ("3.1")' })
  @IsArray()
  @ArrayMaxSize(21)
  @IsString({ each: true })
  @Matches(COMPETENCE, { each: true, ...coded('unknown-competence', 'A DigComp code such as 3.1') })
  competences!: string[];

  @ApiProperty({ type: [AppliedLessonDto], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AppliedLessonDto)
  lessons!: AppliedLessonDto[];

  @ApiPropertyOptional({ maxLength: VISIT_TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(VISIT_TEXT_MAX)
  notes?: string;

  @ApiPropertyOptional({ maxLength: VISIT_TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(VISIT_TEXT_MAX)
  nextSteps?: string;
}

export class CreateMilestoneDto implements CreateMilestoneRequest {
  @ClientId() id!: string;

  @ApiProperty({ enum: MILESTONE_KINDS }) @IsIn(MILESTONE_KINDS) kind!: MilestoneKind;

  @Day('The day it was reached: not in the future, not before 2000') reachedOn!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: EVIDENCE_MAX, format: 'uri' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(EVIDENCE_MAX)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  evidenceUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: EVIDENCE_MAX })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(EVIDENCE_MAX)
  evidenceNote?: string | null;
}

export class CreateFieldCommentDto implements CreateFieldCommentRequest {
  @ClientId() id!: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'One of its visits' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  visitId?: string | null;

  @ApiProperty({ maxLength: COMMENT_BODY_MAX, description: 'Plain text' })
  @IsString()
  @Matches(/\S/, coded('required', 'A text is needed'))
  @MaxLength(COMMENT_BODY_MAX)
  body!: string;
}

export class ShareOrganisationDto implements ShareOrganisationRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'A coach (one who asked); or give email' })
  @IsOptional()
  @IsUUID()
  coachId?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: "A coach's e-mail; or give coachId" })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email?: string;
}

export class OrganisationParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class VisitParams extends OrganisationParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() visitId!: string;
}

export class MilestoneParams extends OrganisationParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() milestoneId!: string;
}

export class ShareParams extends OrganisationParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() coachId!: string;
}
