import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from './user.entity';
import type { ActionTokenPurpose } from '@tc/shared/contracts';

/**
 * A single-use link: an invitation, a password reset, or an existing account's invitation into a cohort
 * (accepted signed in). Only the SHA-256 of the token is stored.
 */
@Entity('action_tokens')
@Check('CHK_action_tokens_purpose', `"purpose" IN ('invitation','password_reset','enrolment')`)
export class ActionTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_action_tokens_user_id')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_action_tokens_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  purpose!: ActionTokenPurpose;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** When the link's page was first loaded (what an inviter sees as "opened"). */
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
