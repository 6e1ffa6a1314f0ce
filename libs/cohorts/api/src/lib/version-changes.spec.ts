import type { CourseContent, LessonContent, ModuleContent } from '@tc/shared/contracts';
import { versionChanges } from './version-changes';

const lesson = (key: string, body = 'Texte'): LessonContent => ({
  key,
  kind: 'text',
  title: { fr: `Leçon ${key}` },
  competences: [],
  estimatedMinutes: null,
  body: { fr: body },
  media: null,
  quiz: null,
});
const mod = (key: string, lessons: LessonContent[]): ModuleContent => ({
  key,
  title: { fr: `Module ${key}` },
  lessons,
});
const course = (modules: ModuleContent[]): CourseContent => ({
  slug: 'c',
  defaultLocale: 'fr',
  locales: ['fr'],
  title: { fr: 'Cours' },
  summary: { fr: '' },
  estimatedMinutes: null,
  coverImageHash: null,
  competences: [],
  modules,
});

describe('what a move to another version changes', () => {
  const v1 = course([mod('m1', [lesson('l1'), lesson('l2')]), mod('m2', [lesson('l3')])]);

  it('a lesson added to an existing module is an added lesson, not an added module', () => {
    const v2 = course([mod('m1', [lesson('l1'), lesson('l2'), lesson('l9')]), mod('m2', [lesson('l3')])]);
    expect(versionChanges(v1, v2)).toEqual({
      added: [{ key: 'l9', title: { fr: 'Leçon l9' }, moduleKey: 'm1', moduleTitle: { fr: 'Module m1' } }],
      removed: [],
      changed: [],
      modulesAdded: [],
      modulesRemoved: [],
    });
  });

  it('a new module is an added module, and its lessons added lessons', () => {
    const v2 = course([...v1.modules, mod('m3', [lesson('l4'), lesson('l5')])]);
    const changes = versionChanges(v1, v2);
    expect(changes.modulesAdded).toEqual([{ key: 'm3', title: { fr: 'Module m3' } }]);
    expect(changes.added.map((l) => [l.key, l.moduleKey])).toEqual([
      ['l4', 'm3'],
      ['l5', 'm3'],
    ]);
    expect(changes.removed).toEqual([]);
  });

  it('a module removed takes its lessons, named with the module they were in', () => {
    const v2 = course([mod('m1', [lesson('l1'), lesson('l2')])]);
    const changes = versionChanges(v1, v2);
    expect(changes.modulesRemoved).toEqual([{ key: 'm2', title: { fr: 'Module m2' } }]);
    expect(changes.removed).toEqual([
      { key: 'l3', title: { fr: 'Leçon l3' }, moduleKey: 'm2', moduleTitle: { fr: 'Module m2' } },
    ]);
  });

  it('a lesson whose content differs is changed; one moved to another module unchanged is not', () => {
    const v2 = course([mod('m1', [lesson('l1', 'Texte revu'), lesson('l3')]), mod('m2', [lesson('l2')])]);
    const changes = versionChanges(v1, v2);
    expect(changes.changed.map((l) => l.key)).toEqual(['l1']);
    expect(changes.added).toEqual([]);
    expect(changes.removed).toEqual([]);
    expect(changes.modulesAdded).toEqual([]);
  });
});
