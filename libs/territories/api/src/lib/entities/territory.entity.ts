import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TerritoryLevel } from '@tc/shared/contracts';

/**
 * A node of the territory tree. `path` is the materialized path of ids from the root down to this node
 * (`/<root>/<country>/<region>/`), so a subtree is `path LIKE '<prefix>%'`, backed by a
 * `text_pattern_ops` index.
 */
@Entity('territories')
export class TerritoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

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
