import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DeadLetterPage, RetriedDeadLetter } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  Roles,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { DeadLetterQueryDto, RetryDeadLetterDto } from './dead-letters.dto';
import { DeadLettersService } from './dead-letters.service';

/** The job queue's dead letters, for the platform's admins (the root territory's). */
@ApiProblemResponses()
@ApiTags('jobs')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/jobs/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  /** Jobs that failed every attempt, newest failure first; their data as ids only. */
  @Get()
  @ApiContractResponse('DeadLetterPage', { description: 'Newest failure first; follow nextCursor' })
  list(@CurrentUser() principal: AuthPrincipal, @Query() query: DeadLetterQueryDto): Promise<DeadLetterPage> {
    return this.deadLetters.list(principal, query);
  }

  /** Queues one again in its own queue (audited); the dead letter is removed. */
  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('RetriedDeadLetter')
  retry(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: RetryDeadLetterDto,
  ): Promise<RetriedDeadLetter> {
    return this.deadLetters.retry(principal, id, dto.reason);
  }
}
