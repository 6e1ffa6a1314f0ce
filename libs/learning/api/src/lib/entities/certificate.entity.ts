import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { EnrolmentEntity } from '@tc/cohorts/api';

/** Issued when an enrolment is completed; verifiable by anyone with its code; revocable with a reason. */
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

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revocation_reason', type: 'varchar', length: 500, nullable: true })
  revocationReason!: string | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy!: string | null;
}
