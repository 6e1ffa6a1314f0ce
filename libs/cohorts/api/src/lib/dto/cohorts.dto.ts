import { MAX_INT4, QueryInteger } from '@tc/shared/api';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  COHORT_STATUSES,
  LOCALES,
  type AcceptCohortInvitationRequest,
  type CohortStatus,
  type CreateCohortRequest,
  type EnrolByEmailRequest,
  type JoinCohortRequest,
  type Locale,
  type ModuleDeadline,
  type ResendInvitationsRequest,
  type RosterQuery,
  type UpdateCohortRequest,
} from '@tc/shared/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ModuleDeadlineDto implements ModuleDeadline {
  @ApiProperty() @IsString() @MaxLength(64) moduleKey!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-01-31' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DATE, { message: 'dueOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueOn must be a real date' })
  dueOn?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 14 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(3650)
  daysAfterStart?: number | null;
}

export class CreateCohortDto implements CreateCohortRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(160) name!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() courseId!: string;
  @ApiProperty({ minimum: 1, maximum: MAX_INT4 }) @IsInt() @Min(1) @Max(MAX_INT4) courseVersion!: number;
  @ApiProperty({ format: 'uuid' }) @IsUUID() territoryId!: string;

  @ApiProperty({ example: '2027-01-10' })
  @Matches(DATE, { message: 'startsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startsOn must be a real date' })
  startsOn!: string;

  @ApiProperty({ example: '2027-03-31' })
  @Matches(DATE, { message: 'endsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'endsOn must be a real date' })
  endsOn!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  trainerIds?: string[];

  @ApiPropertyOptional({ type: [ModuleDeadlineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ModuleDeadlineDto)
  deadlines?: ModuleDeadlineDto[];
}

export class UpdateCohortDto
  extends PartialType(
    PickType(CreateCohortDto, ['name', 'startsOn', 'endsOn', 'trainerIds', 'deadlines'] as const),
  )
  implements UpdateCohortRequest
{
  @ApiPropertyOptional({ enum: COHORT_STATUSES }) @IsOptional() @IsIn(COHORT_STATUSES) status?: CohortStatus;

  @ApiPropertyOptional({ description: 'true: a new join code; false: joining by code switched off' })
  @IsOptional()
  @IsBoolean()
  joinCode?: boolean;
}

export class EnrolByEmailDto implements EnrolByEmailRequest {
  @ApiProperty({ type: [String], maxItems: 2000 })
  @IsArray()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  @MaxLength(254, { each: true })
  emails!: string[];

  @ApiPropertyOptional({ enum: LOCALES }) @IsOptional() @IsIn(LOCALES) preferredLanguage?: Locale;
}

export class JoinCohortDto implements JoinCohortRequest {
  @ApiProperty({ example: 'K7M3QX9PTA' }) @IsString() @IsNotEmpty() @MaxLength(32) code!: string;
}

export class AcceptCohortInvitationDto implements AcceptCohortInvitationRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) token!: string;
}

export class UpgradeCohortDto {
  @ApiProperty({ minimum: 1, maximum: MAX_INT4 }) @IsInt() @Min(1) @Max(MAX_INT4) version!: number;
}

export class ResendInvitationsDto implements ResendInvitationsRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 10_000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  invitationIds!: string[];
}

export class UpgradePreviewQueryDto {
  @ApiProperty({ minimum: 1, maximum: MAX_INT4, description: 'The version the cohort would move to' })
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  version!: number;
}

export class ImportQueryDto {
  @ApiProperty({ enum: ['true', 'false'], description: 'true: report only; false: apply every row or none' })
  @IsIn(['true', 'false'])
  dryRun!: 'true' | 'false';
}

export class RosterQueryDto implements RosterQuery {
  @ApiPropertyOptional({ enum: ['name', 'progress', 'lastActivity'] })
  @IsOptional()
  @IsIn(['name', 'progress', 'lastActivity'])
  sort?: 'name' | 'progress' | 'lastActivity';
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @ApiPropertyOptional({ enum: ['active', 'withdrawn'] })
  @IsOptional()
  @IsIn(['active', 'withdrawn'])
  status?: 'active' | 'withdrawn';

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?:
    'json' | 'csv';

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of the file (default: French)' })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
