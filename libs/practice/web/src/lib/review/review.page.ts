import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails, ReviewDecision, Submission, TaskState } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf, textIn } from '@tc/shared/ui';
import { firstValueFrom } from 'rxjs';
import { EVIDENCE_UPLOADER } from '../data-access/evidence-uploader';
import { PracticeService } from '../data-access/practice.service';
import { formatWhen } from '../hand-in/format';
import { rubricScore } from '../data-access/rubric-score';
import { EvidenceViewComponent } from '../ui/evidence-view.component';
import { RubricComponent, type RubricView } from '../ui/rubric.component';
import { VoiceCommentComponent } from '../ui/voice-comment.component';
import { type Recording, VoiceRecorderComponent } from '../ui/voice-recorder.component';

/** The longest comment the server takes. */
export const COMMENT_MAX = 4000;

/**
 * One hand-in to review: the evidence inline (photos, recordings, PDFs), the rubric to score by
 * tapping a level per criterion with the points and the pass mark in view, a written comment and/or
 * a voice comment (recorded here, uploaded resumably when the decision goes), then pass (only when
 * every criterion is scored and the points reach the mark) or return for revision. After a decision
 * the next waiting hand-in of the cohort opens (or the queue, when none is left).
 */
@Component({
  selector: 'tc-review-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
    RubricComponent,
    EvidenceViewComponent,
    VoiceRecorderComponent,
    VoiceCommentComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './review.page.html',
  styleUrl: './review.page.scss',
})
export class ReviewPage {
  private readonly api = inject(PracticeService);
  private readonly router = inject(Router);
  private readonly uploader = inject(EVIDENCE_UPLOADER);
  protected readonly lang = inject(LanguageService).lang;
  readonly cohortId = input.required<string>();
  readonly submissionId = input.required<string>();
  readonly enrolment = input.required<string>();
  readonly lesson = input.required<string>();
  /** The queue's module filter: "next" stays within it. */
  readonly module = input<string | undefined>(undefined);

  protected readonly state = signal<TaskState | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly chosen = signal<Record<string, string>>({});
  protected readonly comment = signal('');
  protected readonly deciding = signal<ReviewDecision | null>(null);
  protected readonly done = signal(false);
  protected readonly commentMax = COMMENT_MAX;
  /** The voice comment recorded here, not yet given (with its preview URL). */
  protected readonly voice = signal<{ recording: Recording; url: string } | null>(null);
  /** Percent of the voice comment sent, while it goes. */
  protected readonly voiceProgress = signal<number | null>(null);
  protected readonly voiceFailed = signal(false);
  /** Where the recording's upload resumes, and its id once stored (a retried decision sends it once). */
  private voiceUpload: { uploadUrl: string | null; id: string | null } = { uploadUrl: null, id: null };

  protected readonly submission = computed<Submission | null>(
    () => this.state()?.submissions.find((s) => s.id === this.submissionId()) ?? null,
  );
  protected readonly earlier = computed(() => {
    const s = this.submission();
    return (this.state()?.submissions ?? []).filter((x) => s && x.round < s.round);
  });
  protected readonly criteria = computed<RubricView[]>(() => {
    const lang = this.lang();
    return (this.state()?.task.criteria ?? []).map((c) => ({
      key: c.key,
      title: textIn(c.title, lang),
      competence: c.competence,
      levels: c.levels.map((l) => ({
        key: l.key,
        title: textIn(l.title, lang),
        descriptor: textIn(l.descriptor, lang),
        points: l.points,
      })),
    }));
  });
  protected readonly instructions = computed(() => textIn(this.state()?.task.instructions, this.lang()));
  /** The lesson's title from the task state, so that a reload or a shared link shows it too. */
  protected readonly lessonTitle = computed(() => textIn(this.state()?.lessonTitle, this.lang()));
  protected readonly score = computed(() =>
    rubricScore(this.criteria(), this.state()?.task.passPoints ?? 0, this.chosen()),
  );
  /** Still open to a decision (not yet reviewed, not withdrawn). */
  protected readonly open = computed(() => this.submission()?.status === 'waiting' && !this.done());

  constructor() {
    effect(() => {
      const key = [this.enrolment(), this.lesson(), this.submissionId()] as const;
      untracked(() => void this.load(...key));
    });
    inject(DestroyRef).onDestroy(() => this.removeVoice());
  }

