import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CourseEntity } from './course.entity';
import { CourseModuleEntity } from './course-module.entity';
import type { LessonKind, LocalizedText, MediaContent, PracticalTask, Quiz } from '@tc/shared/contracts';

@Entity('course_lessons')
@Check('CHK_course_lessons_kind', `"kind" IN ('text','media','quiz','task')`)
@Unique('UQ_course_lessons_key', ['courseId', 'key'])
export class CourseLessonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_lessons_course' })
  course?: CourseEntity;

  @Index('IDX_course_lessons_module_id')
  @Column({ name: 'module_id', type: 'uuid' })
  moduleId!: string;

  @ManyToOne(() => CourseModuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'FK_course_lessons_module' })
  module?: CourseModuleEntity;

  /** Stable across edits, moves and versions: progress is keyed on it. */
  @Column({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: LessonKind;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'jsonb' })
  body!: LocalizedText;

  @Column({ type: 'jsonb', nullable: true })
  media!: MediaContent | null;

  @Column({ type: 'jsonb', nullable: true })
  quiz!: Quiz | null;

  /** A task lesson's practical task (instructions, evidence rules, rubric). */
  @Column({ type: 'jsonb', nullable: true })
  task!: PracticalTask | null;

  @Column({ type: 'jsonb' })
  competences!: string[];

  @Column({ name: 'estimated_minutes', type: 'int', nullable: true })
  estimatedMinutes!: number | null;
}
