import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  EVIDENCE_KINDS,
  type EvidenceKind,
  type Locale,
  type PracticalTask,
  type ProblemDetails,
  type RubricCriterion,
} from '@tc/shared/contracts';
import { LanguageService, LocalizedNamePipe, ProblemTexts } from '@tc/shared/ui';
import { catchError, of } from 'rxjs';
import { CoursesService } from '../data-access/courses.service';
import { missingLocales, withText } from '../data-access/localized-text';
import { LocaleTabDirective, LocaleTabsComponent } from '../ui/locale-tabs.component';
import { MarkdownEditorComponent } from '../ui/markdown-editor.component';
import {
  EVIDENCE_MAX,
  MAX_CRITERIA,
  MAX_LEVELS,
  MIN_LEVELS,
  addCriterion,
  addLevel,
  clampPass,
  criterionIssues,
  editCriterion,
  evidenceRule,
  maxPoints,
  moveCriterion,
  removeCriterion,
  removeLevel,
  setEvidenceBound,
  taskIssues,
  taskTexts,
  toggleEvidence,
} from './task-rules';

let nextId = 0;

/**
 * Builds a practical task: instructions (markdown per locale, with preview), the evidence a coach hands
 * in (kinds with a minimum and a maximum), a rubric of criteria with levels worth points, the pass
 * threshold (out of the rubric's maximum) and whether the course needs the task passed. Texts per
 * locale in tabs, as the quiz builder has them; rules live in task-rules.ts.
 */
@Component({
  selector: 'tc-task-builder',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    LocalizedNamePipe,
    LocaleTabsComponent,
    LocaleTabDirective,
    MarkdownEditorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-builder.component.html',
  styleUrl: './task-builder.component.scss',
})
export class TaskBuilderComponent {
  readonly task = model.required<PracticalTask>();
  readonly locales = input.required<readonly Locale[]>();
  readonly defaultLocale = input.required<Locale>();
  /** A problem of the lesson's save or publish: errors under `task.` are shown where they belong. */
  readonly problem = input<ProblemDetails | null>(null);

  protected readonly kinds = EVIDENCE_KINDS;
  protected readonly evidenceMax = EVIDENCE_MAX;
  protected readonly maxCriteria = MAX_CRITERIA;
  protected readonly maxLevels = MAX_LEVELS;
  protected readonly minLevels = MIN_LEVELS;
  /** The page's language: messages inside a content language's tab keep the page's direction. */
  protected readonly ui = inject(LanguageService);
  private readonly problemTexts = inject(ProblemTexts);
  protected readonly ids = `tc-task-${nextId++}`;
  protected readonly areas = toSignal(
    inject(CoursesService)
      .competences()
      .pipe(catchError(() => of([]))),
    { initialValue: [] },
  );
  protected readonly max = computed(() => maxPoints(this.task()));
  protected readonly issues = computed(() => taskIssues(this.task(), this.defaultLocale()));
  protected readonly missing = computed(() =>
    missingLocales(taskTexts(this.task()), this.locales(), this.defaultLocale()),
  );

  protected error(field: string): string | null {
    return this.problemTexts.field(this.problem(), `task.${field}`);
  }

  /** Every server error inside criterion `i`, each named by its field inside the criterion. */
  protected criterionErrors(i: number): string[] {
    const prefix = `task.criteria[${i}]`;
    return (this.problem()?.errors ?? [])
      .filter((e) => e.field === prefix || e.field.startsWith(`${prefix}.`))
      .map((e) => this.problemTexts.located({ ...e, field: e.field.slice(prefix.length + 1) }));
  }

  protected criterionIssues(c: RubricCriterion): string[] {
    return criterionIssues(c, this.defaultLocale());
  }

  protected rule(kind: EvidenceKind) {
    return evidenceRule(this.task(), kind);
  }

  protected setInstructions(locale: Locale, value: string): void {
    this.task.update((t) => ({ ...t, instructions: withText(t.instructions, locale, value) }));
  }

  protected toggleEvidence(kind: EvidenceKind, on: boolean): void {
    this.task.update((t) => toggleEvidence(t, kind, on, EVIDENCE_KINDS));
  }

  protected setBound(kind: EvidenceKind, bound: 'min' | 'max', value: string): void {
    this.task.update((t) => setEvidenceBound(t, kind, bound, Number(value)));
  }

  protected setPass(value: string): void {
    this.task.update((t) => ({ ...t, passPoints: clampPass(t, Number(value)) }));
  }

  protected setRequired(required: boolean): void {
    this.task.update((t) => ({ ...t, required }));
  }

  protected addCriterion(): void {
    this.task.update(addCriterion);
  }

  protected removeCriterion(index: number): void {
    this.task.update((t) => this.keepPass(removeCriterion(t, index)));
  }

  protected moveCriterion(index: number, delta: number): void {
    this.task.update((t) => moveCriterion(t, index, delta));
  }

  protected setCriterionTitle(index: number, locale: Locale, value: string): void {
    this.edit(index, (c) => ({ ...c, title: withText(c.title, locale, value) }));
  }

  protected setCompetence(index: number, competence: string | null): void {
    this.edit(index, (c) => ({ ...c, competence }));
  }

  protected addLevel(index: number): void {
    this.edit(index, addLevel);
  }

  protected removeLevel(index: number, key: string): void {
    this.task.update((t) => this.keepPass(editCriterion(t, index, (c) => removeLevel(c, key))));
  }

  protected setLevelText(
    index: number,
    key: string,
    field: 'title' | 'descriptor',
    locale: Locale,
    value: string,
  ): void {
    this.edit(index, (c) => ({
      ...c,
      levels: c.levels.map((l) => (l.key === key ? { ...l, [field]: withText(l[field], locale, value) } : l)),
    }));
  }

  protected setLevelPoints(index: number, key: string, value: string): void {
    const points = Math.min(100, Math.max(0, Math.round(Number(value) || 0)));
    this.task.update((t) =>
      this.keepPass(
        editCriterion(t, index, (c) => ({
          ...c,
          levels: c.levels.map((l) => (l.key === key ? { ...l, points } : l)),
        })),
      ),
    );
  }

  private edit(index: number, change: (c: RubricCriterion) => RubricCriterion): void {
    this.task.update((t) => editCriterion(t, index, change));
  }

  /** A threshold above a lowered maximum comes down to it. */
  private keepPass(t: PracticalTask): PracticalTask {
    const max = maxPoints(t);
    return t.passPoints > max ? { ...t, passPoints: max } : t;
  }
}
