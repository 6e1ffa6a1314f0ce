import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import type { ReviewQueuePage, Submission, TaskState } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiFileResponse,
  ApiProblemResponses,
  CurrentUser,
  Roles,
  SignedIn,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { HandInDto, ReviewDto, ReviewQueueQueryDto, SubmissionParams, TaskParams } from './dto/practice.dto';
import { EvidenceService } from './evidence.service';
import { ReviewQueueService } from './review-queue.service';
import { SubmissionsService } from './submissions.service';

/** What an evidence file may be served as: whatever was sniffed, else bytes. */
const SERVED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'audio/webm',
  'audio/ogg',
  'audio/mp4',
  'audio/mpeg',
  'application/pdf',
];
/** What a voice comment may be served as. */
const VOICE_TYPES = SERVED_TYPES.filter((t) => t.startsWith('audio/'));
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'audio/mpeg': 'mp3',
  'application/pdf': 'pdf',
};

/** A coach's tasks: their state, hand-ins and withdrawals (the coach; trainers and admins read). */
@ApiProblemResponses()
@ApiTags('practice')
@ApiBearerAuth()
@Controller('enrolments/:enrolmentId/tasks/:lessonKey')
export class TasksController {
  constructor(private readonly submissions: SubmissionsService) {}

  /** The task and every round (the coach, the cohort's trainers, admins of its territory). */
  @Get()
  @SignedIn()
  @ApiContractResponse('TaskState')
  state(@CurrentUser() principal: AuthPrincipal, @Param() params: TaskParams): Promise<TaskState> {
    return this.submissions.state(principal, params.enrolmentId, params.lessonKey);
  }

  /** Hands in a round: 201, or 200 with the first answer when the same id was handed in before. */
  @Post('submissions')
  @Roles('coach')
  @ApiContractResponse('Submission', { status: 201, description: 'Handed in' })
  @ApiContractResponse('Submission', { description: 'A replay of an earlier hand-in: that hand-in' })
  async handIn(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: TaskParams,
    @Body() dto: HandInDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Submission> {
    const { submission, created } = await this.submissions.handIn(
      principal,
      params.enrolmentId,
      params.lessonKey,
      dto,
    );
    void reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return submission;
  }

  /** Takes back a round that waits for its review (the coach). */
  @Delete('submissions/:id')
  @Roles('coach')
  @ApiContractResponse('Submission')
  withdraw(@CurrentUser() principal: AuthPrincipal, @Param() params: SubmissionParams): Promise<Submission> {
    return this.submissions.withdraw(principal, params.enrolmentId, params.lessonKey, params.id);
  }
}

/** Evidence files (private: never through a public address) and the trainers' side. */
@ApiProblemResponses()
@ApiTags('practice')
@ApiBearerAuth()
@Controller()
export class PracticeController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly submissions: SubmissionsService,
    private readonly queue: ReviewQueueService,
  ) {}

  /**
   * The file, for the coach, the cohort's trainers and the admins of its territory (anyone else: 404).
   * Served as sniffed, never sniffed again by the browser, sandboxed, never cached; byte ranges for
   * voice notes.
   */
  @Get('practice/evidence/:id')
  @SignedIn()
  @ApiFileResponse(SERVED_TYPES, 'The evidence file')
  @ApiFileResponse(SERVED_TYPES, 'A byte range of it', 206)
  async file(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, path } = await this.evidence.open(principal, id);
    await sendPrivateFile(request, reply, { ...file, path }, 'evidence');
  }

  /**
   * A trainer's voice comment on a round: for whoever may see the round (the coach, the cohort's
   * trainers, the admins of its territory) once a review gives it, for its trainer alone before
   * (anyone else: 404). Served as the evidence files are.
   */
  @Get('practice/voice-comments/:id')
  @SignedIn()
  @ApiFileResponse(VOICE_TYPES, 'The recording')
  @ApiFileResponse(VOICE_TYPES, 'A byte range of it', 206)
  async voiceComment(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, path } = await this.evidence.openVoiceComment(principal, id);
    await sendPrivateFile(request, reply, { ...file, path }, 'voice-comment');
  }

  /** A coach deletes a file of theirs that no hand-in holds. */
  @Delete('practice/evidence/:id')
  @Roles('coach')
  @HttpCode(HttpStatus.NO_CONTENT)
  async deleteFile(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<void> {
    await this.evidence.remove(principal, id);
  }

  /** A cohort's rounds, oldest first (the cohort's trainers, admins of its territory). */
  @Get('cohorts/:cohortId/practice/queue')
  @Roles('trainer', 'admin')
  @ApiContractResponse('ReviewQueuePage')
  reviewQueue(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('cohortId') cohortId: string,
    @Query() query: ReviewQueueQueryDto,
  ): Promise<ReviewQueuePage> {
    return this.queue.page(principal, cohortId, query);
  }

  /** Passes a round or returns it for revision, scored against the task's rubric. */
  @Post('practice/submissions/:id/review')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('Submission')
  review(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: ReviewDto,
  ): Promise<Submission> {
    return this.submissions.review(principal, id, dto);
  }
}

/**
 * A private file: served as sniffed, never sniffed again by the browser, sandboxed, never cached;
 * byte ranges for recordings.
 */
async function sendPrivateFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { id: string; mediaType: string; bytes: number; path: string },
  name: string,
): Promise<void> {
  const range = parseRange(request.headers.range, file.bytes);
  void reply
    .header('content-type', file.mediaType)
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      `inline; filename="${name}-${file.id.slice(0, 8)}.${EXTENSIONS[file.mediaType] ?? 'bin'}"`,
    )
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .header('accept-ranges', 'bytes');
  if (range === 'unsatisfiable') {
    await reply.status(416).header('content-range', `bytes */${file.bytes}`).send();
    return;
  }
  if (range) {
    await reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${file.bytes}`)
      .header('content-length', range.end - range.start + 1)
      .send(createReadStream(file.path, range));
    return;
  }
  await reply.header('content-length', file.bytes).send(createReadStream(file.path));
}

/** One `bytes=a-b` range (the only kind a media element asks for), null for the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!m || (!m[1] && !m[2])) return null;
  let start: number;
  let end: number;
  if (!m[1]) {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  }
  if (start > end || start >= size) return 'unsatisfiable';
  return { start, end };
}
