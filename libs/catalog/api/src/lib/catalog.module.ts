import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CATALOG_OPTIONS, type CatalogOptions } from './catalog.options';
import { CatalogReader } from './catalog-reader.service';
import { CatalogController } from './catalog.controller';
import { CoursesController } from './courses.controller';
import { CourseAccess } from './course-access.service';
import { CourseAuditLabels } from './course-audit-labels';
import { CourseCoAuthorsService } from './course-co-authors.service';
import { CourseDraftReader } from './course-drafts.service';
import { CourseDuplicateService } from './course-duplicate.service';
import { CourseImportService } from './course-import.service';
import { CourseMetadataService } from './course-metadata.service';
import { CourseOutlineService } from './course-outline.service';
import { CourseCoAuthorEntity } from './entities/course-co-author.entity';
import { CourseLessonEntity } from './entities/course-lesson.entity';
import { CourseModuleEntity } from './entities/course-module.entity';
import { CourseVersionEntity } from './entities/course-version.entity';
import { CourseEntity } from './entities/course.entity';
import { MediaEntity } from './entities/media.entity';
import { MediaService } from './media.service';
import { PublishingService } from './publishing.service';

export const CATALOG_ENTITIES = [
  CourseEntity,
  CourseCoAuthorEntity,
  CourseModuleEntity,
  CourseLessonEntity,
  CourseVersionEntity,
  MediaEntity,
];

@Module({})
export class CatalogModule {
  static forRoot(options: CatalogOptions): DynamicModule {
    return {
      module: CatalogModule,
      global: true,
      imports: [TypeOrmModule.forFeature(CATALOG_ENTITIES)],
      controllers: [CoursesController, CatalogController],
      providers: [
        { provide: CATALOG_OPTIONS, useValue: options },
        CourseAccess,
        CourseDraftReader,
        CourseMetadataService,
        CourseCoAuthorsService,
        CourseOutlineService,
        CourseImportService,
        CourseDuplicateService,
        PublishingService,
        MediaService,
        CatalogReader,
        CourseAuditLabels,
      ],
      exports: [CourseImportService, PublishingService, CatalogReader, MediaService],
    };
  }
}
