import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed passwords and lockouts per e-mail address (lower-cased), known account or not: an unknown
 * e-mail is counted and locked exactly like a real one, so the answers tell nothing about which
 * accounts exist. Kept in the database so every API process sees the same counts.
 */
@Entity('sign_in_failures')
export class SignInFailureEntity {
  @PrimaryColumn({ type: 'varchar', length: 254, primaryKeyConstraintName: 'PK_sign_in_failures' })
  email!: string;

  /** Failed passwords since the last success or the last lockout. */
  @Column({ type: 'int', default: 0 })
  failures!: number;

  /** Lockouts since the last successful sign-in; the next one lasts twice as long. */
  @Column({ type: 'int', default: 0 })
  lockouts!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz' })
  lastFailureAt!: Date;
}
