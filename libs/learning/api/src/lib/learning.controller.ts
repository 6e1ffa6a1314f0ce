import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import type {
  CertificateVerification,
  LearnerCourse,
  MyCertificate,
  ProgressResult,
  QuizAttemptResult,
  SelfAssessment,
} from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  Public,
  Roles,
  UuidParam,
  ApiProblemResponses,
  ApiContractResponse,
  ApiFileResponse,
} from '@tc/shared/api';
import { CertificatesService, type CredentialFileKind } from './certificates/certificates.service';
import { SelfAssessmentService } from './self-assessment.service';
import {
  AssessmentPhaseParam,
  LearnerCourseQueryDto,
  ProgressBatchDto,
  ProgressEventDto,
  QuizAttemptDto,
  RevokeCertificateDto,
  SelfAssessmentDto,
} from './dto/learning.dto';
import { progressEvents } from './dto/progress-body';
import { LearnerService } from './learner.service';
import { ProgressService } from './progress.service';
import { QuizzesService } from './quizzes.service';

/** The coach's side. A coach reads and writes only their own enrolments. */
@ApiProblemResponses()
@ApiTags('learning')
@ApiBearerAuth()
@ApiExtraModels(ProgressBatchDto, ProgressEventDto)
@Roles('coach')
@Controller()
export class LearningController {
  constructor(
    private readonly progress: ProgressService,
    private readonly quizzes: QuizzesService,
    private readonly learner: LearnerService,
    private readonly certificates: CertificatesService,
    private readonly assessments: SelfAssessmentService,
  ) {}

  /** One event, or `{ events: [...] }` with up to 500; the event id is the idempotency key. */
  @Post('progress/events')
  @HttpCode(HttpStatus.OK)
  @ApiBody({
    schema: { oneOf: [{ $ref: getSchemaPath(ProgressEventDto) }, { $ref: getSchemaPath(ProgressBatchDto) }] },
  })
  @ApiContractResponse('ProgressResult')
  async events(@CurrentUser() principal: AuthPrincipal, @Body() body: unknown): Promise<ProgressResult> {
    return this.progress.ingest(principal, await progressEvents(body));
  }

  @Post('enrolments/:id/quizzes/:lessonKey/attempts')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('QuizAttemptResult')
  attempt(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Param('lessonKey') lessonKey: string,
    @Body() dto: QuizAttemptDto,
    @Query() query: LearnerCourseQueryDto,
  ): Promise<QuizAttemptResult> {
    return this.quizzes.attempt(principal, id, lessonKey, dto, query.locale ?? 'fr');
  }

  @Get('enrolments/:id')
  @ApiContractResponse('LearnerCourse')
  course(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() query: LearnerCourseQueryDto,
  ): Promise<LearnerCourse> {
    return this.learner.course(principal, id, query.locale);
  }

  @Get('enrolments/:id/certificate')
  @ApiContractResponse('MyCertificate')
  certificate(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<MyCertificate> {
    return this.certificates.mine(principal, id);
  }

  /** The certificate as a PDF, in the coach's language or `?locale=`. */
  @Get('enrolments/:id/certificate.pdf')
  @ApiFileResponse(['application/pdf'], 'The certificate')
  async certificatePdf(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() query: LearnerCourseQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { code, pdf } = await this.certificates.pdf(principal, id, query.locale);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="certificate-${code}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  }

  /** The certificate as a signed Open Badges 3.0 credential (JSON-LD). */
  @Get('enrolments/:id/credential.json')
  @ApiResponse({
    status: 200,
    description: 'The OpenBadgeCredential, as signed',
    content: { 'application/ld+json': { schema: { type: 'object' } } },
  })
  credentialJson(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.sendCredential(principal, id, 'json', reply);
  }

  /** The badge image with the credential baked in (`<openbadges:credential>`). */
  @Get('enrolments/:id/credential.svg')
  @ApiFileResponse(['image/svg+xml'], 'The badge, the credential baked in')
  credentialSvg(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.sendCredential(principal, id, 'svg', reply);
  }

  /** The badge image with the credential baked in (an `iTXt` chunk, keyword `openbadgecredential`). */
  @Get('enrolments/:id/credential.png')
  @ApiFileResponse(['image/png'], 'The badge, the credential baked in')
  credentialPng(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.sendCredential(principal, id, 'png', reply);
  }

  private async sendCredential(
    principal: AuthPrincipal,
    id: string,
    kind: CredentialFileKind,
    reply: FastifyReply,
  ): Promise<void> {
    const file = await this.certificates.credentialFile(principal, id, kind);
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="credential-${file.code}.${kind}"`)
      .header('cache-control', 'private, no-store')
      .send(file.body);
  }

  @Get('enrolments/:id/self-assessment')
  @ApiContractResponse('SelfAssessment')
  selfAssessment(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
  ): Promise<SelfAssessment> {
    return this.assessments.get(principal, id);
  }

  @Put('enrolments/:id/self-assessment/:phase')
  @ApiContractResponse('SelfAssessment')
  rateSelf(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Param() params: AssessmentPhaseParam,
    @Body() dto: SelfAssessmentDto,
  ): Promise<SelfAssessment> {
    return this.assessments.put(principal, id, params.phase, dto.ratings);
  }
}

@ApiProblemResponses()
@ApiTags('certificates')
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  /** Anyone can check a certificate: valid or revoked, with the minimum details. */
  @Get(':code')
  @Public()
  @ApiContractResponse('CertificateVerification')
  verify(@Param('code') code: string): Promise<CertificateVerification> {
    return this.certificates.verify(code);
  }

  @Post(':code/revoke')
  @Roles('trainer', 'admin')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('CertificateVerification')
  revoke(
    @CurrentUser() principal: AuthPrincipal,
    @Param('code') code: string,
    @Body() dto: RevokeCertificateDto,
  ): Promise<CertificateVerification> {
    return this.certificates.revoke(principal, code, dto.reason);
  }

  /** States the holder's name, course and territory as they are now (same code); no body. */
  @Post(':code/reissue')
  @Roles('trainer', 'admin')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('CertificateVerification')
  reissue(
    @CurrentUser() principal: AuthPrincipal,
    @Param('code') code: string,
  ): Promise<CertificateVerification> {
    return this.certificates.reissue(principal, code);
  }
}
