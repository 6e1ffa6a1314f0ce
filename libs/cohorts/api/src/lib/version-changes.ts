import type { ChangedLesson, CourseContent, VersionChange } from '@tc/shared/contracts';
import { contentHash } from '@tc/catalog/api';

/**
 * What changed between two versions, by stable key: lessons added, removed and changed (each with the
 * module it sits in, in the version that has it), and whole modules added and removed. A new module's
 * lessons are added lessons too: a coach's work is counted in lessons.
 */
export function versionChanges(from: CourseContent, to: CourseContent): VersionChange {
  const lessons = (c: CourseContent) =>
    new Map(
      c.modules.flatMap((m) =>
        m.lessons.map((l): readonly [string, { lesson: typeof l; changed: ChangedLesson }] => [
          l.key,
          { lesson: l, changed: { key: l.key, title: l.title, moduleKey: m.key, moduleTitle: m.title } },
        ]),
      ),
    );
  const a = lessons(from);
  const b = lessons(to);
  const modulesA = new Set(from.modules.map((m) => m.key));
  const modulesB = new Set(to.modules.map((m) => m.key));
  return {
    added: [...b.values()].filter((l) => !a.has(l.changed.key)).map((l) => l.changed),
    removed: [...a.values()].filter((l) => !b.has(l.changed.key)).map((l) => l.changed),
    changed: [...b.values()]
      .filter((l) => {
        const before = a.get(l.changed.key);
        return before && contentHash(before.lesson) !== contentHash(l.lesson);
      })
      .map((l) => l.changed),
    modulesAdded: to.modules.filter((m) => !modulesA.has(m.key)).map((m) => ({ key: m.key, title: m.title })),
    modulesRemoved: from.modules
      .filter((m) => !modulesB.has(m.key))
      .map((m) => ({ key: m.key, title: m.title })),
  };
}
