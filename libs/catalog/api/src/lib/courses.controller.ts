import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ArgumentMetadata,
  ParseIntPipe,
  PipeTransform,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  CoachCourse,
  CourseDraft,
  CourseFile,
  CourseSummary,
  CourseVersion,
  CourseVersionSummary,
  Locale,
} from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  Roles,
  UuidParam,
  validationProblem,
  MAX_INT4,
  DOCUMENT_JSON_BOUNDS,
  JsonBodyBounds,
  ApiProblemResponses,
  ApiContractResponse,
} from '@tc/shared/api';
import { CourseCoAuthorsService } from './course-co-authors.service';
import { CourseDraftReader } from './course-drafts.service';
import { CourseDuplicateService } from './course-duplicate.service';
import { CourseImportService } from './course-import.service';
import { CourseMetadataService } from './course-metadata.service';
import { CourseOutlineService } from './course-outline.service';
import {
  AddCoAuthorDto,
  CourseFileDto,
  CreateCourseDto,
  CreateLessonDto,
  CreateModuleDto,
  ListCoursesQueryDto,
  PreviewQueryDto,
  PublishQueryDto,
  ReorderDto,
  UpdateCourseDto,
  UpdateLessonDto,
  UpdateModuleDto,
  VersionQueryDto,
} from './dto/catalog.dto';
import { PublishingService } from './publishing.service';

const notAVersion = () =>
  validationProblem([{ field: 'n', message: 'n must be a version number', code: 'invalid-version' }]);
const parseVersion = new ParseIntPipe({ exceptionFactory: notAVersion });
/** A version number in the path: a positive integer that a PostgreSQL integer holds. */
const versionNumber = {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<number> {
    const n = await parseVersion.transform(String(value), metadata);
    if (n < 1 || n > MAX_INT4) throw notAVersion();
    return n;
  },
} satisfies PipeTransform<unknown, Promise<number>>;

