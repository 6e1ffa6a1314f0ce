import type { CourseDraft, PublishProblem } from '@tc/shared/contracts';

/** Where a publish problem's field path points: `modules[1].lessons[0].body.fr`. */
export interface ProblemPath {
  moduleIndex: number | null;
  lessonIndex: number | null;
  /** The rest of the path inside the course, module or lesson (`body.fr`), or '' for the whole. */
  rest: string;
}

/** A publish problem tied to the module and lesson ids of the draft it was found in. */
export interface LocatedProblem extends PublishProblem, ProblemPath {
  moduleId: string | null;
  lessonId: string | null;
}

export interface PublishProblems {
  all: LocatedProblem[];
  /** Problems of the course's own fields (title, summary…), or unplaceable ones. */
  course: LocatedProblem[];
  /** Problems of a module itself (empty module, missing title), by module id. */
  byModule: Record<string, LocatedProblem[]>;
  /** Problems inside a lesson, by lesson id. */
  byLesson: Record<string, LocatedProblem[]>;
}

const PATH = /^modules\[(\d+)\](?:\.lessons\[(\d+)\])?(?:\.(.*))?$/;

export function parseProblemField(field: string): ProblemPath {
  const m = PATH.exec(field.trim());
  if (!m) return { moduleIndex: null, lessonIndex: null, rest: field };
  return {
    moduleIndex: Number(m[1]),
    lessonIndex: m[2] === undefined ? null : Number(m[2]),
    rest: m[3] ?? '',
  };
}

/**
 * Ties each problem to the ids of the module and lesson it points at, in the draft that was
 * published (ids survive a later reorder; indexes would not). A path beyond the draft's outline
 * stays at course level rather than being lost.
 */
export function locateProblems(draft: CourseDraft, problems: readonly PublishProblem[]): PublishProblems {
  const result: PublishProblems = { all: [], course: [], byModule: {}, byLesson: {} };
  for (const problem of problems) {
    const path = parseProblemField(problem.field);
    const module = path.moduleIndex === null ? undefined : draft.modules[path.moduleIndex];
    const lesson = module && path.lessonIndex !== null ? module.lessons[path.lessonIndex] : undefined;
    const located: LocatedProblem = {
      ...problem,
      ...path,
      moduleId: module?.id ?? null,
      lessonId: lesson?.id ?? null,
    };
    result.all.push(located);
    if (lesson) (result.byLesson[lesson.id] ??= []).push(located);
    else if (module && path.lessonIndex === null) (result.byModule[module.id] ??= []).push(located);
    else result.course.push(located);
  }
  return result;
}
