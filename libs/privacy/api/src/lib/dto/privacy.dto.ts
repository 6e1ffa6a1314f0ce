import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES, type Locale } from '@tc/shared/contracts';

export class PrivacyQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, default: 'fr', description: "The notice's language" })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
