import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CohortsModule } from '@tc/cohorts/api';
import { CohortTaskStatesController } from './cohort-task-states.controller';
import { CohortTaskStatesService } from './cohort-task-states.service';
import { EvidenceService } from './evidence.service';
import { PracticeAccess } from './practice-access';
import { PracticeController, TasksController } from './practice.controller';
import { DEFAULT_EVIDENCE_QUOTA, PRACTICE_OPTIONS, type PracticeOptions } from './practice.options';
import { ReviewQueueService } from './review-queue.service';
import { SubmissionsService } from './submissions.service';
import { TusUploads } from './tus-uploads';
import { UploadsController } from './uploads.controller';

/** tus sends bytes as this type; the body is left unread for tus to stream. */
const TUS_BODY = 'application/offset+octet-stream';

@Module({})
export class PracticeModule implements OnModuleInit {
  static forRoot(options: { evidenceDir: string; quotaBytes?: number }): DynamicModule {
    const resolved: PracticeOptions = {
      evidenceDir: options.evidenceDir,
      quotaBytes: options.quotaBytes ?? DEFAULT_EVIDENCE_QUOTA,
    };
    return {
      module: PracticeModule,
      imports: [CohortsModule],
      controllers: [TasksController, PracticeController, UploadsController, CohortTaskStatesController],
      providers: [
        { provide: PRACTICE_OPTIONS, useValue: resolved },
        PracticeAccess,
        EvidenceService,
        SubmissionsService,
        ReviewQueueService,
        CohortTaskStatesService,
        TusUploads,
      ],
      exports: [SubmissionsService],
    };
  }

  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined;
    if (fastify && !fastify.hasContentTypeParser(TUS_BODY))
      fastify.addContentTypeParser(TUS_BODY, (_request, _payload, done) => done(null));
  }
}
