import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { coded } from '@tc/shared/api';
import {
  EXPORT_FORMATS,
  LOCALES,
  ORGANISATION_KINDS,
  ORGANISATION_SECTORS,
  type ExportFormat,
  type ImpactQuery,
  type Locale,
  type OrganisationKind,
  type OrganisationSector,
} from '@tc/shared/contracts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The impact view's filters: where, which months, which organisations; and the language of its names. */
export class ImpactQueryDto implements ImpactQuery {
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

  @ApiPropertyOptional({ enum: ORGANISATION_SECTORS })
  @IsOptional()
  @IsIn(ORGANISATION_SECTORS)
  sector?: OrganisationSector;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only women-led organisations (true) or the others (false)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  womenLed?: boolean;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of the territories’ names (default: French)' })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

/** The same report as a file. */
export class ImpactExportQueryDto extends ImpactQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format!: ExportFormat;
}
