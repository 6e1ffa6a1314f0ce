import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  TERRITORY_LEVELS,
  type CreateTerritoryRequest,
  type LocalizedName,
  type TerritoryLevel,
  type UpdateTerritoryRequest,
} from '@tc/shared/contracts';

const CODE_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
const CODE_MESSAGE = 'code must look like an ISO 3166-2 code (MA, MA-02, MA-BER)';

export class LocalizedNameDto implements LocalizedName {
  @ApiProperty({ example: "L'Oriental" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fr!: string;

  @ApiProperty({ example: 'الشرق' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  ar!: string;

  @ApiProperty({ example: 'Oriental' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  en!: string;
}

export class PartialLocalizedNameDto implements Partial<LocalizedName> {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) fr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) ar?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) en?: string;
}

export class CreateTerritoryDto implements CreateTerritoryRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  parentId!: string;

  @ApiProperty({ enum: TERRITORY_LEVELS })
  @IsIn(TERRITORY_LEVELS)
  level!: TerritoryLevel;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'MA-BER' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string | null;

  @ApiProperty({ type: LocalizedNameDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;
}

export class UpdateTerritoryDto implements UpdateTerritoryRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Move under this parent' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
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
