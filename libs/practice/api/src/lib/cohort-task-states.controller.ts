import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CohortTaskStates } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  Roles,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { CohortTaskStatesService } from './cohort-task-states.service';

/** Where each coach of a cohort stands on its practical tasks: the roster's task column. */
@ApiProblemResponses()
@ApiTags('practice')
@ApiBearerAuth()
@Controller('cohorts/:cohortId/task-states')
export class CohortTaskStatesController {
  constructor(private readonly states: CohortTaskStatesService) {}

  /** Each coach's latest round of each task (the cohort's trainers, admins of its territory). */
  @Get()
  @Roles('trainer', 'admin')
  @ApiContractResponse('CohortTaskStates')
  read(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('cohortId') cohortId: string,
  ): Promise<CohortTaskStates> {
    return this.states.read(principal, cohortId);
  }
}
