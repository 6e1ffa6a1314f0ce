import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NudgeResult } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  Roles,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { NudgeDto } from './dto/nudges.dto';
import { NudgeLimitReached, NudgesService } from './nudges.service';

/**
 * A trainer's nudge to late coaches of a cohort: its trainers and the admins of its territory send
 * it; a coach is refused (403), anyone else told the cohort does not exist (404).
 */
@ApiProblemResponses()
@ApiTags('conversation')
@ApiBearerAuth()
@Controller('cohorts/:cohortId/nudges')
export class NudgesController {
  constructor(private readonly nudges: NudgesService) {}

  /** Answers who was told and who was skipped (and why); 429 with `Retry-After` past the hourly cap. */
  @Post()
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('NudgeResult')
  async nudge(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('cohortId') cohortId: string,
    @Body() dto: NudgeDto,
    @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown },
  ): Promise<NudgeResult> {
    try {
      return await this.nudges.nudge(principal, cohortId, dto);
    } catch (error) {
      if (error instanceof NudgeLimitReached) reply.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }
}
