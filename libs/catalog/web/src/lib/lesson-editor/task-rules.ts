import type {
  EvidenceKind,
  EvidenceRule,
  Locale,
  LocalizedText,
  PracticalTask,
  RubricCriterion,
  RubricLevel,
} from '@tc/shared/contracts';
import { cleanText, hasText } from '../data-access/localized-text';
import { moved, nextKey } from './quiz-rules';

/** The most of each kind of evidence a task may ask for (the server checks the same at publish). */
export const EVIDENCE_MAX: Record<EvidenceKind, number> = { text: 1, photo: 10, audio: 3, pdf: 3 };
export const MAX_CRITERIA = 10;
export const MIN_LEVELS = 2;
export const MAX_LEVELS = 6;

/** A new task: a written answer, no rubric yet. */
export function newTask(): PracticalTask {
  return {
    instructions: {},
    evidence: [{ kind: 'text', min: 1, max: 1 }],
    criteria: [],
    passPoints: 0,
    required: false,
  };
}

/** The most a task can score: each criterion's highest level, summed. */
export function maxPoints(task: Pick<PracticalTask, 'criteria'>): number {
  return task.criteria.reduce((sum, c) => sum + Math.max(0, ...c.levels.map((l) => l.points)), 0);
}

/** A level worth one more point than the criterion's best so far (0 for the first). */
export function newLevel(levels: readonly RubricLevel[]): RubricLevel {
  const top = levels.length ? Math.max(...levels.map((l) => l.points)) + 1 : 0;
  return {
    key: nextKey(
      levels.map((l) => l.key),
      'v',
    ),
    title: {},
    descriptor: {},
    points: top,
  };
}

/** A new criterion with three levels worth 0, 1 and 2 points: titles to write. */
export function newCriterion(taken: readonly string[]): RubricCriterion {
  const levels: RubricLevel[] = [];
  for (let i = 0; i < 3; i++) levels.push(newLevel(levels));
  return { key: nextKey(taken, 'c'), title: {}, competence: null, levels };
}

/** Adds a criterion; the pass threshold follows when it stood at the old maximum (or was unset). */
export function addCriterion(task: PracticalTask): PracticalTask {
  if (task.criteria.length >= MAX_CRITERIA) return task;
  const before = maxPoints(task);
  const criteria = [...task.criteria, newCriterion(task.criteria.map((c) => c.key))];
  const after = maxPoints({ criteria });
  return {
    ...task,
    criteria,
    passPoints: task.passPoints <= 0 || task.passPoints === before ? after : task.passPoints,
  };
}

export function removeCriterion(task: PracticalTask, index: number): PracticalTask {
  return { ...task, criteria: task.criteria.filter((_, i) => i !== index) };
}

export function moveCriterion(task: PracticalTask, index: number, delta: number): PracticalTask {
  return { ...task, criteria: moved(task.criteria, index, delta) };
}

export function editCriterion(
  task: PracticalTask,
  index: number,
  change: (c: RubricCriterion) => RubricCriterion,
): PracticalTask {
  return { ...task, criteria: task.criteria.map((c, i) => (i === index ? change(c) : c)) };
}

export function addLevel(c: RubricCriterion): RubricCriterion {
  return c.levels.length >= MAX_LEVELS ? c : { ...c, levels: [...c.levels, newLevel(c.levels)] };
}

export function removeLevel(c: RubricCriterion, key: string): RubricCriterion {
  return c.levels.length <= MIN_LEVELS ? c : { ...c, levels: c.levels.filter((l) => l.key !== key) };
}

/** Whether the task asks for this kind of evidence, and how much. */
export function evidenceRule(task: PracticalTask, kind: EvidenceKind): EvidenceRule | null {
  return task.evidence.find((e) => e.kind === kind) ?? null;
}

/** Asks for a kind (one of it, required) or stops asking; rules stay in the order of EVIDENCE_KINDS. */
export function toggleEvidence(
  task: PracticalTask,
  kind: EvidenceKind,
  on: boolean,
  order: readonly EvidenceKind[],
): PracticalTask {
  const rest = task.evidence.filter((e) => e.kind !== kind);
  const evidence = on
    ? [...rest, { kind, min: 1, max: kind === 'text' ? 1 : Math.min(3, EVIDENCE_MAX[kind]) }]
    : rest;
  return { ...task, evidence: evidence.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)) };
}

/** Sets a rule's min or max within the kind's limits; the other bound moves along when crossed. */
export function setEvidenceBound(
  task: PracticalTask,
  kind: EvidenceKind,
  bound: 'min' | 'max',
  value: number,
): PracticalTask {
  const top = EVIDENCE_MAX[kind];
  const n = Math.min(top, Math.max(bound === 'min' ? 0 : 1, Math.round(Number.isFinite(value) ? value : 0)));
  return {
    ...task,
    evidence: task.evidence.map((e) => {
      if (e.kind !== kind) return e;
      if (bound === 'min') return { ...e, min: n, max: Math.max(e.max, n, 1) };
      return { ...e, max: n, min: Math.min(e.min, n) };
    }),
  };
}

/** A pass threshold kept between 1 and the task's maximum (0 while there is no criterion). */
export function clampPass(task: PracticalTask, value: number): number {
  const max = maxPoints(task);
  if (!max) return 0;
  return Math.min(max, Math.max(1, Math.round(Number.isFinite(value) ? value : 1)));
}

export type TaskIssue = 'noInstructions' | 'noEvidenceRequired' | 'noCriterion' | 'passOutOfRange';
export type CriterionIssue = 'noTitle' | 'tooFewLevels' | 'levelTitle' | 'equalPoints';

/** What would stop the task from being published, said before trying (the server says the same). */
export function taskIssues(task: PracticalTask, defaultLocale: Locale): TaskIssue[] {
  const issues: TaskIssue[] = [];
  if (!hasText(task.instructions, defaultLocale)) issues.push('noInstructions');
  if (!task.evidence.some((e) => e.min >= 1)) issues.push('noEvidenceRequired');
  if (!task.criteria.length) issues.push('noCriterion');
  else if (task.passPoints < 1 || task.passPoints > maxPoints(task)) issues.push('passOutOfRange');
  return issues;
}

export function criterionIssues(c: RubricCriterion, defaultLocale: Locale): CriterionIssue[] {
  const issues: CriterionIssue[] = [];
  if (!hasText(c.title, defaultLocale)) issues.push('noTitle');
  if (c.levels.length < MIN_LEVELS) issues.push('tooFewLevels');
  if (c.levels.some((l) => !hasText(l.title, defaultLocale))) issues.push('levelTitle');
  if (new Set(c.levels.map((l) => l.points)).size < c.levels.length) issues.push('equalPoints');
  return issues;
}

/** Every text of a task (instructions and rubric), for the tabs that need attention. */
export function taskTexts(task: PracticalTask): LocalizedText[] {
  return [
    task.instructions,
    ...task.criteria.flatMap((c) => [c.title, ...c.levels.flatMap((l) => [l.title, l.descriptor])]),
  ];
}

/** Texts trimmed and limited to the offered locales (what is sent and compared). */
export function cleanTask(task: PracticalTask, locales: readonly Locale[]): PracticalTask {
  return {
    ...task,
    instructions: cleanText(task.instructions, locales),
    criteria: task.criteria.map((c) => ({
      ...c,
      title: cleanText(c.title, locales),
      levels: c.levels.map((l) => ({
        ...l,
        title: cleanText(l.title, locales),
        descriptor: cleanText(l.descriptor, locales),
      })),
    })),
  };
}
