import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type {
  CriterionScore,
  HandInRequest,
  ReviewDecision,
  ReviewQueueQuery,
  ReviewRequest,
  SubmissionStatus,
} from '@tc/shared/contracts';
import { coded, QueryInteger } from '@tc/shared/api';

export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['pass', 'revise'];
export const QUEUE_STATUSES: readonly Exclude<SubmissionStatus, 'withdrawn'>[] = [
  'waiting',
  'returned',
  'passed',
];
export const QUEUE_PAGE_MAX = 100;
/** Ten photos, three voice notes, three PDFs: the most any task's rules allow. */
export const MAX_FILES_PER_HAND_IN = 16;
export const MAX_TEXT = 10_000;
export const MAX_COMMENT = 4_000;

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class TaskParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() enrolmentId!: string;
  @ApiProperty({ example: 'm2-task' })
  @Matches(KEY, coded('invalid-key', 'lessonKey must be a lesson key'))
  lessonKey!: string;
}

export class SubmissionParams extends TaskParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class HandInDto implements HandInRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'Client-generated; a replay with the same id answers the first hand-in',
  })
  @IsUUID()
  id!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    maxLength: MAX_TEXT,
    description: 'The written part, if the task takes one',
  })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(MAX_TEXT)
  text!: string | null;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: MAX_FILES_PER_HAND_IN,
    uniqueItems: true,
    description: 'Evidence file ids, in order, each once',
  })
  @IsArray()
  @ArrayMaxSize(MAX_FILES_PER_HAND_IN)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  fileIds!: string[];
}

export class CriterionScoreDto implements CriterionScore {
  @ApiProperty({ example: 'clarity' }) @IsString() @MaxLength(64) criterionKey!: string;
  @ApiProperty({ example: 'good' }) @IsString() @MaxLength(64) levelKey!: string;
}

export class ReviewDto implements ReviewRequest {
  @ApiProperty({ enum: REVIEW_DECISIONS }) @IsIn(REVIEW_DECISIONS) decision!: ReviewDecision;

  @ApiProperty({
    type: [CriterionScoreDto],
    maxItems: 10,
    description: 'One level per criterion of the rubric',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores!: CriterionScoreDto[];

  @ApiProperty({
    maxLength: MAX_COMMENT,
    description: 'Feedback for the coach (plain text; may be empty, with or without a voice comment)',
  })
  @IsString()
  @MaxLength(MAX_COMMENT)
  comment!: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: "A voice comment the reviewer uploaded for this round (its upload's Upload-Evidence-Id)",
  })
  @IsOptional()
  @IsUUID()
  voiceCommentId?: string | null;
}

export class ReviewQueueQueryDto implements ReviewQueueQuery {
  @ApiPropertyOptional({ enum: QUEUE_STATUSES, default: 'waiting' })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: Exclude<SubmissionStatus, 'withdrawn'>;

  @ApiPropertyOptional({ example: 'm2' })
  @IsOptional()
  @Matches(KEY, coded('invalid-key', 'moduleKey must be a module key'))
  moduleKey?: string;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, coded('invalid-cursor', 'cursor must be a nextCursor this API returned'))
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: QUEUE_PAGE_MAX, default: 20 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(QUEUE_PAGE_MAX)
  limit?: number;
}
