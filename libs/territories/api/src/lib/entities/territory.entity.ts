import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { TerritoryLevel } from '@tc/shared/contracts';

/**
 * A node of the territory tree. `path` is the materialized path of ids from the root down to this node
 * (`/<root>/<country>/<region>/`), so a subtree is `path LIKE '<prefix>%'`, backed by a
 * `text_pattern_ops` index.
 */
@Entity('territories')
@Check('CHK_territories_level', `"level" IN ('root','country','region','province','commune')`)
// text_pattern_ops is beyond TypeORM's index syntax: the migration owns this index.
@Index('IDX_territories_path', { synchronize: false })
export class TerritoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_territories_parent_id')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_territories_parent' })
  parent?: TerritoryEntity | null;

  @Column({ type: 'varchar', length: 16 })
  level!: TerritoryLevel;

  @Column({ type: 'varchar', length: 12, nullable: true, unique: true })
  code!: string | null;

  @Column({ name: 'name_fr', type: 'varchar', length: 200 })
  nameFr!: string;

  @Column({ name: 'name_ar', type: 'varchar', length: 200 })
  nameAr!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'int' })
  depth!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
