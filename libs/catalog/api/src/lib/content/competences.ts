import type { CourseContent } from '@tc/shared/contracts';
import { DIGCOMP_AREAS } from '../reference/digcomp';

const COMPETENCE_CODES = new Set(DIGCOMP_AREAS.flatMap((a) => a.competences.map((c) => c.code)));

/**
 * Where content names a competence that DigComp 2.2 has not (`competences[1]`,
 * `modules[0].lessons[2].competences[0]`, `modules[0].lessons[3].task.criteria[1].competence`).
 */
export function unknownCompetences(content: Pick<CourseContent, 'competences' | 'modules'>): string[] {
  const fields: string[] = [];
  content.competences.forEach((c, i) => !COMPETENCE_CODES.has(c) && fields.push(`competences[${i}]`));
  content.modules.forEach((m, i) =>
    m.lessons.forEach((l, j) => {
      l.competences.forEach(
        (c, k) => !COMPETENCE_CODES.has(c) && fields.push(`modules[${i}].lessons[${j}].competences[${k}]`),
      );
      l.task?.criteria.forEach(
        (c, k) =>
          c.competence !== null &&
          !COMPETENCE_CODES.has(c.competence) &&
          fields.push(`modules[${i}].lessons[${j}].task.criteria[${k}].competence`),
      );
    }),
  );
  return fields;
}
