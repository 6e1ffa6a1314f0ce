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
import type { CertificateVerification, Locale, MyCertificate, MyCredentialLinks } from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CatalogReader, DIGCOMP_AREAS } from '@tc/catalog/api';
import { CohortsService, LearnerRecords } from '@tc/cohorts/api';
import {
  badgeSvg,
  bakePng,
  bakeSvg,
  CredentialsService,
  renderPng,
  type JsonObject,
} from '@tc/credentials/api';
import { UserDirectory } from '@tc/identity/api';
import { NotificationsService } from '@tc/notifications/api';
import { TerritoriesService } from '@tc/territories/api';
import { CertificateEntity } from '../entities/certificate.entity';
import { badgeSubtitle, certificateCredentialRequest } from './certificate-achievement';
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

/** DigComp 2.2 competence titles by code, for the credentials' alignments. */
const COMPETENCE_TITLES = new Map(
  DIGCOMP_AREAS.flatMap((area) => area.competences.map((c) => [c.code, c.title] as const)),
);

/** What a certificate's credential is issued for, in the credentials domain's words. */
const credentialReference = (code: string) => `certificate:${code}`;

/** A certificate's credential as the coach downloads it. */
export type CredentialFileKind = 'json' | 'svg' | 'png';

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
    private readonly credentials: CredentialsService,
    @Optional() @Inject(LEARNING_PUBLIC_URL) private readonly publicUrl = 'http://localhost:3000',
  ) {}

  /**
   * In the completing transaction: one certificate per enrolment, issued once, stating the holder's
   * name, the course and the territory as they are now; its holder is told in the same transaction
   * (once: notifications are unique per enrolment and kind).
   */
  async issue(manager: EntityManager, enrolmentId: string, at: Date): Promise<void> {
    const { holderId, statement } = await this.holderStatement(manager, enrolmentId);
    const code = newCertificateCode();
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(CertificateEntity)
      .values({ code, enrolmentId, issuedAt: at, ...statement })
      .orIgnore()
      .returning(['code'])
      .execute();
    // Its Open Badges credential, signed in the same transaction (a certificate issued once, so once).
    if ((inserted.raw as unknown[]).length) await this.issueCredential(manager, code, at);
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
    // Verified as a third party would: the stored credential, checked now (a revocation shows at once).
    const credential = await this.credentialOf(certificate);
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
      credential: credential ? await this.credentials.verify(credential) : null,
    };
  }

  async mine(principal: AuthPrincipal, enrolmentId: string): Promise<MyCertificate> {
    const certificate = await this.ownCertificate(principal, enrolmentId);
    const credential = await this.credentialOf(certificate);
    return {
      code: certificate.code,
      issuedAt: certificate.issuedAt.toISOString(),
      status: certificate.revokedAt ? 'revoked' : 'valid',
      verifyUrl: this.verifyUrl(certificate.code),
      pdfUrl: `/api/v1/enrolments/${enrolmentId}/certificate.pdf`,
      credential: credential ? this.credentialLinks(enrolmentId, certificate, credential) : null,
    };
  }

  /**
   * The coach's certificate as an Open Badges 3.0 credential: the signed JSON (`application/ld+json`),
   * or the badge image with it baked in (SVG: `<openbadges:credential>`; PNG: an `iTXt` chunk).
   */
  async credentialFile(
    principal: AuthPrincipal,
    enrolmentId: string,
    kind: CredentialFileKind,
  ): Promise<{ code: string; contentType: string; body: Buffer }> {
    const certificate = await this.ownCertificate(principal, enrolmentId);
    if (certificate.revokedAt)
      throw new ProblemException(
        HttpStatus.GONE,
        'certificate-revoked',
        'Certificate revoked',
        certificate.revocationReason ?? undefined,
      );
    const credential = await this.credentialOf(certificate);
    if (!credential) throw new NotFoundException('This certificate has no credential.');
    if (kind === 'json')
      return {
        code: certificate.code,
        contentType: 'application/ld+json',
        body: Buffer.from(JSON.stringify(credential, null, 2), 'utf8'),
      };
    const svg = this.badge(credential);
    if (kind === 'svg')
      return {
        code: certificate.code,
        contentType: 'image/svg+xml',
        body: Buffer.from(bakeSvg(svg, credential), 'utf8'),
      };
    return {
      code: certificate.code,
      contentType: 'image/png',
      body: bakePng(await renderPng(svg), credential),
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
        // Its credential's status bit, in the same transaction: verifiers see the revocation at once.
        await this.credentials.revoke(manager, credentialReference(certificate.code));
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
      const reissuedAt = new Date();
      await manager.update(CertificateEntity, { code: current.code }, { ...statement, reissuedAt });
      // A fresh credential stating the new statement; the one before it is replaced and its bit set.
      await this.issueCredential(manager, current.code, reissuedAt);
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

  /** The credential of a certificate, issued now for one from before credentials (none for a revoked one). */
  private async credentialOf(certificate: CertificateEntity): Promise<JsonObject | null> {
    const reference = credentialReference(certificate.code);
    const current = await this.credentials.current(reference);
    if (current || certificate.revokedAt) return current;
    return this.dataSource.transaction(async (manager) => {
      // Locked: two first requests at once issue one credential.
      const locked = await manager.findOne(CertificateEntity, {
        where: { code: certificate.code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked || locked.revokedAt) return null;
      return (
        (await this.credentials.current(reference, manager)) ??
        (await this.issueCredential(manager, locked.code, new Date()))
      );
    });
  }

  /** Signs the certificate's credential (as its row now states it) in the caller's transaction. */
  private async issueCredential(manager: EntityManager, code: string, at: Date): Promise<JsonObject> {
    const certificate = await manager.findOne(CertificateEntity, { where: { code } });
    if (!certificate) throw new NotFoundException('No certificate has this code.');
    const enrolment = (await this.records.enrolments(manager, [certificate.enrolmentId])).get(
      certificate.enrolmentId,
    );
    if (!enrolment) throw new NotFoundException('No such enrolment.');
    const [version, progress] = await Promise.all([
      this.catalog.version(enrolment.courseId, certificate.courseVersion, manager),
      this.records.progress(manager, [certificate.enrolmentId]),
    ]);
    if (!version) throw new NotFoundException('The course version of this certificate is gone.');
    const request = certificateCredentialRequest({
      code: certificate.code,
      holderName: certificate.holderName,
      courseId: enrolment.courseId,
      courseVersion: certificate.courseVersion,
      issuedAt: certificate.issuedAt,
      content: version.content,
      doneLessons: new Set(progress.filter((p) => p.completedAt).map((p) => p.lessonKey)),
      competenceTitles: COMPETENCE_TITLES,
    });
    return this.credentials.issue(manager, request, at);
  }

  /** The badge image of a credential, worded as the credential is. */
  private badge(credential: JsonObject): string {
    const subject = credential['credentialSubject'] as {
      achievement?: { name?: string; inLanguage?: string; version?: string };
    };
    const language = (subject.achievement?.inLanguage ?? 'fr') as Locale;
    return badgeSvg({
      title: subject.achievement?.name ?? '',
      subtitle: badgeSubtitle(language, Number(subject.achievement?.version ?? 1)),
      issuer: (credential['issuer'] as { name?: string }).name ?? '',
      rtl: language === 'ar',
    });
  }

  /** The download links, and LinkedIn's "add a certification" pointing at the public verification page. */
  private credentialLinks(
    enrolmentId: string,
    certificate: CertificateEntity,
    credential: JsonObject,
  ): MyCredentialLinks {
    const base = `/api/v1/enrolments/${enrolmentId}/credential`;
    const issued = certificate.issuedAt;
    const linkedIn = new URLSearchParams({
      startTask: 'CERTIFICATION_NAME',
      name: String(credential['name'] ?? ''),
      organizationName: String((credential['issuer'] as { name?: string }).name ?? ''),
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      certUrl: this.verifyUrl(certificate.code),
      certId: certificate.code,
    });
    return {
      jsonUrl: `${base}.json`,
      svgUrl: `${base}.svg`,
      pngUrl: `${base}.png`,
      linkedInUrl: `https://www.linkedin.com/profile/add?${linkedIn.toString()}`,
    };
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
