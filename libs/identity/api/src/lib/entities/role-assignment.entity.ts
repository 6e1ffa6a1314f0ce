import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Role } from '@tc/shared/contracts';
import { TerritoryEntity } from '@tc/territories/api';
import { UserEntity } from './user.entity';

/** A role held by a person over a territory's whole subtree. */
@Entity('role_assignments')
@Check('CHK_role_assignments_role', `"role" IN ('admin','trainer','coach','observer')`)
@Unique('uq_role_assignment', ['userId', 'role', 'territoryId'])
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, (u) => u.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_role_assignments_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Index('IDX_role_assignments_territory_id')
  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id', foreignKeyConstraintName: 'FK_role_assignments_territory' })
  territory?: TerritoryEntity;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
