import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ProgressEventType } from '@tc/shared/contracts';
import { EnrolmentEntity } from '@tc/cohorts/api';

/** A raw progress event, append-only (a trigger refuses UPDATE and DELETE); its id is the client's. */
@Entity('progress_events')
@Check('CHK_progress_events_type', `"type" IN ('started','completed')`)
export class ProgressEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Index('IDX_progress_events_enrolment')
  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId!: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_progress_events_enrolment' })
  enrolment?: EnrolmentEntity;

  @Column({ name: 'lesson_key', type: 'varchar', length: 64 })
  lessonKey!: string;

  @Column({ type: 'varchar', length: 10 })
  type!: ProgressEventType;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
