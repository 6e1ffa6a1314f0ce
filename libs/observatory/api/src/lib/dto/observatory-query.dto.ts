import { coded, MAX_INT4, QueryInteger } from '@tc/shared/api';
import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import {
  EXPORT_FORMATS,
  LOCALES,
  OBSERVATORY_GROUPS,
  type ExportFormat,
  type Locale,
  type ObservatoryGroupBy,
} from '@tc/shared/contracts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Rows of a completion table per JSON answer unless asked otherwise, and at most. */
export const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

export class CompetenceQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the top of your scope' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;

  @ApiPropertyOptional({ example: '2026-01', description: 'First month, inclusive (YYYY-MM)' })
  @IsOptional()
  @Matches(MONTH, coded('invalid-month', 'from must be a month, YYYY-MM'))
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last month, inclusive (YYYY-MM)' })
  @IsOptional()
  @Matches(MONTH, coded('invalid-month', 'to must be a month, YYYY-MM'))
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'A file instead of JSON' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of a file (default: French)' })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

export class CompletionQueryDto extends CompetenceQueryDto {
  @ApiPropertyOptional({
    enum: OBSERVATORY_GROUPS,
    description: 'Default: territory (its children), or cohort for a territory without children',
  })
  @IsOptional()
  @IsIn(OBSERVATORY_GROUPS)
  groupBy?: ObservatoryGroupBy;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_INT4,
    default: 0,
    description: 'First row of the page (JSON only)',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  @Max(MAX_INT4)
  offset?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PAGE,
    default: DEFAULT_PAGE,
    description: 'Rows per page (JSON only; a file holds the whole table)',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;
}

/**
 * Field practice: the territory, the months and the course as for completion, and a page of its
 * cohorts (`offset`, `limit`); `format` for the whole of it as a file.
 */
export class PracticeQueryDto extends OmitType(CompletionQueryDto, ['groupBy']) {}
