import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ThreadDetail, ThreadPage, ThreadPost } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  Roles,
  SignedIn,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { ThreadsService } from './threads.service';
import {
  CreateThreadDto,
  CreateThreadPostDto,
  HideThreadPostDto,
  LockThreadDto,
  ReportThreadPostDto,
  ThreadParams,
  ThreadPostParams,
  ThreadsQueryDto,
  UpdateThreadPostDto,
} from './dto/threads.dto';

/**
 * A cohort's questions and discussion threads: its coaches (active enrolment), its trainers and the
 * admins of its territory read them, start them and reply; the latter moderate. Anyone else: 404; a
 * coach of the cohort who tries to moderate: 403.
 */
@ApiProblemResponses()
@ApiTags('conversation')
@ApiBearerAuth()
@Controller('cohorts/:cohortId/threads')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  /** Newest activity first; for one lesson (`lessonKey`), the general threads (`general=true`), or all. */
  @Get()
  @SignedIn()
  @ApiContractResponse('ThreadPage')
  list(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('cohortId') cohortId: string,
    @Query() query: ThreadsQueryDto,
  ): Promise<ThreadPage> {
    return this.threads.page(principal, cohortId, query);
  }

  @Post()
  @Roles('coach', 'trainer', 'admin')
  @ApiContractResponse('ThreadDetail', { status: 201, description: 'Started' })
  create(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('cohortId') cohortId: string,
    @Body() dto: CreateThreadDto,
  ): Promise<ThreadDetail> {
    return this.threads.create(principal, cohortId, dto);
  }

  /** The thread with its posts in the order they were written. */
  @Get(':threadId')
  @SignedIn()
  @ApiContractResponse('ThreadDetail')
  get(@CurrentUser() principal: AuthPrincipal, @Param() params: ThreadParams): Promise<ThreadDetail> {
    return this.threads.get(principal, params.cohortId, params.threadId);
  }

  /** A reply; its thread's author is told. Locked: 409 thread-locked. */
  @Post(':threadId/posts')
  @Roles('coach', 'trainer', 'admin')
  @ApiContractResponse('ThreadPost', { status: 201, description: 'Posted' })
  reply(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: ThreadParams,
    @Body() dto: CreateThreadPostDto,
  ): Promise<ThreadPost> {
    return this.threads.reply(principal, params.cohortId, params.threadId, dto.body, dto.id);
  }

  /** One's own post, within 15 minutes of posting it (after: 409 post-edit-window-closed). */
  @Patch(':threadId/posts/:postId')
  @Roles('coach', 'trainer', 'admin')
  @ApiContractResponse('ThreadPost')
  edit(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: ThreadPostParams,
    @Body() dto: UpdateThreadPostDto,
  ): Promise<ThreadPost> {
    return this.threads.edit(principal, params.cohortId, params.threadId, params.postId, dto.body);
  }

  /** One's own post: its text goes, its place in the thread stays. */
  @Delete(':threadId/posts/:postId')
  @Roles('coach', 'trainer', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentUser() principal: AuthPrincipal, @Param() params: ThreadPostParams): Promise<void> {
    await this.threads.remove(principal, params.cohortId, params.threadId, params.postId);
  }

  /** Reports a post to the cohort's trainers, once per person (again: 409 post-already-reported). */
  @Post(':threadId/posts/:postId/reports')
  @Roles('coach', 'trainer', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  async report(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: ThreadPostParams,
    @Body() dto: ReportThreadPostDto,
  ): Promise<void> {
    await this.threads.report(principal, params.cohortId, params.threadId, params.postId, dto.reason ?? null);
  }

  /** Marks the reply that settles the question (the thread shows as answered). */
  @Put(':threadId/posts/:postId/answer')
  @Roles('trainer', 'admin')
  @ApiContractResponse('ThreadDetail')
  answer(@CurrentUser() principal: AuthPrincipal, @Param() params: ThreadPostParams): Promise<ThreadDetail> {
    return this.threads.answer(principal, params.cohortId, params.threadId, params.postId, true);
  }

  @Delete(':threadId/posts/:postId/answer')
  @Roles('trainer', 'admin')
  @ApiContractResponse('ThreadDetail')
  unanswer(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: ThreadPostParams,
  ): Promise<ThreadDetail> {
    return this.threads.answer(principal, params.cohortId, params.threadId, params.postId, false);
  }

  /** Hides a post from the cohort, saying why (audited). */
  @Put(':threadId/posts/:postId/hidden')
  @Roles('trainer', 'admin')
  @ApiContractResponse('ThreadPost')
  hide(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: ThreadPostParams,
    @Body() dto: HideThreadPostDto,
  ): Promise<ThreadPost> {
    return this.threads.hide(principal, params.cohortId, params.threadId, params.postId, dto.reason);
  }

  /** Shows a hidden post again (audited). */
  @Delete(':threadId/posts/:postId/hidden')
  @Roles('trainer', 'admin')
  @ApiContractResponse('ThreadPost')
  show(@CurrentUser() principal: AuthPrincipal, @Param() params: ThreadPostParams): Promise<ThreadPost> {
    return this.threads.hide(principal, params.cohortId, params.threadId, params.postId, null);
  }

  /** No more replies (audited). */
  @Put(':threadId/lock')
  @Roles('trainer', 'admin')
  @ApiContractResponse('ThreadDetail')
  lock(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: ThreadParams,
    @Body() dto: LockThreadDto,
  ): Promise<ThreadDetail> {
    return this.threads.lock(principal, params.cohortId, params.threadId, { reason: dto.reason ?? null });
  }

  /** Replies again (audited). */
  @Delete(':threadId/lock')
  @Roles('trainer', 'admin')
  @ApiContractResponse('ThreadDetail')
  unlock(@CurrentUser() principal: AuthPrincipal, @Param() params: ThreadParams): Promise<ThreadDetail> {
    return this.threads.lock(principal, params.cohortId, params.threadId, null);
  }
}
