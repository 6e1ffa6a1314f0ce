import { coded, QueryInteger } from '@tc/shared/api';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  AUDIT_ACTIONS,
  AUDIT_EXPORT_FORMATS,
  AUDIT_SUBJECT_TYPES,
  type AuditAction,
  type AuditExportFormat,
  type AuditExportQuery,
  type AuditQuery,
  type AuditSubjectType,
  LOCALES,
  type Locale,
} from '@tc/shared/contracts';

export const AUDIT_PAGE_MAX = 200;

/** What selects entries, on the screen and in a file alike. */
export class AuditFiltersDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only what this person did' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    minLength: 2,
    maxLength: 100,
    description: 'Only what people did whose name or e-mail holds this (case ignored)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS }) @IsOptional() @IsIn(AUDIT_ACTIONS) action?: AuditAction;

  @ApiPropertyOptional({ enum: AUDIT_SUBJECT_TYPES })
  @IsOptional()
  @IsIn(AUDIT_SUBJECT_TYPES)
  subjectType?: AuditSubjectType;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'fr', description: "The language of the subjects' names" })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class AuditQueryDto extends AuditFiltersDto implements AuditQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: 50 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, coded('invalid-cursor', 'cursor must be a nextCursor this API returned'))
  cursor?: string;
}

export class AuditExportQueryDto extends AuditFiltersDto implements AuditExportQuery {
  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS, description: 'CSV (`;`, UTF-8 with BOM) or XLSX' })
  @IsIn(AUDIT_EXPORT_FORMATS)
  format!: AuditExportFormat;
}
