import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { NUDGE_MESSAGE_MAX, NUDGE_RECIPIENTS_MAX, type NudgeRequest } from '@tc/shared/contracts';

export class NudgeDto implements NudgeRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: NUDGE_RECIPIENTS_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NUDGE_RECIPIENTS_MAX)
  @IsUUID('all', { each: true })
  enrolmentIds!: string[];

  @ApiPropertyOptional({ maxLength: NUDGE_MESSAGE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(NUDGE_MESSAGE_MAX)
  message?: string;
}
