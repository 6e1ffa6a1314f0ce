import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TerritoryEntity } from '@tc/territories/api';
import type { Gender, Locale, OrganisationType, UserStatus } from '@tc/shared/contracts';
import { RoleAssignmentEntity } from './role-assignment.entity';

@Entity('users')
@Check('CHK_users_email_lower', `"email" = lower("email")`)
@Check('CHK_users_language', `"preferred_language" IN ('fr','ar','en')`)
@Check('CHK_users_gender', `"gender" IS NULL OR "gender" IN ('female','male','other')`)
@Check('CHK_users_withheld', `NOT "demographics_withheld" OR ("gender" IS NULL AND "birth_year" IS NULL)`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Always stored lower-cased and trimmed; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  /** argon2id; null until an invited person sets a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ name: 'preferred_language', type: 'varchar', length: 2, default: 'fr' })
  preferredLanguage!: Locale;

  @Index('IDX_users_territory_id')
  @Column({ name: 'territory_id', type: 'uuid', nullable: true })
  territoryId!: string | null;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'territory_id', foreignKeyConstraintName: 'FK_users_territory' })
  territory?: TerritoryEntity | null;

  @Column({ name: 'organisation_type', type: 'varchar', length: 32, nullable: true })
  organisationType!: OrganisationType | null;

  @Column({ name: 'organisation_name', type: 'varchar', length: 200, nullable: true })
  organisationName!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  gender!: Gender | null;

  @Column({ name: 'birth_year', type: 'int', nullable: true })
  birthYear!: number | null;

  @Column({ name: 'demographics_withheld', type: 'boolean', default: false })
  demographicsWithheld!: boolean;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @OneToMany(() => RoleAssignmentEntity, (r) => r.user)
  roles?: RoleAssignmentEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export function statusOf(user: Pick<UserEntity, 'disabledAt'> & { hasPassword: boolean }): UserStatus {
  if (user.disabledAt) return 'disabled';
  return user.hasPassword ? 'active' : 'invited';
}
