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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@tc/identity/web';
import {
  MATURITY_DIMENSIONS,
  MILESTONE_KINDS,
  type LikelyDuplicate,
  type Milestone,
  type MilestoneKind,
  type OrganisationLog,
  type ProblemDetails,
} from '@tc/shared/contracts';
import {
  LanguageService,
  ProblemMessageComponent,
  formatCalendarDay,
  formatMoment,
  problemOf,
} from '@tc/shared/ui';
import { debounceTime, filter, firstValueFrom } from 'rxjs';
import { FieldworkApiService } from '../../data-access/fieldwork-api.service';
import { FieldLogService } from '../../offline/field-log.service';
import { FieldOutboxService } from '../../offline/field-outbox.service';
import { FIELD_STORE, copyKey } from '../../offline/field-store';
import { waitingRecordIds, withWaitingLog } from '../../offline/field-writes';
import { MaturityChartComponent, type ScoreLine } from '../../ui/maturity-chart.component';
import { ScoreMeterComponent } from '../../ui/score-meter.component';
import { SyncStatusComponent } from '../../ui/sync-status.component';

/**
 * One organisation's log: its maturity across checks (a chart and the list), visits newest first,
 * the eight milestones (those reached with their date and evidence), comments, and for its coach the
 * likely duplicates and the sharing. The coach's writes show at once, marked while they wait; a
 * supervisor reads it and comments.
 */
