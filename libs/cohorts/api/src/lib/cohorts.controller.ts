import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  Cohort,
  CohortSummary,
  CsvImportReport,
  EnrolmentResult,
  MyEnrolment,
  Roster,
  UpgradeCohortResponse,
  UpgradePreview,
} from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  ProblemException,
  Roles,
  SignedIn,
  UuidParam,
  ApiProblemResponses,
  ApiContractResponse,
} from '@tc/shared/api';
import { CohortsService } from './cohorts.service';
import {
  CreateCohortDto,
  EnrolByEmailDto,
  ImportQueryDto,
  JoinCohortDto,
  RosterQueryDto,
  UpdateCohortDto,
  UpgradeCohortDto,
  UpgradePreviewQueryDto,
} from './dto/cohorts.dto';
import { DuplicateCohortDto } from './dto/duplicate-cohort.dto';
import { EnrolmentsService } from './enrolments.service';
import { JoinCodeThrottlerGuard } from './join-code-throttler.guard';
import { attachmentHeader } from './roster-file';
import { RosterService } from './roster.service';

@ApiProblemResponses()
@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly enrolments: EnrolmentsService,
    private readonly roster: RosterService,
  ) {}

  @Get()
  @Roles('trainer', 'admin')
  @ApiContractResponse('CohortSummary', { isArray: true })
  list(@CurrentUser() principal: AuthPrincipal): Promise<CohortSummary[]> {
    return this.cohorts.list(principal);
  }

  @Post()
  @Roles('trainer', 'admin')
  @ApiContractResponse('Cohort', { status: 201 })
  create(@CurrentUser() principal: AuthPrincipal, @Body() dto: CreateCohortDto): Promise<Cohort> {
    return this.cohorts.create(principal, dto);
  }

  /**
   * Any signed-in person with the code joins (as a coach of the cohort's territory); ten tries per
   * person in 15 minutes, then 429 with `Retry-After`.
   */
  @Post('join')
  @SignedIn()
  @UseGuards(JoinCodeThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('MyEnrolment')
  join(@CurrentUser() principal: AuthPrincipal, @Body() dto: JoinCohortDto): Promise<MyEnrolment> {
    return this.enrolments.join(principal, dto.code);
  }

  @Get(':id')
  @Roles('trainer', 'admin')
  @ApiContractResponse('Cohort')
  get(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<Cohort> {
    return this.cohorts.get(principal, id);
  }

  @Patch(':id')
  @Roles('trainer', 'admin')
  @ApiContractResponse('Cohort')
  update(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCohortDto,
  ): Promise<Cohort> {
    return this.cohorts.update(principal, id, dto);
  }

  /** A new planned cohort like this one, nobody enrolled (201 with the copy). */
  @Post(':id/duplicate')
  @Roles('trainer', 'admin')
  @ApiContractResponse('Cohort', { status: 201 })
  duplicate(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: DuplicateCohortDto,
  ): Promise<Cohort> {
    return this.cohorts.duplicate(principal, id, dto.name);
  }

  /** What moving to `version` would change and for whom, before the move is confirmed. */
  @Get(':id/upgrade-preview')
  @Roles('trainer', 'admin')
  @ApiContractResponse('UpgradePreview')
  upgradePreview(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() query: UpgradePreviewQueryDto,
  ): Promise<UpgradePreview> {
    return this.cohorts.upgradePreview(principal, id, query.version);
  }

  @Post(':id/upgrade')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('UpgradeCohortResponse')
  upgrade(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: UpgradeCohortDto,
  ): Promise<UpgradeCohortResponse> {
    return this.cohorts.upgrade(principal, id, dto.version);
  }

  @Post(':id/enrolments')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('EnrolmentResult')
  enrol(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: EnrolByEmailDto,
  ): Promise<EnrolmentResult> {
    return this.enrolments.enrolEmails(principal, id, dto.emails, dto.preferredLanguage);
  }

  /** CSV body (`text/csv`): columns email, full name, territory code, preferred language. */
  @Post(':id/enrolments/import')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'email;full name;territory code;preferred language\nfatima@coop.ma;Fatima Zahra;MA-BER;ar',
    },
  })
  @ApiContractResponse('CsvImportReport')
  importCsv(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() query: ImportQueryDto,
    @Body() csv: unknown,
  ): Promise<CsvImportReport> {
    if (typeof csv !== 'string') {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'csv-expected',
        'Send the CSV file as text/csv',
        undefined,
        [
          {
            field: 'body',
            message: 'The body must be the CSV file, with content-type text/csv',
            code: 'csv-expected',
          },
        ],
      );
    }
    return this.enrolments.importCsv(principal, id, csv, query.dryRun === 'true');
  }

  @Post(':id/enrolments/:enrolmentId/withdraw')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  async withdraw(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('enrolmentId') enrolmentId: string,
  ): Promise<void> {
    await this.enrolments.withdraw(principal, id, enrolmentId);
  }

  /**
   * JSON, or with `?format=csv` a file for spreadsheets in `?lang=` (default French): `;`-separated,
   * formula characters neutralised, named after the cohort and the day.
   */
  @Get(':id/roster')
  @Roles('trainer', 'admin')
  @ApiContractResponse('Roster', { files: ['text/csv'] })
  async rosterOf(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() query: RosterQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Roster | string> {
    if (query.format === 'csv') {
      const file = await this.roster.rosterCsv(principal, id, query, query.lang);
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachmentHeader(file.name));
      return file.csv;
    }
    return this.roster.roster(principal, id, query);
  }
}

@ApiProblemResponses()
@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('me/enrolments')
export class MyEnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  /** A coach's own enrolments; never anyone else's. */
  @Get()
  @SignedIn()
  @ApiContractResponse('MyEnrolment', { isArray: true })
  mine(@CurrentUser() principal: AuthPrincipal): Promise<MyEnrolment[]> {
    return this.enrolments.mine(principal);
  }
}
