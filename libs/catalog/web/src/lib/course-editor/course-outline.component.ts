import {
  CdkDrag,
  type CdkDragDrop,
  CdkDragHandle,
  CdkDropList,
  moveItemInArray,
} from '@angular/cdk/drag-drop';
import { ItemControlsComponent } from './item-controls.component';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type CourseDraft,
  LESSON_KINDS,
  type LessonKind,
  type Locale,
  type LocalizedText,
  type ProblemDetails,
} from '@tc/shared/contracts';
import { ProblemMessageComponent, ProblemTextPipe, TextDirDirective, problemOf } from '@tc/shared/ui';
import type { Observable } from 'rxjs';
import { CourseDraftStore } from '../data-access/course-draft.store';
import { cleanText, withText } from '../data-access/localized-text';
import { LocalizedTextPipe } from '../data-access/localized-text.pipe';
import { moved } from '../lesson-editor/quiz-rules';

type DraftModule = CourseDraft['modules'][number];

/**
 * The course outline: modules and their lessons, reordered by drag and drop or with the move
 * buttons (keyboard); add, rename, delete modules; add lessons (each opens to be written) and delete
 * them; publish problems inline.
 */
@Component({
  selector: 'tc-course-outline',
  imports: [
    ItemControlsComponent,
    CdkDropList,
    CdkDrag,
    CdkDragHandle,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    LocalizedTextPipe,
    ProblemMessageComponent,
    ProblemTextPipe,
    TextDirDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-outline.component.html',
  styleUrl: './course-outline.component.scss',
})
export class CourseOutlineComponent {
  protected readonly store = inject(CourseDraftStore);
  private readonly router = inject(Router);
  protected readonly draft = computed(() => this.store.draft() as CourseDraft);
  protected readonly kinds = LESSON_KINDS;
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly problems = this.store.publishProblems;

  protected readonly newModuleTitle = signal('');
  /** Module being renamed, with its titles being typed. */
  protected readonly renaming = signal<{ id: string; title: LocalizedText } | null>(null);
  /** Module or lesson id whose deletion waits for confirmation. */
  protected readonly confirmDelete = signal<string | null>(null);
  /** Per module: the kind and title of the lesson to add. */
  protected readonly newLesson = signal<Record<string, { kind: LessonKind; title: string }>>({});

  protected lessonDraft(moduleId: string): { kind: LessonKind; title: string } {
    return this.newLesson()[moduleId] ?? { kind: 'text', title: '' };
  }

  protected setLessonDraft(moduleId: string, patch: Partial<{ kind: LessonKind; title: string }>): void {
    this.newLesson.update((all) => ({ ...all, [moduleId]: { ...this.lessonDraft(moduleId), ...patch } }));
  }

  protected addModule(): void {
    const title = this.newModuleTitle().trim();
    if (!title) return;
    const locale = this.draft().defaultLocale;
    this.apply(
      this.store.run((c, id) => c.addModule(id, { title: { [locale]: title } })),
      () => this.newModuleTitle.set(''),
    );
  }

  protected startRename(module: DraftModule): void {
    this.confirmDelete.set(null);
    this.renaming.set({ id: module.id, title: { ...module.title } });
  }

  protected typeRename(locale: Locale, value: string): void {
    this.renaming.update((r) => r && { ...r, title: withText(r.title, locale, value) });
  }

  protected saveRename(): void {
    const r = this.renaming();
    if (!r) return;
    const title = cleanText(r.title, this.draft().locales);
    this.apply(
      this.store.run((c, id) => c.updateModule(id, r.id, { title })),
      () => this.renaming.set(null),
    );
  }

  protected deleteModule(moduleId: string): void {
    this.apply(
      this.store.run((c, id) => c.deleteModule(id, moduleId)),
      () => this.confirmDelete.set(null),
    );
  }

  /** Adds a lesson at the end of the module and opens it: a lesson is written right after it is named. */
  protected addLesson(moduleId: string): void {
    const { kind, title } = this.lessonDraft(moduleId);
    if (!title.trim()) return;
    const locale = this.draft().defaultLocale;
    this.apply(
      this.store.run((c, id) => c.addLesson(id, moduleId, { kind, title: { [locale]: title.trim() } })),
      (draft) => {
        this.setLessonDraft(moduleId, { title: '' });
        const added = draft.modules.find((m) => m.id === moduleId)?.lessons.at(-1);
        if (added) void this.router.navigate(['/courses', draft.id, 'lessons', added.id]);
      },
    );
  }

  protected deleteLesson(lessonId: string): void {
    this.apply(
      this.store.run((c, id) => c.deleteLesson(id, lessonId)),
      () => this.confirmDelete.set(null),
    );
  }

  protected dropModule(event: CdkDragDrop<DraftModule[]>): void {
    if (event.previousIndex === event.currentIndex) return;
    const modules = [...this.draft().modules];
    moveItemInArray(modules, event.previousIndex, event.currentIndex);
    this.reorderModules(modules);
  }

  protected moveModule(index: number, delta: number): void {
    this.reorderModules(moved(this.draft().modules, index, delta));
  }

  protected dropLesson(module: DraftModule, event: CdkDragDrop<DraftModule['lessons']>): void {
    if (event.previousIndex === event.currentIndex) return;
    const lessons = [...module.lessons];
    moveItemInArray(lessons, event.previousIndex, event.currentIndex);
    this.reorderLessons(module, lessons);
  }

  protected moveLesson(module: DraftModule, index: number, delta: number): void {
    this.reorderLessons(module, moved(module.lessons, index, delta));
  }

  /** Shown at once, then confirmed (or undone) by the server's answer. */
  private reorderModules(modules: DraftModule[]): void {
    const before = this.draft();
    this.store.set({ ...before, modules });
    this.apply(
      this.store.run((c, id) =>
        c.reorderModules(
          id,
          modules.map((m) => m.id),
        ),
      ),
      undefined,
      () => this.store.set(before),
    );
  }

  private reorderLessons(module: DraftModule, lessons: DraftModule['lessons']): void {
    const before = this.draft();
    this.store.set({
      ...before,
      modules: before.modules.map((m) => (m.id === module.id ? { ...m, lessons } : m)),
    });
    this.apply(
      this.store.run((c, id) =>
        c.reorderLessons(
          id,
          module.id,
          lessons.map((l) => l.id),
        ),
      ),
      undefined,
      () => this.store.set(before),
    );
  }

  private apply(
    change: Observable<CourseDraft>,
    done?: (draft: CourseDraft) => void,
    undo?: () => void,
  ): void {
    this.problem.set(null);
    change.subscribe({
      next: (draft) => done?.(draft),
      error: (e: unknown) => {
        undo?.();
        this.problem.set(problemOf(e));
      },
    });
  }
}
