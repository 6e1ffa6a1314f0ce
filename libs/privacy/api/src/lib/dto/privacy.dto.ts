import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  ERASURE_REQUEST_STATUSES,
  LOCALES,
  type DataExportRequest,
  type ErasureAsk,
  type ErasureRequestStatus,
  type ListErasureRequestsQuery,
  type Locale,
} from '@tc/shared/contracts';
import { PageQueryDto } from '@tc/shared/api';

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

/** The admin's list of requests to be erased: pending (default) or done, paginated like the user list. */
export class ListErasureRequestsQueryDto extends PageQueryDto implements ListErasureRequestsQuery {
  @ApiPropertyOptional({ enum: ERASURE_REQUEST_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(ERASURE_REQUEST_STATUSES)
  status?: ErasureRequestStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "One person's request only" })
  @IsOptional()
  @IsUUID()
  userId?: string;
}