@Component({
  selector: 'tc-field-organisation-log-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
    ScoreMeterComponent,
    SyncStatusComponent,
    MaturityChartComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisation-log.page.html',
  styleUrl: '../field.scss',
})
export class OrganisationLogPage {
  private readonly logs = inject(FieldLogService);
  private readonly outbox = inject(FieldOutboxService);
  private readonly store = inject(FIELD_STORE);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService);
  private readonly api = inject(FieldworkApiService);
  private readonly lang = this.language.lang;

  readonly id = input.required<string>();

  private readonly loaded = signal<OrganisationLog | null>(null);
  protected readonly savedAt = signal<string | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly loading = signal(true);
  private readonly keptDuplicates = signal<LikelyDuplicate[]>([]);
  private readonly asked = signal<ReadonlySet<string>>(new Set());

  /** When the log shown was read (the writes sent after it are laid over it). */
  private readonly readAt = signal(0);
  private readonly writes = computed(() => this.outbox.writesSince(this.readAt(), this.id()));
  protected readonly log = computed(() => withWaitingLog(this.loaded(), this.writes()));
  /** The name an entrepreneur's record takes once they withdrew their agreement (the API's). */
  protected readonly anonymised = '—';
  protected readonly withdrawing = signal(false);
  protected readonly consentWithdrawn = signal(false);
  protected readonly org = computed(() => this.log()?.organisation ?? null);
  protected readonly pendingIds = computed(() => waitingRecordIds(this.outbox.waitingFor(this.id())));
  protected readonly owner = computed(() => this.org()?.access === 'owner');
  protected readonly writer = computed(
    () => this.org()?.access === 'owner' || this.org()?.access === 'shared',
  );
  protected readonly rtl = computed(() => this.language.dir() === 'rtl');

  protected readonly duplicates = computed(() => {
    const fresh = this.outbox.duplicates()[this.id()];
    const asked = this.asked();
    return (fresh ?? this.keptDuplicates()).map((d) => ({ ...d, requested: d.requested || asked.has(d.id) }));
  });

  protected readonly checksOldestFirst = computed(() => [...(this.log()?.checks ?? [])].reverse());
  // ECharts draws its text left to right: the Arabic date's right-to-left marks would scramble it.
  protected readonly chartDays = computed(() =>
    this.checksOldestFirst().map((c) => this.day(c.takenOn).replace(/\u200f/g, '')),
  );
  protected readonly chartLines = computed<ScoreLine[]>(() => {
    this.lang();
    const checks = this.checksOldestFirst();
    return [
      {
        name: this.transloco.translate('fieldwork.score.overall'),
        values: checks.map((c) => c.scores.overall),
        main: true,
      },
      ...MATURITY_DIMENSIONS.map((d) => ({
        name: this.transloco.translate(`fieldwork.maturity.dimensions.${d}`),
        values: checks.map((c) => c.scores.dimensions[d]),
        main: false,
      })),
    ];
  });
  protected readonly chartLabel = computed(() => {
    this.lang();
    const checks = this.checksOldestFirst();
    return this.transloco.translate('fieldwork.log.chartLabel', {
      count: checks.length,
      first: checks[0]?.scores.overall ?? 0,
      latest: checks[checks.length - 1]?.scores.overall ?? 0,
    });
  });

  protected readonly milestoneRows = computed(() => {
    const reached = new Map<MilestoneKind, Milestone>();
    for (const m of this.log()?.milestones ?? []) reached.set(m.kind, m);
    return MILESTONE_KINDS.map((kind) => ({ kind, reached: reached.get(kind) ?? null }));
  });
  protected readonly allReached = computed(() => this.milestoneRows().every((r) => r.reached));

  protected readonly dimensions = MATURITY_DIMENSIONS;
  protected readonly comment = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(4000)],
  });
  protected readonly shareEmail = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.email],
  });
  protected readonly commentForm = new FormGroup({ body: this.comment });
  protected readonly shareForm = new FormGroup({ email: this.shareEmail });

  constructor() {
    effect(() => {
      const id = this.id();
      // The territory's name comes in the reader's language: read again when it changes.
      this.lang();
      untracked(() => void this.load(id));
    });
    this.outbox.sent
      .pipe(
        filter((w) => w.organisationId === this.id()),
        debounceTime(300),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => void this.load(this.id()));
  }

  protected day(d: string | null | undefined): string {
    return formatCalendarDay(d, this.lang());
  }

  protected when(at: string): string {
    return formatMoment(at, this.lang());
  }

  protected mine(by: { id: string }): boolean {
    return by.id === this.auth.me()?.id;
  }

  protected async addComment(): Promise<void> {
    const body = this.comment.value.trim();
    if (!body) return this.comment.markAsTouched();
    // A supervisor comments as the trainer (or else the admin) they are; an owner or a sharer as a coach.
    const roles = this.auth.roles();
    const authorRole =
      this.org()?.access !== 'supervisor' ? 'coach' : roles.includes('trainer') ? 'trainer' : 'admin';
    await this.outbox.write(this.id(), {
      kind: 'create-comment',
      body: { id: crypto.randomUUID(), body },
      authorRole,
    });
    this.comment.reset('');
  }

  protected async askToShare(d: LikelyDuplicate): Promise<void> {
    this.asked.update((s) => new Set([...s, d.id]));
    const user = this.auth.me()?.id;
    const list = this.duplicates().map((x) => (x.id === d.id ? { ...x, requested: true } : x));
    if (user) await this.store.keep(user, copyKey('duplicates', this.id()), list).catch(() => undefined);
    await this.outbox.write(d.id, { kind: 'ask-to-share' });
  }

  protected async grant(coachId: string): Promise<void> {
    await this.outbox.write(this.id(), { kind: 'share', body: { coachId } });
  }

  protected async shareByEmail(): Promise<void> {
    if (this.shareEmail.invalid) return this.shareEmail.markAsTouched();
    await this.outbox.write(this.id(), { kind: 'share', body: { email: this.shareEmail.value.trim() } });
    this.shareEmail.reset('');
  }

  protected async unshare(coachId: string): Promise<void> {
    await this.outbox.write(this.id(), { kind: 'unshare', coachId });
  }

  protected async deleteVisit(visitId: string): Promise<void> {
    if (!confirm(this.transloco.translate('fieldwork.log.confirmDeleteVisit'))) return;
    await this.outbox.write(this.id(), { kind: 'delete-visit', visitId });
  }

  protected async deleteMilestone(milestoneId: string): Promise<void> {
    if (!confirm(this.transloco.translate('fieldwork.log.confirmDeleteMilestone'))) return;
    await this.outbox.write(this.id(), { kind: 'delete-milestone', milestoneId });
  }

  protected async deleteOrganisation(): Promise<void> {
    if (!confirm(this.transloco.translate('fieldwork.log.confirmDelete'))) return;
    await this.outbox.write(this.id(), { kind: 'delete-organisation' });
    await this.router.navigateByUrl('/field');
  }

  /**
   * The coach notes that the young entrepreneur withdrew their agreement: online only, since the
   * record is anonymised at once (not queued like the log's other writes), then read again.
   */
  protected async withdrawConsent(): Promise<void> {
    if (!confirm(this.transloco.translate('fieldwork.organisationForm.withdrawConsentConfirm'))) return;
    this.withdrawing.set(true);
    try {
      await firstValueFrom(this.api.withdrawConsent(this.id()));
      this.consentWithdrawn.set(true);
      await this.load(this.id());
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.withdrawing.set(false);
    }
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    try {
      const got = await this.logs.log(id);
      this.loaded.set(got?.value ?? null);
      this.readAt.set(Date.now());
      this.savedAt.set(got?.savedAt ?? null);
      this.problem.set(null);
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.loading.set(false);
    }
    const user = this.auth.me()?.id;
    if (user) {
      const kept = await this.store
        .read<LikelyDuplicate[]>(user, copyKey('duplicates', id))
        .catch(() => null);
      this.keptDuplicates.set(kept?.value ?? []);
    }
  }
}
