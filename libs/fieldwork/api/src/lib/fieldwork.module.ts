import { Module } from '@nestjs/common';
import { CoachesService } from './coaches.service';
import { FieldLogService } from './field-log.service';
import { FieldworkController } from './fieldwork.controller';
import { OrganisationsService } from './organisations.service';
import { SharesService } from './shares.service';
import { VisitsService } from './visits.service';

/**
 * The field log (tables created by CreateFieldLog): coaches' organisations, maturity checks, visits,
 * milestones, comments and shares; SQL only. Reads other domains through their published views
 * (territory_tree, user_directory, enrolment_directory, cohort_directory) and services (UserDirectory,
 * NotificationsService, the catalog's DigComp list).
 */
@Module({
  controllers: [FieldworkController],
  providers: [OrganisationsService, FieldLogService, VisitsService, SharesService, CoachesService],
  exports: [OrganisationsService],
})
export class FieldworkModule {}
