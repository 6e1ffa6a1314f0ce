import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
} from 'class-validator';
import type {
  CreateThreadPostRequest,
  CreateThreadRequest,
  HideThreadPostRequest,
  LockThreadRequest,
  ReportThreadPostRequest,
  ThreadsQuery,
  UpdateThreadPostRequest,
} from '@tc/shared/contracts';
import { coded, QueryInteger } from '@tc/shared/api';

export const THREAD_TITLE_MAX = 200;
export const THREAD_BODY_MAX = 20_000;
export const THREAD_REASON_MAX = 500;
export const THREAD_PAGE_MAX = 50;
const LESSON_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** A markdown body: not blank, at most THREAD_BODY_MAX characters. */
function Body() {
  return applyDecorators(
    ApiProperty({
      maxLength: THREAD_BODY_MAX,
      description: 'Markdown (rendered and sanitised as announcements are)',
    }),
    IsString(),
    Matches(/\S/, coded('required', 'A text is needed')),
    MaxLength(THREAD_BODY_MAX),
  );
}

/** A client-made id: sending the same one again is the same post (a retry from an outbox). */
function ClientId() {
  return applyDecorators(
    ApiPropertyOptional({
      format: 'uuid',
      description: 'Made by the client so that a retry is the same post; absent: the server makes one',
    }),
    IsOptional(),
    IsUUID(),
  );
}

export class CreateThreadDto implements CreateThreadRequest {
  @ClientId() id?: string;

  @ApiProperty({ maxLength: THREAD_TITLE_MAX, description: 'Plain text' })
  @IsString()
  @Matches(/\S/, coded('required', 'A title is needed'))
  @MaxLength(THREAD_TITLE_MAX)
  title!: string;

  @Body() body!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "A lesson of the cohort's pinned course version; absent or null: the cohort in general",
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(LESSON_KEY, coded('thread-lesson-unknown', "lessonKey must be a lesson of the cohort's course"))
  lessonKey?: string | null;
}

export class CreateThreadPostDto implements CreateThreadPostRequest {
  @ClientId() id?: string;

  @Body() body!: string;
}

export class UpdateThreadPostDto implements UpdateThreadPostRequest {
  @Body() body!: string;
}

export class ReportThreadPostDto implements ReportThreadPostRequest {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: THREAD_REASON_MAX })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(THREAD_REASON_MAX)
  reason?: string | null;
}

export class HideThreadPostDto implements HideThreadPostRequest {
  @ApiProperty({ maxLength: THREAD_REASON_MAX, description: 'Shown to the cohort’s trainers; audited' })
  @IsString()
  @Matches(/\S/, coded('required', 'A reason is needed'))
  @MaxLength(THREAD_REASON_MAX)
  reason!: string;
}

export class LockThreadDto implements LockThreadRequest {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: THREAD_REASON_MAX })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(THREAD_REASON_MAX)
  reason?: string | null;
}

export class ThreadsQueryDto implements ThreadsQuery {
  @ApiPropertyOptional({ description: 'Only the threads about this lesson' })
  @IsOptional()
  @Matches(LESSON_KEY, coded('thread-lesson-unknown', "lessonKey must be a lesson of the cohort's course"))
  lessonKey?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: "true: only the cohort's general threads" })
  @IsOptional()
  @IsIn(['true', 'false'])
  general?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only threads with a reported post (for whoever moderates the cohort)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  reported?: 'true' | 'false';

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, coded('invalid-cursor', 'cursor must be a nextCursor this API returned'))
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: THREAD_PAGE_MAX, default: 20 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(THREAD_PAGE_MAX)
  limit?: number;
}

export class ThreadParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() cohortId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() threadId!: string;
}

export class ThreadPostParams extends ThreadParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() postId!: string;
}
