import {
  ForbiddenException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { CertificateVerification, Locale, MyCertificate } from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException, writeAudit } from '@tc/shared/api';
import { CatalogReader } from '@tc/catalog/api';
import { CohortsService, LearnerRecords } from '@tc/cohorts/api';
import { UserDirectory } from '@tc/identity/api';
import { TerritoriesService } from '@tc/territories/api';
import { CertificateEntity } from '../entities/certificate.entity';
import { renderCertificate } from './certificate-pdf';

/** Unambiguous symbols; 12 of them ≈ 59 bits: not guessable, short enough to type. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newCertificateCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export const LEARNING_PUBLIC_URL = Symbol('LEARNING_PUBLIC_URL');

@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: LearnerRecords,
    private readonly catalog: CatalogReader,
    private readonly cohorts: CohortsService,
    private readonly directory: UserDirectory,
    private readonly territories: TerritoriesService,
    @Optional() @Inject(LEARNING_PUBLIC_URL) private readonly publicUrl = 'http://localhost:3000',
  ) {}

  /** In the completing transaction: one certificate per enrolment, issued once. */
  async issue(manager: EntityManager, enrolmentId: string, at: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(CertificateEntity)
      .values({ code: newCertificateCode(), enrolmentId, issuedAt: at })
      .orIgnore()
      .execute();
  }

  verifyUrl(code: string): string {
    return `${this.publicUrl.replace(/\/$/, '')}/verify/${code}`;
  }

  /** Public: valid or revoked, with the least a verifier needs. */
  async verify(code: string): Promise<CertificateVerification> {
    const certificate = await this.dataSource.manager.findOne(CertificateEntity, {
      where: { code: code.trim().toUpperCase() },
    });
    if (!certificate) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'certificate-unknown',
        'Unknown certificate',
        'No certificate has this code.',
      );
    }
    const facts = await this.facts(certificate);
    return {
      code: certificate.code,
      status: certificate.revokedAt ? 'revoked' : 'valid',
      holderName: facts.holderName,
      courseTitle: facts.courseTitle,
      courseVersion: facts.courseVersion,
      issuedAt: certificate.issuedAt.toISOString(),
      territoryName: facts.territoryName,
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
      revocationReason: certificate.revocationReason,
    };
  }

  async mine(principal: AuthPrincipal, enrolmentId: string): Promise<MyCertificate> {
    const certificate = await this.ownCertificate(principal, enrolmentId);
    return {
      code: certificate.code,
      issuedAt: certificate.issuedAt.toISOString(),
      status: certificate.revokedAt ? 'revoked' : 'valid',
      verifyUrl: this.verifyUrl(certificate.code),
      pdfUrl: `/api/v1/enrolments/${enrolmentId}/certificate.pdf`,
    };
  }

  async pdf(
    principal: AuthPrincipal,
    enrolmentId: string,
    locale: Locale | undefined,
  ): Promise<{ code: string; pdf: Buffer }> {
    const certificate = await this.ownCertificate(principal, enrolmentId);
    if (certificate.revokedAt)
      throw new ProblemException(
        HttpStatus.GONE,
        'certificate-revoked',
        'Certificate revoked',
        certificate.revocationReason ?? undefined,
      );
    const facts = await this.facts(certificate);
    const language = (locale ?? (await this.directory.preferredLanguage(principal.userId)) ?? 'fr') as Locale;
    const pdf = await renderCertificate({
      code: certificate.code,
      holderName: facts.holderName,
      courseTitle: facts.courseTitle[language] || facts.courseTitle[facts.defaultLocale] || '',
      courseVersion: facts.courseVersion,
      issuedAt: certificate.issuedAt,
      territoryName: facts.territoryName[language],
      verifyUrl: this.verifyUrl(certificate.code),
      locale: language,
    });
    return { code: certificate.code, pdf };
  }

  /** Trainers who manage the cohort, and admins, revoke with a reason. */
  async revoke(principal: AuthPrincipal, code: string, reason: string): Promise<CertificateVerification> {
    const certificate = await this.dataSource.manager.findOne(CertificateEntity, {
      where: { code: code.trim().toUpperCase() },
    });
    if (!certificate) throw new NotFoundException('No certificate has this code.');
    const enrolment = (await this.records.enrolments(this.dataSource.manager, [certificate.enrolmentId])).get(
      certificate.enrolmentId,
    );
    if (!enrolment) throw new NotFoundException();
    // Admins too, within their territories (requireManageable knows both).
    try {
      await this.cohorts.requireManageable(principal, enrolment.cohortId);
    } catch {
      throw new ForbiddenException(
        'Only the trainers of this cohort or an admin of its territory can revoke this certificate.',
      );
    }
    if (!certificate.revokedAt) {
      await this.dataSource.transaction(async (manager) => {
        const revoked = await manager.update(
          CertificateEntity,
          { code: certificate.code, revokedAt: IsNull() },
          { revokedAt: new Date(), revocationReason: reason.trim(), revokedBy: principal.userId },
        );
        if (!revoked.affected) return;
        // The reason is free text (it may name people): the entry keeps ids only.
        await writeAudit(manager, {
          actorId: principal.userId,
          action: 'certificate.revoked',
          subjectType: 'certificate',
          subjectId: certificate.code,
          territoryId: await this.records.cohortTerritory(manager, enrolment.cohortId),
          details: { enrolmentId: certificate.enrolmentId, cohortId: enrolment.cohortId },
        });
      });
    }
    return this.verify(certificate.code);
  }

  private async ownCertificate(principal: AuthPrincipal, enrolmentId: string): Promise<CertificateEntity> {
    const enrolment = (await this.records.enrolments(this.dataSource.manager, [enrolmentId])).get(
      enrolmentId,
    );
    if (!enrolment || enrolment.userId !== principal.userId)
      throw new NotFoundException('No such enrolment.');
    const certificate = await this.dataSource.manager.findOne(CertificateEntity, { where: { enrolmentId } });
    if (!certificate) throw new NotFoundException('No certificate yet: complete the course first.');
    return certificate;
  }

  private async facts(certificate: CertificateEntity) {
    const enrolment = (await this.records.enrolments(this.dataSource.manager, [certificate.enrolmentId])).get(
      certificate.enrolmentId,
    );
    if (!enrolment) throw new NotFoundException();
    const [people, version, cohortTerritory] = await Promise.all([
      this.directory.entries([enrolment.userId]),
      this.catalog.version(enrolment.courseId, enrolment.courseVersion),
      this.records.cohortTerritory(this.dataSource.manager, enrolment.cohortId),
    ]);
    const territory = (await this.territories.summaries([cohortTerritory])).get(cohortTerritory);
    return {
      holderName: people.get(enrolment.userId)?.displayName ?? '',
      courseTitle: version?.content.title ?? {},
      defaultLocale: version?.content.defaultLocale ?? 'fr',
      courseVersion: enrolment.courseVersion,
      territoryName: territory?.name ?? { fr: '', ar: '', en: '' },
    };
  }
}
