import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type CourseDraft,
  type LessonContent,
  type Locale,
  type LocalizedText,
  MEDIA_TYPES,
  type MediaContent,
  type MediaType,
  type PracticalTask,
  type ProblemDetails,
  type Quiz,
  type UpdateLessonRequest,
} from '@tc/shared/contracts';
import {
  IsolatedPipe,
  LanguageService,
  ProblemMessageComponent,
  ProblemTextPipe,
  TextDirDirective,
  ProblemTexts,
  problemOf,
} from '@tc/shared/ui';
import { CourseDraftStore } from '../data-access/course-draft.store';
import { CoursesService, mediaUrl } from '../data-access/courses.service';
import { cleanText, missingLocales, withText } from '../data-access/localized-text';
import { LocalizedTextPipe } from '../data-access/localized-text.pipe';
import { CompetenceSelectComponent } from '../ui/competence-select.component';
import { LocaleTabDirective, LocaleTabsComponent } from '../ui/locale-tabs.component';
import { MarkdownEditorComponent } from '../ui/markdown-editor.component';
import { QuizBuilderComponent } from './quiz-builder.component';
import { lacksKey, newQuiz } from './quiz-rules';
import { TaskBuilderComponent } from './task-builder.component';
import { cleanTask, newTask, taskTexts } from './task-rules';

type Editable = Pick<
  LessonContent,
  'title' | 'body' | 'estimatedMinutes' | 'competences' | 'media' | 'quiz'