  protected onVoice(recording: Recording): void {
    this.removeVoice();
    this.voice.set({ recording, url: URL.createObjectURL(recording.blob) });
  }

  /** Drops the recording (to record again, or none at all): nothing of it was given yet. */
  protected removeVoice(): void {
    const current = this.voice();
    if (current) URL.revokeObjectURL(current.url);
    this.voice.set(null);
    this.voiceFailed.set(false);
    this.voiceUpload = { uploadUrl: null, id: null };
  }

  /** Sends the recording (resuming an earlier attempt); answers its id, or null when there is none. */
  private async sendVoice(submissionId: string): Promise<string | null> {
    const current = this.voice();
    if (!current) return null;
    if (this.voiceUpload.id) return this.voiceUpload.id;
    const upload = this.voiceUpload;
    this.voiceFailed.set(false);
    this.voiceProgress.set(0);
    try {
      upload.id = await this.uploader(
        {
          blob: current.recording.blob,
          uploadUrl: upload.uploadUrl,
          metadata: { submissionId, kind: 'audio', filetype: current.recording.type },
        },
        {
          progress: (sent, total) => this.voiceProgress.set(total ? Math.round((sent / total) * 100) : 0),
          created: (url) => (upload.uploadUrl = url),
        },
      );
      return upload.id;
    } catch (error: unknown) {
      this.voiceFailed.set(true);
      throw error;
    } finally {
      this.voiceProgress.set(null);
    }
  }

  protected when(iso: string): string {
    return formatWhen(iso, this.lang());
  }

  protected choose(criterion: string, level: string): void {
    this.chosen.update((c) => ({ ...c, [criterion]: level }));
  }

  protected levelsOf(s: Submission): Record<string, string> {
    return Object.fromEntries((s.review?.scores ?? []).map((x) => [x.criterionKey, x.levelKey]));
  }

  private async load(enrolmentId: string, lessonKey: string, submissionId: string): Promise<void> {
    this.problem.set(null);
    this.done.set(false);
    this.comment.set('');
    this.removeVoice();
    try {
      const state = await firstValueFrom(this.api.task(enrolmentId, lessonKey));
      this.state.set(state);
      const s = state.submissions.find((x) => x.id === submissionId);
      // A revision starts from the levels of the round before: the trainer changes what improved.
      const previous = s?.review ?? state.submissions.find((x) => s && x.round < s.round && x.review)?.review;
      this.chosen.set(Object.fromEntries((previous?.scores ?? []).map((x) => [x.criterionKey, x.levelKey])));
      if (s?.review) this.comment.set(s.review.comment);
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    }
  }

  protected async decide(decision: ReviewDecision): Promise<void> {
    const submission = this.submission();
    if (!submission || (decision === 'pass' && !this.score().canPass)) return;
    if (decision === 'revise' && this.score().missing.length) return;
    this.deciding.set(decision);
    this.problem.set(null);
    try {
      const voiceCommentId = await this.sendVoice(submission.id);
      await firstValueFrom(
        this.api.review(submission.id, {
          decision,
          scores: Object.entries(this.chosen()).map(([criterionKey, levelKey]) => ({
            criterionKey,
            levelKey,
          })),
          comment: this.comment().trim(),
          ...(voiceCommentId ? { voiceCommentId } : {}),
        }),
      );
      this.done.set(true);
      this.removeVoice();
      await this.next();
    } catch (error: unknown) {
      // A voice comment that could not go says so by itself (the upload is not an API problem).
      if (!this.voiceFailed()) this.problem.set(problemOf(error));
    } finally {
      this.deciding.set(null);
    }
  }

  /** The oldest hand-in still waiting in this cohort (and module filter), else the queue. */
  private async next(): Promise<void> {
    const queue = ['/cohorts', this.cohortId(), 'reviews'];
    const module = this.module() || null;
    try {
      const page = await firstValueFrom(
        this.api.queue(this.cohortId(), { status: 'waiting', moduleKey: module ?? undefined, limit: 1 }),
      );
      const item = page.items.find((i) => i.submissionId !== this.submissionId());
      if (item) {
        await this.router.navigate([...queue, item.submissionId], {
          queryParams: { enrolment: item.enrolmentId, lesson: item.lessonKey, module },
        });
        return;
      }
    } catch {
      // The queue says what is left.
    }
    await this.router.navigate(queue, { queryParams: { module, decided: 1 } });
  }
}
