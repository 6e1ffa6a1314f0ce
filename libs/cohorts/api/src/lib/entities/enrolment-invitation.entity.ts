import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ActionTokenEntity, UserEntity } from '@tc/identity/api';
import { CohortEntity } from './cohort.entity';

/**
 * An invitation into a cohort: the account it is for has no enrolment and no role from it until it is
 * accepted. Once accepted the row stays (`acceptedAt`), for the trainers' list; it goes when withdrawn,
 * or when the person is enrolled another way (the join code, or enrolled directly as a coach of the
 * territory). Shown to trainers as the address invited and the name given with it, never as the account.
 */
@Entity('enrolment_invitations')
@Unique('UQ_enrolment_invitations_cohort_user', ['cohortId', 'userId'])
@Unique('UQ_enrolment_invitations_action_token', ['actionTokenId'])
@Check('CHK_enrolment_invitations_source', `"source" IN ('email','csv')`)
export class EnrolmentInvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'cohort_id', type: 'uuid' })
  cohortId!: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id', foreignKeyConstraintName: 'FK_enrolment_invitations_cohort' })
  cohort?: CohortEntity;

  @Index('IDX_enrolment_invitations_user_id')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_enrolment_invitations_user' })
  user?: UserEntity;

  /** The address as invited. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** The name given with the invitation (a CSV file's full name); null from an e-mail list. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 10 })
  source!: 'email' | 'csv';

  /** The account was created by this invitation: setting its password accepts it. */
  @Column({ name: 'new_account', type: 'boolean', default: false })
  newAccount!: boolean;

  /** The link sent (identity's action token); a new link replaces it on a re-send or a new invitation. */
  @Column({ name: 'action_token_id', type: 'uuid' })
  actionTokenId!: string;

  @ManyToOne(() => ActionTokenEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_token_id', foreignKeyConstraintName: 'FK_enrolment_invitations_action_token' })
  actionToken?: ActionTokenEntity;

  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  invitedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by', foreignKeyConstraintName: 'FK_enrolment_invitations_invited_by' })
  inviter?: UserEntity;

  @Column({ name: 'invited_at', type: 'timestamptz', default: () => 'now()' })
  invitedAt!: Date;

  /** When the current link was issued (a re-send issues a new one). */
  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' })
  sentAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;
}
