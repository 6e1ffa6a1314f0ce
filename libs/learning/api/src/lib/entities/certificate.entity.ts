import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { Locale } from '@tc/shared/contracts';
import { EnrolmentEntity } from '@tc/cohorts/api';

/**
 * Issued when an enrolment is completed; verifiable by anyone with its code; revocable with a reason.
 * It states the holder's name, the course and the territory as they were when it was issued (its
 * statement): renaming an account, a course or a territory later changes no certificate. A trainer
 * re-issues it to bring the statement up to date (same code, `reissuedAt` set).
 */
@Entity('certificates')
export class CertificateEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ name: 'enrolment_id', type: 'uuid', unique: true })
  enrolmentId!: string;

  @OneToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_certificates_enrolment' })
  enrolment?: EnrolmentEntity;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'holder_name', type: 'varchar', length: 120 })
  holderName!: string;

  /** In every language, the course's default language standing in for a missing one. */
  @Column({ name: 'course_title', type: 'jsonb' })
  courseTitle!: Record<Locale, string>;

  @Column({ name: 'course_version', type: 'integer' })
  courseVersion!: number;

  @Column({ name: 'territory_name', type: 'jsonb' })
  territoryName!: Record<Locale, string>;

  @Column({ name: 'reissued_at', type: 'timestamptz', nullable: true })
  reissuedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revocation_reason', type: 'varchar', length: 500, nullable: true })
  revocationReason!: string | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy!: string | null;
}
