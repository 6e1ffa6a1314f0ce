import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CourseEntity } from './course.entity';
import type { LocalizedText } from '@tc/shared/contracts';

@Entity('course_modules')
@Unique('UQ_course_modules_key', ['courseId', 'key'])
export class CourseModuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_modules_course' })
  course?: CourseEntity;

  @Column({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;
}
