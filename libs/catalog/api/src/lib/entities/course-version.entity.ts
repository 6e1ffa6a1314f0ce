import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from '@tc/identity/api';
import { CourseEntity } from './course.entity';
import type { CourseContent } from '@tc/shared/contracts';

/** A published, numbered, immutable snapshot (a database trigger refuses UPDATE and DELETE). */
@Entity('course_versions')
@Unique('UQ_course_versions_number', ['courseId', 'number'])
export class CourseVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_versions_course' })
  course?: CourseEntity;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'jsonb' })
  content!: CourseContent;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'uuid' })
  publishedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'published_by', foreignKeyConstraintName: 'FK_course_versions_published_by' })
  publisher?: UserEntity;
}
