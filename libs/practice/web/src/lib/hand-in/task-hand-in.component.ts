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
import { NgTemplateOutlet } from '@angular/common';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@tc/identity/web';
import type { CoachTask, EvidenceKind, ProblemDetails, Submission, TaskState } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, intlLocale, problemOf } from '@tc/shared/ui';
import { firstValueFrom } from 'rxjs';
import {
  type EvidenceCounts,
  PDF_MAX_BYTES,
  TEXT_MAX,
  roomFor,
  ruleGaps,
} from '../data-access/evidence-rules';
import { preloadUploader } from '../data-access/evidence-uploader';
import { HandInOutboxService } from '../data-access/hand-in-outbox.service';
import { compressPhoto, preloadPhotoCompression } from '../data-access/photo-compression';
import { PracticeService } from '../data-access/practice.service';
import { type DraftFile, TASK_DRAFTS, type TaskDraft, draftKey } from '../data-access/task-drafts';
import { EvidenceViewComponent } from '../ui/evidence-view.component';
import { RubricComponent } from '../ui/rubric.component';
import { VoiceCommentComponent } from '../ui/voice-comment.component';
import { formatBytes, formatDuration, formatWhen } from './format';
import { handInPhase } from './hand-in-phase';
import { type Recording, VoiceRecorderComponent } from '../ui/voice-recorder.component';

/**
 * A practical task as the coach does it: the instructions, the rubric the trainer will use, the
 * evidence it takes; then a draft kept on this device (text, photos compressed on the phone, voice
 * recordings, PDFs) handed in through the outbox, so that a reload or a lost connection loses
 * nothing. Then the rounds: waiting for review, returned with the trainer's levels and comment
 * (revise and hand in again), passed.
 */
