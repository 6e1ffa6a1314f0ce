import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import type { LearnerCourse, ProgressResult, QuizAttemptResult } from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  Roles,
  UuidParam,
  validateBody,
  validationProblem,
} from '@tc/shared/api';
import {
  LearnerCourseQueryDto,
  ProgressBatchDto,
  ProgressEventDto,
  QuizAttemptDto,
} from './dto/learning.dto';
import { LearnerService } from './learner.service';
import { ProgressService } from './progress.service';
import { QuizzesService } from './quizzes.service';

/** The coach's side. A coach reads and writes only their own enrolments. */
@ApiTags('learning')
@ApiBearerAuth()
@ApiExtraModels(ProgressBatchDto, ProgressEventDto)
@Roles('coach')
@Controller()
export class LearningController {
  constructor(
    private readonly progress: ProgressService,
    private readonly quizzes: QuizzesService,
    private readonly learner: LearnerService,
  ) {}

  /** One event, or `{ events: [...] }` with up to 500; the event id is the idempotency key. */
  @Post('progress/events')
  @HttpCode(HttpStatus.OK)
  @ApiBody({
    schema: { oneOf: [{ $ref: getSchemaPath(ProgressEventDto) }, { $ref: getSchemaPath(ProgressBatchDto) }] },
  })
  async events(@CurrentUser() principal: AuthPrincipal, @Body() body: unknown): Promise<ProgressResult> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw validationProblem([{ field: 'body', message: 'Send one event, or { "events": [ … ] }' }]);
    }
    const events =
      'events' in body
        ? (await validateBody(ProgressBatchDto, body)).events
        : [await validateBody(ProgressEventDto, body)];
    return this.progress.ingest(principal, events);
  }

  @Post('enrolments/:id/quizzes/:lessonKey/attempts')
  @HttpCode(HttpStatus.OK)
  attempt(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Param('lessonKey') lessonKey: string,
    @Body() dto: QuizAttemptDto,
    @Query() query: LearnerCourseQueryDto,
  ): Promise<QuizAttemptResult> {
    return this.quizzes.attempt(principal, id, lessonKey, dto, query.locale ?? 'fr');
  }

  @Get('enrolments/:id')
  course(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() query: LearnerCourseQueryDto,
  ): Promise<LearnerCourse> {
    return this.learner.course(principal, id, query.locale);
  }
}
