import { HttpStatus, Injectable } from '@nestjs/common';
import type { CourseDraft } from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { UserDirectory } from '@tc/identity/api';
import { CourseAccess } from './course-access.service';
import { CourseDraftReader } from './course-drafts.service';
import { CourseCoAuthorEntity } from './entities/course-co-author.entity';

/** The trainers who edit a course beside its owner. */
@Injectable()
export class CourseCoAuthorsService {
  constructor(
    private readonly directory: UserDirectory,
    private readonly access: CourseAccess,
    private readonly drafts: CourseDraftReader,
  ) {}

  async add(principal: AuthPrincipal, courseId: string, email: string): Promise<CourseDraft> {
    await this.access.edit(principal, courseId, async (manager, course) => {
      // Only a trainer or an admin writes courses; anyone else is answered as an unknown address, so
      // the answer does not tell whether an address has an account.
      const person = await this.directory.findActiveWithRoleByEmail(email, ['trainer', 'admin'], manager);
      if (!person) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'co-author-unknown',
          'Unknown trainer',
          undefined,
          [{ field: 'email', message: 'No trainer with this e-mail', code: 'co-author-unknown' }],
        );
      }
      if (person.id === course.ownerId) return;
      await manager
        .createQueryBuilder()
        .insert()
        .into(CourseCoAuthorEntity)
        .values({ courseId, userId: person.id })
        .orIgnore()
        .execute();
    });
    return this.drafts.draft(principal, courseId);
  }

  async remove(principal: AuthPrincipal, courseId: string, userId: string): Promise<CourseDraft> {
    await this.access.edit(principal, courseId, async (manager) => {
      await manager.delete(CourseCoAuthorEntity, { courseId, userId });
    });
    return this.drafts.draft(principal, courseId);
  }
}
