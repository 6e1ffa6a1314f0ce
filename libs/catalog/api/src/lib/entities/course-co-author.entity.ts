import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@tc/identity/api';
import { CourseEntity } from './course.entity';

@Entity('course_co_authors')
export class CourseCoAuthorEntity {
  @PrimaryColumn({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @Index('IDX_course_co_authors_user_id')
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_co_authors_course' })
  course?: CourseEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_course_co_authors_user' })
  user?: UserEntity;
}