> & {
  task: PracticalTask | null;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function blankMedia(): MediaContent {
  return { type: 'image', mediaHash: null, url: null, caption: {}, transcript: {} };
}

function editableOf(lesson: LessonContent): Editable {
  return {
    title: lesson.title,
    body: lesson.body,
    estimatedMinutes: lesson.estimatedMinutes,
    competences: [...lesson.competences].sort(),
    media: lesson.kind === 'media' ? (lesson.media ?? blankMedia()) : null,
    quiz: lesson.kind === 'quiz' ? (lesson.quiz ?? newQuiz()) : null,
    task: lesson.kind === 'task' ? (lesson.task ?? newTask()) : null,
  };
}

/** Texts of a quiz trimmed and limited to the offered locales (what is sent and compared). */
function cleanQuiz(quiz: Quiz, locales: readonly Locale[]): Quiz {
  const opt = (t: LocalizedText | null | undefined) => {
    const c = cleanText(t, locales);
    return Object.keys(c).length ? c : undefined;
  };
  return {
    ...quiz,
    questions: quiz.questions.map((q) => ({
      ...q,
      prompt: cleanText(q.prompt, locales),
      explanation: opt(q.explanation),
      acceptedAnswers:
        q.type === 'short_answer' ? q.acceptedAnswers.map((a) => a.trim()).filter(Boolean) : [],
      options: q.options.map((o) => ({ ...o, text: cleanText(o.text, locales), feedback: opt(o.feedback) })),
    })),
  };
}

/** One lesson: texts per locale, markdown with live preview, media, quiz or task; saved explicitly. */
@Component({
  selector: 'tc-lesson-editor-page',
  imports: [
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
    IsolatedPipe,
    CompetenceSelectComponent,
    LocaleTabsComponent,
    LocaleTabDirective,
    MarkdownEditorComponent,
    QuizBuilderComponent,
    TaskBuilderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lesson-editor.page.html',
  styleUrl: './lesson-editor.page.scss',
})
export class LessonEditorPage {
  protected readonly store = inject(CourseDraftStore);
  private readonly problemTexts = inject(ProblemTexts);
  private readonly courses = inject(CoursesService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly router = inject(Router);
  private readonly lang = inject(LanguageService).lang;
  /** Route parameters. */
  readonly id = input.required<string>();
  readonly lessonId = input.required<string>();

  protected readonly mediaTypes = MEDIA_TYPES;
  protected readonly draft = computed(() => this.store.draft() as CourseDraft);
  protected readonly found = computed(() => {
    const id = this.lessonId();
    return this.store.lessons().find((x) => x.lesson.id === id) ?? null;
  });
  protected readonly lesson = computed(() => this.found()?.lesson ?? null);
  private readonly saved = computed(
    () => {
      const l = this.lesson();
      return l ? this.normalised(editableOf(l)) : null;
    },
    { equal: same },
  );
  /** What is being edited; back to the saved lesson whenever that changes. */
  protected readonly local = linkedSignal(() => this.saved());
  protected readonly dirty = computed(() => {
    const local = this.local();
    return !!local && !same(this.normalised(local), this.saved());
  });
  protected readonly missing = computed(() => {
    const d = this.draft();
    const l = this.local();
    const lesson = this.lesson();
    if (!l || !lesson) return [];
    const texts: (LocalizedText | undefined)[] = [l.title];
    if (lesson.kind === 'text') texts.push(l.body);
    if (l.media?.type === 'video') texts.push(l.media.transcript);
    if (l.task) texts.push(...taskTexts(l.task));
    return missingLocales(texts, d.locales, d.defaultLocale);
  });
  protected readonly publishProblems = computed(
    () => this.store.publishProblems().byLesson[this.lessonId()] ?? [],
  );
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly uploadProblem = signal<ProblemDetails | null>(null);
  protected readonly justSaved = signal(false);
  /** Numbers of the choice questions with no option marked correct: the lesson is not saved with them. */
  protected readonly keyless = computed(() =>
    (this.local()?.quiz?.questions ?? []).flatMap((q, i) => (lacksKey(q) ? [i + 1] : [])),
  );
  /** A save was refused for a missing key (said until every question has one). */
  protected readonly keyRefused = signal(false);
  protected readonly moveTo = signal<string | null>(null);
  protected readonly shownFields = computed(() => {
    const ls = this.draft().locales;
    return [
      'estimatedMinutes',
      'competences',
      'media.url',
      'media.mediaHash',
      ...ls.flatMap((l) => [`title.${l}`, `body.${l}`, `media.caption.${l}`, `media.transcript.${l}`]),
      ...(this.problem()?.errors ?? [])
        .map((e) => e.field)
        .filter((f) => f.startsWith('quiz.') || f.startsWith('task.')),
    ];
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.ensure(id));
    });
  }

  protected serverError(field: string): string | null {
    return this.problemTexts.field(this.problem(), field);
  }

  protected mediaSrc(hash: string): string {
    return mediaUrl(hash);
  }

  protected patch(change: Partial<Editable>): void {
    this.justSaved.set(false);
    this.local.update((l) => l && { ...l, ...change });
  }

  protected setText(field: 'title' | 'body', locale: Locale, value: string): void {
    const l = this.local();
    if (l) this.patch({ [field]: withText(l[field], locale, value) });
  }

  protected setMinutes(value: string): void {
    const n = value === '' ? null : Math.max(0, Math.round(Number(value)));
    this.patch({ estimatedMinutes: n !== null && Number.isFinite(n) ? n : null });
  }

  protected setMedia(change: Partial<MediaContent>): void {
    const media = this.local()?.media ?? blankMedia();
    this.patch({ media: { ...media, ...change } });
  }

  protected setMediaType(type: MediaType): void {
    this.setMedia(type === 'video' ? { type, mediaHash: null } : { type, url: null });
  }

  protected setMediaText(field: 'caption' | 'transcript', locale: Locale, value: string): void {
    const media = this.local()?.media ?? blankMedia();
    this.setMedia({ [field]: withText(media[field], locale, value) });
  }

  protected upload(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.uploadProblem.set(null);
    this.courses.upload(file).subscribe({
      next: (m) => this.setMedia({ type: m.type, mediaHash: m.hash, url: null }),
      error: (e: unknown) => this.uploadProblem.set(problemOf(e)),
    });
  }

  protected revert(): void {
    this.local.set(this.saved());
    this.problem.set(null);
  }

  /** Question numbers in the interface language's list style ("1, 2 et 4"). */
  protected numbers(list: readonly number[]): string {
    const lang = this.lang();
    const format = new Intl.NumberFormat(lang === 'ar' ? 'ar-MA' : lang);
    return new Intl.ListFormat(lang, { type: 'conjunction' }).format(list.map((n) => format.format(n)));
  }

  /** Saves the lesson; `andBack`: then returns to the course's outline. */
  protected save(andBack = false): void {
    const l = this.local();
    const lesson = this.lesson();
    if (!l || !lesson) return;
    if (this.keyless().length) {
      // A choice question without its key is not saved: the options to mark get the focus.
      this.keyRefused.set(true);
      queueMicrotask(() =>
        this.host.nativeElement.querySelector<HTMLElement>('[data-key-missing] input')?.focus(),
      );
      return;
    }
    this.keyRefused.set(false);
    const n = this.normalised(l);
    const request: UpdateLessonRequest = {
      title: n.title,
      body: n.body,
      estimatedMinutes: n.estimatedMinutes,
      competences: n.competences,
      ...(lesson.kind === 'media' ? { media: n.media } : {}),
      ...(lesson.kind === 'quiz' ? { quiz: n.quiz } : {}),
      ...(lesson.kind === 'task' ? { task: n.task } : {}),
    };
    this.problem.set(null);
    this.store
      .run((c, id) => c.updateLesson(id, lesson.id, request))
      .subscribe({
        next: (draft) => {
          this.justSaved.set(true);
          if (andBack) void this.router.navigate(['/courses', draft.id]);
        },
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  protected move(): void {
    const moduleId = this.moveTo();
    const lesson = this.lesson();
    if (!moduleId || !lesson || this.dirty()) return;
    this.problem.set(null);
    this.store
      .run((c, id) => c.updateLesson(id, lesson.id, { moduleId }))
      .subscribe({
        next: () => this.moveTo.set(null),
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  protected setQuiz(quiz: Quiz): void {
    this.patch({ quiz });
  }

  protected setTask(task: PracticalTask): void {
    this.patch({ task });
  }

  private normalised(l: Editable): Editable {
    const locales = this.draft().locales;
    return {
      ...l,
      competences: [...l.competences].sort(),
      title: cleanText(l.title, locales),
      body: cleanText(l.body, locales),
      media: l.media && {
        ...l.media,
        url: l.media.url?.trim() || null,
        caption: cleanText(l.media.caption, locales),
        transcript: cleanText(l.media.transcript, locales),
      },
      quiz: l.quiz && cleanQuiz(l.quiz, locales),
      task: l.task && cleanTask(l.task, locales),
    };
  }
}
