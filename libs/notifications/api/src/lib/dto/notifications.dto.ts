import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import type { MarkAllReadRequest, NotificationQuery } from '@tc/shared/contracts';
import { coded, QueryInteger } from '@tc/shared/api';
import { NOTIFICATIONS_PAGE_MAX } from '../notifications.service';

export class NotificationQueryDto implements NotificationQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: unread notifications only' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: NOTIFICATIONS_PAGE_MAX, default: 20 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(NOTIFICATIONS_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, coded('invalid-cursor', 'cursor must be a nextCursor this API returned'))
  cursor?: string;
}

export class MarkAllReadDto implements MarkAllReadRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'The newest notification the person has seen: it and every older one are marked read',
  })
  @IsUUID('all')
  throughId!: string;
}
