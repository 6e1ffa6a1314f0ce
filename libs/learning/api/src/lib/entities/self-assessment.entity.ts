import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AssessmentPhase } from '@tc/shared/contracts';
import { EnrolmentEntity } from '@tc/cohorts/api';

/** A coach's own rating of one DigComp competence, at the start or the end of a course (1–8). */
@Entity('self_assessments')
@Check('CHK_self_assessments_level', `"level" BETWEEN 1 AND 8`)
@Check('CHK_self_assessments_phase', `"phase" IN ('start','end')`)
export class SelfAssessmentEntity {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 5 })
  phase!: AssessmentPhase;

  @PrimaryColumn({ name: 'competence_code', type: 'varchar', length: 4 })
  competenceCode!: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_self_assessments_enrolment' })
  enrolment?: EnrolmentEntity;

  @Column({ type: 'int' })
  level!: number;

  @Column({ name: 'assessed_at', type: 'timestamptz', default: () => 'now()' })
  assessedAt!: Date;
}
