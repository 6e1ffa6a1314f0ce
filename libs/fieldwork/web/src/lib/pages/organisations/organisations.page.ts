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
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Organisation, OrganisationList, ProblemDetails } from '@tc/shared/contracts';
import {
  LanguageService,
  ProblemMessageComponent,
  formatCalendarDay,
  formatMoment,
  problemOf,
} from '@tc/shared/ui';
import { debounceTime } from 'rxjs';
import { FieldworkApiService } from '../../data-access/fieldwork-api.service';
import { FieldOutboxService } from '../../offline/field-outbox.service';
import { FieldPrefetchService } from '../../offline/field-prefetch.service';
import { copyKey } from '../../offline/field-store';
import { waitingOrganisations, withWaitingList } from '../../offline/field-writes';
import { injectKeptCopies } from '../../offline/kept-copies';
import { ScoreMeterComponent } from '../../ui/score-meter.component';
import { SyncStatusComponent } from '../../ui/sync-status.component';

/**
 * The organisations of a field log, as cards. Without `coachId`, the signed-in coach's own log: read
 * from the device's copy when the link is down, with what they wrote and is not sent yet shown at
 * once ("waiting to sync"). With `coachId`, a supervisor reads one coach's log.
 */
@Component({
  selector: 'tc-field-organisations-page',
  imports: [
    MatButtonModule,
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
    ScoreMeterComponent,
    SyncStatusComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisations.page.html',
  styleUrl: '../field.scss',
})
export class OrganisationsPage {
  private readonly api = inject(FieldworkApiService);
  private readonly outbox = inject(FieldOutboxService);
  private readonly prefetch = inject(FieldPrefetchService);
  private readonly kept = injectKeptCopies();
  private readonly lang = inject(LanguageService).lang;

  /** A supervisor's view of one coach's log (route parameter). */
  readonly coachId = input<string | undefined>(undefined);

  private readonly loaded = signal<Organisation[] | null>(null);
  protected readonly savedAt = signal<string | null>(null);
  /** When the list shown was read (the writes sent after it are laid over it). */
  private readonly readAt = signal(0);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly loading = signal(true);
  protected readonly supervising = computed(() => !!this.coachId());
  protected readonly coachName = signal<string | null>(null);

  protected readonly items = computed(() => {
    const base = this.loaded() ?? [];
    return this.supervising() ? base : withWaitingList(base, this.outbox.writesSince(this.readAt()));
  });
  private readonly waitingIds = computed(() => waitingOrganisations(this.outbox.waiting()));
  private readonly refusedIds = computed(() => waitingOrganisations(this.outbox.refusedWrites()));

  constructor() {
    effect(() => {
      const coachId = this.coachId();
      // The territories' names come in the reader's language: read again when it changes.
      this.lang();
      untracked(() => void this.load(coachId));
    });
    // What the server took is read again (its counts, its names), a moment after a run of sends.
    this.outbox.sent
      .pipe(debounceTime(300), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => void this.load(this.coachId()));
  }

  protected state(o: Organisation): 'refused' | 'waiting' | null {
    if (this.supervising()) return null;
    return this.refusedIds().has(o.id) ? 'refused' : this.waitingIds().has(o.id) ? 'waiting' : null;
  }

  protected day(d: string | null): string {
    return formatCalendarDay(d, this.lang());
  }

  protected when(at: string): string {
    return formatMoment(at, this.lang());
  }

  private async load(coachId: string | undefined): Promise<void> {
    this.loading.set(true);
    try {
      const key = copyKey('organisations', coachId ?? 'mine');
      const got = await this.kept<OrganisationList>(key, this.api.organisations(coachId));
      this.loaded.set(got.value.items);
      this.readAt.set(Date.now());
      // Read online: keep ahead what the coach's forms and logs need offline.
      if (!coachId && got.savedAt === null) void this.prefetch.warm(got.value.items);
      this.savedAt.set(got.savedAt);
      this.problem.set(null);
      if (coachId) {
        const own = got.value.items.find((o) => o.coach.id === coachId);
        this.coachName.set(own?.coach.name ?? null);
      }
    } catch (error: unknown) {
      // Nothing kept yet and no link: the coach still sees what they wrote on this device.
      if (this.loaded() === null) this.loaded.set([]);
      this.problem.set(problemOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
