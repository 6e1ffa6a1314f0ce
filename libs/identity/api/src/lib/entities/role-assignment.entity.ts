import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Role } from '@tc/shared/contracts';
import { TerritoryEntity } from '@tc/territories/api';
import { UserEntity } from './user.entity';

/** A role held by a person over a territory's whole subtree. */
@Entity('role_assignments')
@Unique('uq_role_assignment', ['userId', 'role', 'territoryId'])
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, (u) => u.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: TerritoryEntity;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
