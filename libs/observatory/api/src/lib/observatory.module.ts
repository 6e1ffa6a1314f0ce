import { DynamicModule, Module } from '@nestjs/common';
import { ObservatoryController } from './observatory.controller';
import { ImpactController } from './impact.controller';
import { ImpactExportService } from './impact-export.service';
import { ImpactReportService } from './impact-report.service';
import { OBSERVATORY_OPTIONS, type ObservatoryOptions } from './observatory.options';
import { CohortTablePageService } from './cohort-table-page.service';
import { CompetenceReportService } from './competence-report.service';
import { CompletionReportService } from './completion-report.service';
import { ObservatoryScopeService } from './observatory-scope.service';
import { PracticeReportService } from './practice-report.service';
import { PracticeStatisticsRepository } from './practice-statistics.repository';
import { StatisticsExportService } from './statistics-export.service';
import { StatisticsRepository } from './statistics.repository';
import { ThreadActivityService } from './thread-activity.service';

/**
 * Read-only statistics over the rollups the database keeps: the writes append their contributions as
 * deltas, which the app's folder applies every 2 seconds (`foldRollups`; the CreateObservatoryRollups and
 * AppendCountDeltas migrations). The catalogue (global) gives course titles, modules and competences.
 */
@Module({})
export class ObservatoryModule {
  static forRoot(options: ObservatoryOptions): DynamicModule {
    return {
      module: ObservatoryModule,
      controllers: [ObservatoryController, ImpactController],
      providers: [
        { provide: OBSERVATORY_OPTIONS, useValue: options },
        StatisticsRepository,
        ObservatoryScopeService,
        CohortTablePageService,
        CompletionReportService,
        CompetenceReportService,
        StatisticsExportService,
        PracticeStatisticsRepository,
        PracticeReportService,
        ThreadActivityService,
        ImpactReportService,
        ImpactExportService,
      ],
    };
  }
}