/** Course authoring: trainers edit the courses they own or co-author; admins all. */
@ApiProblemResponses()
@ApiTags('courses')
@ApiBearerAuth()
@Roles('trainer', 'admin')
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly drafts: CourseDraftReader,
    private readonly metadata: CourseMetadataService,
    private readonly coAuthors: CourseCoAuthorsService,
    private readonly outline: CourseOutlineService,
    private readonly imports: CourseImportService,
    private readonly duplicates: CourseDuplicateService,
    private readonly publishing: PublishingService,
  ) {}

  @Get()
  @ApiContractResponse('CourseSummary', { isArray: true })
  list(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: ListCoursesQueryDto,
  ): Promise<CourseSummary[]> {
    return this.drafts.list(principal, query.scope ?? 'mine');
  }

  @Post()
  @ApiContractResponse('CourseDraft', { status: 201 })
  create(@CurrentUser() principal: AuthPrincipal, @Body() dto: CreateCourseDto): Promise<CourseDraft> {
    return this.metadata.create(principal, dto);
  }

  @Post('import')
  @JsonBodyBounds(DOCUMENT_JSON_BOUNDS)
  @ApiContractResponse('CourseDraft', { status: 201 })
  importFile(@CurrentUser() principal: AuthPrincipal, @Body() dto: CourseFileDto): Promise<CourseDraft> {
    return this.imports.importFile(principal, dto);
  }

  /**
   * A new draft of the caller's copied from this course: its draft for those who edit it, else its
   * latest published version; titled "… (copie)".
   */
  @Post(':id/duplicate')
  @ApiContractResponse('CourseDraft', { status: 201 })
  duplicate(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<CourseDraft> {
    return this.duplicates.duplicate(principal, id);
  }

  @Get(':id')
  @ApiContractResponse('CourseDraft')
  get(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<CourseDraft> {
    return this.drafts.draft(principal, id);
  }

  @Patch(':id')
  @ApiContractResponse('CourseDraft')
  update(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCourseDto,
  ): Promise<CourseDraft> {
    return this.metadata.update(principal, id, dto);
  }

  @Post(':id/archive')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('CourseDraft')
  archive(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<CourseDraft> {
    return this.metadata.setArchived(principal, id, true);
  }

  @Post(':id/unarchive')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('CourseDraft')
  unarchive(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<CourseDraft> {
    return this.metadata.setArchived(principal, id, false);
  }

  @Post(':id/co-authors')
  @ApiContractResponse('CourseDraft', { status: 201 })
  addCoAuthor(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: AddCoAuthorDto,
  ): Promise<CourseDraft> {
    return this.coAuthors.add(principal, id, dto.email);
  }

  @Delete(':id/co-authors/:userId')
  @ApiContractResponse('CourseDraft')
  removeCoAuthor(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ): Promise<CourseDraft> {
    return this.coAuthors.remove(principal, id, userId);
  }

  @Post(':id/modules')
  @ApiContractResponse('CourseDraft', { status: 201 })
  addModule(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: CreateModuleDto,
  ): Promise<CourseDraft> {
    return this.outline.addModule(principal, id, dto);
  }

  @Put(':id/modules/order')
  @ApiContractResponse('CourseDraft')
  reorderModules(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: ReorderDto,
  ): Promise<CourseDraft> {
    return this.outline.reorderModules(principal, id, dto);
  }

  @Patch(':id/modules/:moduleId')
  @ApiContractResponse('CourseDraft')
  updateModule(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Body() dto: UpdateModuleDto,
  ): Promise<CourseDraft> {
    return this.outline.updateModule(principal, id, moduleId, dto);
  }

  @Delete(':id/modules/:moduleId')
  @ApiContractResponse('CourseDraft')
  deleteModule(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
  ): Promise<CourseDraft> {
    return this.outline.deleteModule(principal, id, moduleId);
  }

  @Post(':id/modules/:moduleId/lessons')
  @JsonBodyBounds(DOCUMENT_JSON_BOUNDS)
  @ApiContractResponse('CourseDraft', { status: 201 })
  addLesson(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Body() dto: CreateLessonDto,
  ): Promise<CourseDraft> {
    return this.outline.addLesson(principal, id, moduleId, dto);
  }

  @Put(':id/modules/:moduleId/lessons/order')
  @ApiContractResponse('CourseDraft')
  reorderLessons(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Body() dto: ReorderDto,
  ): Promise<CourseDraft> {
    return this.outline.reorderLessons(principal, id, moduleId, dto);
  }

  @Patch(':id/lessons/:lessonId')
  @JsonBodyBounds(DOCUMENT_JSON_BOUNDS)
  @ApiContractResponse('CourseDraft')
  updateLesson(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('lessonId') lessonId: string,
    @Body() dto: UpdateLessonDto,
  ): Promise<CourseDraft> {
    return this.outline.updateLesson(principal, id, lessonId, dto);
  }

  @Delete(':id/lessons/:lessonId')
  @ApiContractResponse('CourseDraft')
  deleteLesson(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('lessonId') lessonId: string,
  ): Promise<CourseDraft> {
    return this.outline.deleteLesson(principal, id, lessonId);
  }

  @Post(':id/publish')
  @ApiContractResponse('CourseVersion', { status: 201 })
  publish(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() query: PublishQueryDto,
  ): Promise<CourseVersion> {
    return this.publishing.publish(principal, id, (query.stopOffering?.split(',') ?? []) as Locale[]);
  }

  @Get(':id/versions')
  @ApiContractResponse('CourseVersionSummary', { isArray: true })
  versions(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
  ): Promise<CourseVersionSummary[]> {
    return this.publishing.versions(principal, id);
  }

  @ApiParam({ name: 'n', schema: { type: 'integer', minimum: 1, maximum: MAX_INT4 } })
  @Get(':id/versions/:n')
  @ApiContractResponse('CourseVersion')
  version(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Param('n', versionNumber) n: number,
  ): Promise<CourseVersion> {
    return this.publishing.version(principal, id, n);
  }

  @Get(':id/preview')
  @ApiContractResponse('CoachCourse')
  preview(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() query: PreviewQueryDto,
  ): Promise<CoachCourse> {
    return this.publishing.preview(principal, id, query.locale, query.version);
  }

  @Get(':id/export')
  @ApiContractResponse('CourseFile')
  async exportFile(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() query: VersionQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CourseFile> {
    const file = await this.publishing.exportFile(principal, id, query.version);
    void reply.header(
      'content-disposition',
      `attachment; filename="${file.slug}${query.version ? `-v${query.version}` : '-draft'}.json"`,
    );
    return file;
  }
}