@Component({
  selector: 'tc-task-hand-in',
  imports: [
    NgTemplateOutlet,
    TranslocoPipe,
    ProblemMessageComponent,
    RubricComponent,
    EvidenceViewComponent,
    VoiceRecorderComponent,
    VoiceCommentComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-hand-in.component.html',
  styleUrl: './task-hand-in.component.scss',
})
export class TaskHandInComponent {
  private readonly api = inject(PracticeService);
  private readonly store = inject(TASK_DRAFTS);
  private readonly auth = inject(AuthService);
  private readonly transloco = inject(TranslocoService);
  protected readonly outbox = inject(HandInOutboxService);
  protected readonly lang = inject(LanguageService).lang;

  readonly enrolmentId = input.required<string>();
  readonly lessonKey = input.required<string>();
  readonly task = input.required<CoachTask>();
  /** No hand-in (the coach was withdrawn from the cohort). */
  readonly disabled = input(false);

  protected readonly state = signal<TaskState | null>(null);
  /** The state shown is the one kept on the device (no connection). */
  protected readonly stale = signal(false);
  protected readonly draft = signal<TaskDraft | null>(null);
  protected readonly loaded = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  /** Photos being compressed on the device. */
  protected readonly compressing = signal(0);
  protected readonly fileError = signal<string | null>(null);
  protected readonly showGaps = signal(false);
  private readonly previews = new Map<string, string>();
  /** Rounds whose evidence the coach opened (fetched only then: a weak link pays for what is read). */
  protected readonly openRounds = signal<ReadonlySet<string>>(new Set());

  private readonly user = computed(() => this.auth.me()?.id ?? null);
  private readonly key = computed(() => {
    const userId = this.user();
    return userId ? draftKey({ userId, enrolmentId: this.enrolmentId(), lessonKey: this.lessonKey() }) : null;
  });

  protected readonly submissions = computed<Submission[]>(() => this.state()?.submissions ?? []);
  protected readonly latest = computed<Submission | null>(() => this.submissions()[0] ?? null);
  protected readonly sending = computed(() => {
    const key = this.key();
    return key ? (this.outbox.sending()[key] ?? null) : null;
  });
  protected readonly percent = computed(() => {
    const s = this.sending();
    return s ? (s.total ? Math.floor((100 * s.sent) / s.total) : 0) : 0;
  });
  protected readonly phase = computed(() =>
    handInPhase({
      latest: this.latest()?.status ?? null,
      queued: !!this.draft()?.handInId,
      sending: this.sending() !== null,
      online: this.outbox.online(),
      hasDraft: this.draft() !== null,
    }),
  );
  /** The coach may write and add evidence. */
  protected readonly editing = computed(() => {
    const p = this.phase();
    return !this.disabled() && (p === 'new' || p === 'draft' || p === 'returned');
  });
  protected readonly files = computed(() => this.draft()?.files ?? []);
  /** What the text field holds: the draft's, else for a revision the last round's text to start from. */
  protected readonly text = computed(() => {
    const latest = this.latest();
    return this.draft()?.text ?? (latest?.status === 'returned' ? (latest.text ?? '') : '');
  });
  protected readonly counts = computed<EvidenceCounts>(() => {
    const counts: EvidenceCounts = { text: this.text().trim() ? 1 : 0, photo: 0, audio: 0, pdf: 0 };
    for (const f of this.files()) counts[f.kind]++;
    return counts;
  });
  protected readonly gaps = computed(() => ruleGaps(this.task().evidence, this.counts()));
  protected readonly takes = (kind: EvidenceKind) =>
    this.task().evidence.find((r) => r.kind === kind) ?? null;
  protected readonly room = (kind: EvidenceKind) => roomFor(this.task().evidence, this.counts(), kind);
  protected readonly duration = formatDuration;
  protected readonly textMax = TEXT_MAX;

  constructor() {
    // What the coach will need out of coverage comes now, while the page is online.
    effect(() => {
      if (this.disabled()) return;
      const kinds = this.task().evidence.map((r) => r.kind);
      untracked(() => {
        if (kinds.includes('photo')) preloadPhotoCompression();
        if (kinds.some((k) => k !== 'text')) preloadUploader();
      });
    });
    effect(() => {
      const key = this.key();
      if (key) untracked(() => void this.load(key));
    });
    const sent = this.outbox.sent.subscribe((s) => {
      if (s.key !== this.key()) return;
      this.draft.set(null);
      this.releasePreviews();
      this.state.update((st) =>
        st
          ? {
              ...st,
              status: s.submission.status,
              submissions: [s.submission, ...st.submissions.filter((x) => x.id !== s.submission.id)],
            }
          : st,
      );
      void this.refresh();
    });
    const refused = this.outbox.refused.subscribe((r) => {
      if (r.key !== this.key()) return;
      this.problem.set(r.problem);
      void this.store.get(r.key).then((d) => this.draft.set(d));
    });
    inject(DestroyRef).onDestroy(() => {
      sent.unsubscribe();
      refused.unsubscribe();
      this.releasePreviews();
    });
  }

  protected when(iso: string): string {
    return formatWhen(iso, this.lang());
  }

  protected size(bytes: number): string {
    const s = formatBytes(bytes, intlLocale(this.lang()));
    return `${s.value} ${s.unit}`;
  }

  /** An object URL for a draft file's bytes (made once per file, freed when it goes). */
  protected preview(file: DraftFile): string {
    let url = this.previews.get(file.localId);
    if (!url) {
      url = URL.createObjectURL(file.blob);
      this.previews.set(file.localId, url);
    }
    return url;
  }

  private async load(key: string): Promise<void> {
    this.draft.set(await this.store.get(key).catch(() => null));
    const kept = await this.store.lastState(key).catch(() => null);
    if (kept) {
      this.state.set(kept);
      this.stale.set(true);
    }
    await this.refresh();
    this.loaded.set(true);
    void this.outbox.count();
  }

  /** The task's rounds from the server (kept on the device for an offline visit). */
  protected async refresh(): Promise<void> {
    const key = this.key();
    try {
      const state = await firstValueFrom(this.api.task(this.enrolmentId(), this.lessonKey()));
      this.state.set(state);
      this.stale.set(false);
      if (key) await this.store.keepState(key, state).catch(() => undefined);
    } catch (error: unknown) {
      // Offline: what the device kept stays on screen.
      if (!this.state()) this.stale.set(true);
      if ((problemOf(error).status ?? 0) >= 400 && (problemOf(error).status ?? 0) < 500)
        this.problem.set(problemOf(error));
    }
    this.loaded.set(true);
  }

  /** The draft as it is now, made when the coach first writes or adds something. */
  private current(): TaskDraft | null {
    const userId = this.user();
    if (!userId) return null;
    return (
      this.draft() ?? {
        userId,
        enrolmentId: this.enrolmentId(),
        lessonKey: this.lessonKey(),
        text: this.text(),
        files: [],
        updatedAt: new Date().toISOString(),
        handInId: null,
        handInRequestedAt: null,
      }
    );
  }

  private async save(change: (d: TaskDraft) => TaskDraft): Promise<void> {
    const base = this.current();
    if (!base) return;
    const next = { ...change(base), updatedAt: new Date().toISOString() };
    this.draft.set(next);
    await this.store.put(next);
  }

  private textTimer: ReturnType<typeof setTimeout> | null = null;

  protected onText(text: string): void {
    this.draft.update((d) => (d ? { ...d, text } : d));
    if (!this.draft()) void this.save((d) => ({ ...d, text }));
    if (this.textTimer) clearTimeout(this.textTimer);
    // Kept on the device as the coach types, a little after they pause.
    this.textTimer = setTimeout(() => void this.save((d) => ({ ...d, text })), 400);
  }

  private addFile(file: Omit<DraftFile, 'localId' | 'uploadUrl' | 'evidenceId'>): Promise<void> {
    const added: DraftFile = { ...file, localId: crypto.randomUUID(), uploadUrl: null, evidenceId: null };
    return this.save((d) => ({ ...d, files: [...d.files, added] }));
  }

  protected async onPhotos(input: HTMLInputElement): Promise<void> {
    const picked = Array.from(input.files ?? []).slice(0, this.room('photo'));
    input.value = '';
    this.fileError.set(null);
    for (const photo of picked) {
      if (!photo.type.startsWith('image/')) {
        this.fileError.set('practice.errors.notImage');
        continue;
      }
      this.compressing.update((n) => n + 1);
      try {
        const small = await compressPhoto(photo);
        await this.addFile({
          kind: 'photo',
          name: small.name,
          type: small.type,
          bytes: small.size,
          blob: small,
          durationMs: null,
        });
      } catch {
        this.fileError.set('practice.errors.photo');
      } finally {
        this.compressing.update((n) => n - 1);
      }
    }
  }

  protected async onPdf(input: HTMLInputElement): Promise<void> {
    const pdf = input.files?.[0];
    input.value = '';
    this.fileError.set(null);
    if (!pdf) return;
    if (pdf.type !== 'application/pdf' && !pdf.name.toLowerCase().endsWith('.pdf')) {
      this.fileError.set('practice.errors.notPdf');
      return;
    }
    if (pdf.size > PDF_MAX_BYTES) {
      this.fileError.set('practice.errors.pdfTooBig');
      return;
    }
    await this.addFile({
      kind: 'pdf',
      name: pdf.name,
      type: 'application/pdf',
      bytes: pdf.size,
      blob: pdf,
      durationMs: null,
    });
  }

  protected async onRecording(r: Recording): Promise<void> {
    const ext = r.type.includes('mp4') ? 'm4a' : 'webm';
    await this.addFile({
      kind: 'audio',
      name: `voice-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${ext}`,
      type: r.type,
      bytes: r.blob.size,
      blob: r.blob,
      durationMs: r.durationMs,
    });
  }

  protected async remove(file: DraftFile): Promise<void> {
    const url = this.previews.get(file.localId);
    if (url) URL.revokeObjectURL(url);
    this.previews.delete(file.localId);
    await this.save((d) => ({ ...d, files: d.files.filter((f) => f.localId !== file.localId) }));
  }

  protected async handIn(): Promise<void> {
    this.problem.set(null);
    if (this.textTimer) clearTimeout(this.textTimer);
    if (this.gaps().length) {
      this.showGaps.set(true);
      return;
    }
    const draft = this.current();
    if (!draft) return;
    this.busy.set(true);
    try {
      this.draft.set(await this.outbox.handIn(draft));
    } finally {
      this.busy.set(false);
    }
  }

  /** Takes a hand-in still waiting on the device back to the draft. */
  protected async keepEditing(): Promise<void> {
    const draft = this.draft();
    if (draft) this.draft.set(await this.outbox.cancel(draft));
  }

  protected async deleteDraft(): Promise<void> {
    const key = this.key();
    if (!key || !confirm(this.transloco.translate('practice.draft.confirmDelete'))) return;
    await this.store.delete(key);
    this.draft.set(null);
    this.releasePreviews();
    await this.outbox.count();
  }

  protected async withdraw(submission: Submission): Promise<void> {
    if (!confirm(this.transloco.translate('practice.withdraw.confirm'))) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await firstValueFrom(this.api.withdraw(this.enrolmentId(), this.lessonKey(), submission.id));
      await this.refresh();
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected levelsOf(submission: Submission): Record<string, string> {
    return Object.fromEntries((submission.review?.scores ?? []).map((s) => [s.criterionKey, s.levelKey]));
  }

  protected toggleRound(id: string, open: boolean): void {
    this.openRounds.update((all) => {
      const next = new Set(all);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  protected retryNow(): void {
    void this.outbox.flush();
  }

  private releasePreviews(): void {
    for (const url of this.previews.values()) URL.revokeObjectURL(url);
    this.previews.clear();
  }
}
