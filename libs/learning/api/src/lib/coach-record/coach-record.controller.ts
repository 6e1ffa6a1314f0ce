import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CoachRecord } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  AuthPrincipal,
  CurrentUser,
  Roles,
  UuidParam,
} from '@tc/shared/api';
import { CoachRecordService } from './coach-record.service';

/** The trainer's side: one coach of a cohort, followed by the cohort's trainers and admins. */
@ApiProblemResponses()
@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('cohorts')
export class CoachRecordController {
  constructor(private readonly records: CoachRecordService) {}

  /** Lessons, quiz attempts and self-assessment of one enrolment; 404 outside the caller's territories. */
  @Get(':id/enrolments/:enrolmentId')
  @Roles('trainer', 'admin')
  @ApiContractResponse('CoachRecord')
  record(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('enrolmentId') enrolmentId: string,
  ): Promise<CoachRecord> {
    return this.records.record(principal, id, enrolmentId);
  }
}
