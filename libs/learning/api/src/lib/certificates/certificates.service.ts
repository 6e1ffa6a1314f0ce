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
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CatalogReader } from '@tc/catalog/api';
import { CohortsService, LearnerRecords } from '@tc/cohorts/api';
import { UserDirectory } from '@tc/identity/api';
import { NotificationsService } from '@tc/notifications/api';
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

/** A statement's value as text, keys in order (jsonb gives its keys back in its own order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, value && typeof value === 'object' ? Object.keys(value).sort() : undefined);
}

export const LEARNING_PUBLIC_URL = Symbol('LEARNING_PUBLIC_URL');

const LOCALES: readonly Locale[] = ['fr', 'ar', 'en'];

/** What a certificate states, fixed on its row when it is issued (and when it is re-issued). */
type CertificateStatement = Pick<
  CertificateEntity,
  'holderName' | 'courseTitle' | 'courseVersion' | 'territoryName'
>;

@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: LearnerRecords,
    private readonly catalog: CatalogReader,
    private readonly cohorts: CohortsService,
    private readonly directory: UserDirectory,
    private readonly territories: TerritoriesService,
    private readonly notifications: NotificationsService,
    @Optional() @Inject(LEARNING_PUBLIC_URL) private readonly publicUrl = 'http://localhost:3000',
  ) {}

  /**
   * In the completing transaction: one certificate per enrolment, issued once, stating the holder's
   * name, the course and the territory as they are now; its holder is told in the same transaction
   * (once: notifications are unique per enrolment and kind).
   */
  async issue(manager: EntityManager, enrolmentId: string, at: Date): Promise<void> {
    const { holderId, statement } = await this.holderStatement(manager, enrolmentId);
    await manager
      .createQueryBuilder()
      .insert()
      .into(CertificateEntity)
      .values({ code: newCertificateCode(), enrolmentId, issuedAt: at, ...statement })
      .orIgnore()
      .execute();
    await this.notifications.notify(manager, {
      recipientId: holderId,
      kind: 'certificate.issued',
      subject: { type: 'enrolment', id: enrolmentId },
      moment: 'issued',
      params: { courseTitle: statement.courseTitle },
    });
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
    return {
      code: certificate.code,
      status: certificate.revokedAt ? 'revoked' : 'valid',
      holderName: certificate.holderName,
      courseTitle: certificate.courseTitle,
      courseVersion: certificate.courseVersion,
      issuedAt: certificate.issuedAt.toISOString(),
      territoryName: certificate.territoryName,
      reissuedAt: certificate.reissuedAt?.toISOString() ?? null,
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
      revocationReason: certificate.revocationReason,
      credential: null,
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
      credential: null,
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
    const language = (locale ?? (await this.directory.preferredLanguage(principal.userId)) ?? 'fr') as Locale;
    const pdf = await renderCertificate({
      code: certificate.code,
      holderName: certificate.holderName,
      courseTitle: certificate.courseTitle[language] ?? '',
      courseVersion: certificate.courseVersion,
      issuedAt: certificate.issuedAt,
      territoryName: certificate.territoryName[language] ?? '',
      verifyUrl: this.verifyUrl(certificate.code),
      locale: language,
    });
    return { code: certificate.code, pdf };
  }

  /** Trainers who manage the cohort, and admins, revoke with a reason. */
  async revoke(principal: AuthPrincipal, code: string, reason: string): Promise<CertificateVerification> {
    const { certificate, enrolment } = await this.manageable(principal, code, 'revoke');
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

  /**
   * The same trainers and admins re-issue a certificate: same code, its statement (holder's name,
   * course, territory) brought up to date, e.g. after a name was corrected. The issue date stays the
   * date it was earned. A revoked certificate stays revoked.
   */
  async reissue(principal: AuthPrincipal, code: string): Promise<CertificateVerification> {
    const { certificate, enrolment } = await this.manageable(principal, code, 're-issue');
    await this.dataSource.transaction(async (manager) => {
      // Locked: a revocation or another re-issue at the same moment waits for this one.
      const current = await manager.findOne(CertificateEntity, {
        where: { code: certificate.code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFoundException('No certificate has this code.');
      if (current.revokedAt) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'certificate-revoked',
          'Certificate revoked',
          'A revoked certificate cannot be re-issued.',
        );
      }
      const statement = await this.statement(manager, current.enrolmentId);
      const changed = (Object.keys(statement) as (keyof CertificateStatement)[]).filter(
        (key) => canonical(statement[key]) !== canonical(current[key]),
      );
      await manager.update(
        CertificateEntity,
        { code: current.code },
        { ...statement, reissuedAt: new Date() },
      );
      // Which parts changed, not their values: the entry names no one.
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'certificate.reissued',
        subjectType: 'certificate',
        subjectId: current.code,
        territoryId: await this.records.cohortTerritory(manager, enrolment.cohortId),
        details: { enrolmentId: current.enrolmentId, cohortId: enrolment.cohortId, changed },
      });
    });
    return this.verify(certificate.code);
  }

  /** The certificate and its enrolment, when the caller manages the cohort (a trainer of it, an admin over it). */
  private async manageable(principal: AuthPrincipal, code: string, verb: 'revoke' | 're-issue') {
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
        `Only the trainers of this cohort or an admin of its territory can ${verb} this certificate.`,
      );
    }
    return { certificate, enrolment };
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

  /** What a certificate of this enrolment states, read now in the caller's transaction. */
  private async statement(manager: EntityManager, enrolmentId: string): Promise<CertificateStatement> {
    return (await this.holderStatement(manager, enrolmentId)).statement;
  }

  /** The statement, and whose certificate it is. */
  private async holderStatement(
    manager: EntityManager,
    enrolmentId: string,
  ): Promise<{ holderId: string; statement: CertificateStatement }> {
    const enrolment = (await this.records.enrolments(manager, [enrolmentId])).get(enrolmentId);
    if (!enrolment) throw new NotFoundException('No such enrolment.');
    const [people, version, cohortTerritory] = await Promise.all([
      this.directory.entries([enrolment.userId], manager),
      this.catalog.version(enrolment.courseId, enrolment.courseVersion, manager),
      this.records.cohortTerritory(manager, enrolment.cohortId),
    ]);
    const territory = (await this.territories.summaries([cohortTerritory], manager)).get(cohortTerritory);
    const title: Partial<Record<Locale, string>> = version?.content.title ?? {};
    const fallback = title[version?.content.defaultLocale ?? 'fr'] ?? '';
    return {
      holderId: enrolment.userId,
      statement: {
        holderName: people.get(enrolment.userId)?.displayName ?? '',
        courseTitle: Object.fromEntries(LOCALES.map((l) => [l, title[l] || fallback])) as Record<
          Locale,
          string
        >,
        courseVersion: enrolment.courseVersion,
        territoryName: territory?.name ?? { fr: '', ar: '', en: '' },
      },
    };
  }
}
