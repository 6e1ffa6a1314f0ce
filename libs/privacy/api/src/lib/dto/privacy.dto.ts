import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES, type DataExportRequest, type ErasureAsk, type Locale } from '@tc/shared/contracts';

export class PrivacyQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, default: 'fr', description: "The notice's language" })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

/** Asking for one's archive says so in the body. */
export class DataExportRequestDto implements DataExportRequest {
  @ApiProperty({ enum: ['export'], description: 'An archive of everything held about me' })
  @IsIn(['export'])
  confirm!: 'export';
}

/** Asking to be erased says so in the body. */
export class ErasureAskDto implements ErasureAsk {
  @ApiProperty({ enum: ['erase'], description: 'Erase my personal data (an admin of my territory confirms)' })
  @IsIn(['erase'])
  confirm!: 'erase';
}

/** A route that takes no query parameters: any is refused by name. */
export class NoPrivacyQueryDto {}
