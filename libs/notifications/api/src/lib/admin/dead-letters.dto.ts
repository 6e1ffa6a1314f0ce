import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  AUDIT_REASON_MAX,
  DEAD_LETTERS_PAGE_MAX,
  type DeadLetterQuery,
  type RetryDeadLetterRequest,
} from '@tc/shared/contracts';
import { BodyMayBeAbsent, coded, QueryInteger } from '@tc/shared/api';

/** A queue's name as pg-boss allows it (letters, digits, `.`, `_`, `-`, `/`). */
export const QUEUE_NAME = /^[\w.\-/]{1,100}$/;
/** The page cursor: the last item's failure time (microseconds since 1970) and its id. */
export const DEAD_LETTER_CURSOR =
  /^(\d{1,19})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export class DeadLetterQueryDto implements DeadLetterQuery {
  @ApiPropertyOptional({ description: "The failed job's queue, e.g. notifications.deliver" })
  @IsOptional()
  @Matches(QUEUE_NAME, coded('invalid-format', 'queue must be a queue name'))
  queue?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: DEAD_LETTERS_PAGE_MAX, default: 50 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(DEAD_LETTERS_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @Matches(DEAD_LETTER_CURSOR, coded('invalid-cursor', 'cursor must be a nextCursor this API returned'))
  cursor?: string;
}

@BodyMayBeAbsent()
export class RetryDeadLetterDto implements RetryDeadLetterRequest {
  @ApiPropertyOptional({
    maxLength: AUDIT_REASON_MAX,
    description: 'Why the job may run again, for the other admins: kept in the audit entry',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() || undefined : value,
  )
  @IsString()
  @MaxLength(AUDIT_REASON_MAX)
  reason?: string;
}
