import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  LOCAL_TERRITORY_CODE,
  TERRITORY_CODE_MAX,
  TERRITORY_LEVELS,
  type CreateTerritoryRequest,
  type LocalizedName,
  type TerritoryLevel,
  type TerritorySearchQuery,
  type UpdateTerritoryRequest,
} from '@tc/shared/contracts';

/**
 * The shape every code has (ISO 3166-2 codes and local ones alike); whether it fits the territory's
 * level (ISO above the commune) is the service's check, which knows the level on an update too.
 */
const CODE_MESSAGE = `code must be upper-case letters and digits, in groups joined by "-" or "." (MA-BER, MA-BER-003), at most ${TERRITORY_CODE_MAX} characters`;

/** Codes are upper-case: `ma-ber` is MA-BER. Surrounding spaces go. */
const NormalisedCode = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  );

/** Surrounding spaces go; an empty name is a name not given. */
const TrimmedName = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Names per language; which are required depends on the level (see TerritoriesService). */
export class PartialLocalizedNameDto implements Partial<LocalizedName> {
  @ApiPropertyOptional({ example: 'Saïdia' })
  @IsOptional()
  @TrimmedName()
  @IsString()
  @MaxLength(200)
  fr?: string;

  @ApiPropertyOptional({ example: 'السعيدية' })
  @IsOptional()
  @TrimmedName()
  @IsString()
  @MaxLength(200)
  ar?: string;

  @ApiPropertyOptional({ example: 'Saidia' })
  @IsOptional()
  @TrimmedName()
  @IsString()
  @MaxLength(200)
  en?: string;
}

export class CreateTerritoryDto implements CreateTerritoryRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  parentId!: string;

  @ApiProperty({ enum: TERRITORY_LEVELS })
  @IsIn(TERRITORY_LEVELS)
  level!: TerritoryLevel;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: TERRITORY_CODE_MAX,
    example: 'MA-BER',
    description: 'ISO 3166-2 down to the province; below it a local code (MA-BER-003)',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @NormalisedCode()
  @IsString()
  @MaxLength(TERRITORY_CODE_MAX)
  @Matches(LOCAL_TERRITORY_CODE, { message: CODE_MESSAGE })
  code?: string | null;

  @ApiProperty({
    type: PartialLocalizedNameDto,
    description: 'Every language above the commune level; one is enough for a commune',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => PartialLocalizedNameDto)
  name!: PartialLocalizedNameDto;
}

export class UpdateTerritoryDto implements UpdateTerritoryRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Move under this parent' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TERRITORY_CODE_MAX })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @NormalisedCode()
  @IsString()
  @MaxLength(TERRITORY_CODE_MAX)
  @Matches(LOCAL_TERRITORY_CODE, { message: CODE_MESSAGE })
  code?: string | null;

  @ApiPropertyOptional({ type: PartialLocalizedNameDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PartialLocalizedNameDto)
  name?: PartialLocalizedNameDto;
}

export class ListTerritoriesQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Children of this territory; the roots when absent' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class SearchTerritoriesQueryDto implements TerritorySearchQuery {
  @ApiProperty({
    minLength: 2,
    maxLength: 100,
    description: 'Part of a name (any language, accents ignored) or of a code',
  })
  @TrimmedName()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  q!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only in the subtree of this territory' })
  @IsOptional()
  @IsUUID()
  within?: string;
}
