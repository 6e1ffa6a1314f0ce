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
import { UserEntity } from '@tc/identity/api';
import type { LocalizedText, Locale } from '@tc/shared/contracts';

/** The draft of a course: what trainers edit. Published versions are frozen copies in course_versions. */
@Entity('courses')
@Check('CHK_courses_default_locale', `"default_locale" IN ('fr','ar','en')`)
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 80, unique: true })
  slug!: string;

  @Index('IDX_courses_owner_id')
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'FK_courses_owner' })
  owner?: UserEntity;

  @Column({ name: 'default_locale', type: 'varchar', length: 2 })
  defaultLocale!: Locale;

  @Column({ type: 'jsonb' })
  locales!: Locale[];

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'jsonb' })
  summary!: LocalizedText;

  @Column({ name: 'estimated_minutes', type: 'int', nullable: true })
  estimatedMinutes!: number | null;

  @Column({ name: 'cover_image_hash', type: 'varchar', length: 64, nullable: true })
  coverImageHash!: string | null;

  @Column({ type: 'jsonb' })
  competences!: string[];

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  /** Highest published version, or null. */
  @Column({ name: 'latest_version', type: 'int', nullable: true })
  latestVersion!: number | null;

  /** Content hash of the draft as it stands, kept by every change; compared with the latest version's. */
  @Column({ name: 'draft_hash', type: 'varchar', length: 64 })
  draftHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
