import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  LOCALES,
  PROGRESS_EVENT_TYPES,
  type Locale,
  type ProgressBatch,
  type ProgressEvent,
  type ProgressEventType,
  type QuizAnswers,
  type QuizAttemptRequest,
} from '@tc/shared/contracts';

export const MAX_BATCH = 500;

export class ProgressEventDto implements ProgressEvent {
  @ApiProperty({ format: 'uuid', description: 'Client-generated; the idempotency key' })
  @IsUUID()
  id!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() enrolmentId!: string;
  @ApiProperty({ example: 'm1-l1' }) @IsString() @MaxLength(64) lessonKey!: string;
  @ApiProperty({ enum: PROGRESS_EVENT_TYPES }) @IsIn(PROGRESS_EVENT_TYPES) type!: ProgressEventType;
  @ApiProperty({ example: '2027-01-12T09:30:00Z' }) @IsISO8601({ strict: true }) occurredAt!: string;
}

export class ProgressBatchDto implements ProgressBatch {
  @ApiProperty({ type: [ProgressEventDto], maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `at most ${MAX_BATCH} events per batch` })
  @ValidateNested({ each: true })
  @Type(() => ProgressEventDto)
  events!: ProgressEventDto[];
}

export class QuizAttemptDto implements QuizAttemptRequest {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() attemptId?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { q1: 'a', q2: ['a', 'b'], q4: 'site web' },
  })
  @IsObject()
  answers!: QuizAnswers;

  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) answeredAt?: string;
}

export class LearnerCourseQueryDto {
  @ApiPropertyOptional({ enum: LOCALES }) @IsOptional() @IsIn(LOCALES) locale?: Locale;
}

export class RevokeCertificateDto {
  @ApiProperty({ example: 'Quiz answers shared between coaches' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class SelfAssessmentDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 1, maximum: 8 },
    example: { '1.1': 3, '2.2': 4 },
  })
  @IsObject()
  ratings!: Record<string, number>;
}

export class AssessmentPhaseParam {
  @ApiProperty({ enum: ['start', 'end'] }) @IsIn(['start', 'end']) phase!: 'start' | 'end';
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}
