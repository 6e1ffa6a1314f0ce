import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails, SupervisedCoach, SupervisedCoachList } from '@tc/shared/contracts';
import {
  LanguageService,
  ProblemMessageComponent,
  formatCalendarDay,
  formatMoment,
  problemOf,
} from '@tc/shared/ui';
import { FieldworkApiService } from '../../data-access/fieldwork-api.service';
import { copyKey } from '../../offline/field-store';
import { injectKeptCopies } from '../../offline/kept-copies';

/** A name as searched: lower case, without accents. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Field supervision: the coaches a trainer or admin supervises, each with the size of their log. */
@Component({
  selector: 'tc-field-coaches-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="tc-page tc-medium">
      <h1>{{ 'fieldwork.coaches.title' | transloco }}</h1>
      <p class="tc-muted">{{ 'fieldwork.coaches.intro' | transloco }}</p>
      @if (savedAt(); as at) {
        <p class="tc-copy" role="note">{{ 'fieldwork.sync.copyOf' | transloco: { when: when(at) } }}</p>
      }
      <tc-problem-message [problem]="problem()" />
      @if (coaches().length > pageSize) {
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'fieldwork.coaches.search' | transloco }}</mat-label>
          <input matInput type="search" autocomplete="off" [value]="query()" (input)="search($event)" />
        </mat-form-field>
        <p class="tc-muted" role="status">
          {{ 'fieldwork.coaches.count' | transloco: { shown: shown().length, count: matching().length } }}
        </p>
      }
      <ul class="tc-cards" [attr.aria-busy]="loading()">
        @for (c of shown(); track c.coach.id) {
          <li class="tc-card">
            <a class="tc-card-title" [routerLink]="['/field/coaches', c.coach.id]">{{ c.coach.name }}</a>
            <span class="tc-meta">
              <span>{{ 'fieldwork.coaches.organisations' | transloco: { count: c.organisations } }}</span>
              <span>{{ 'fieldwork.organisations.visits' | transloco: { count: c.visits } }}</span>
              <span>{{ 'fieldwork.coaches.milestones' | transloco: { count: c.milestones } }}</span>
              @if (c.lastVisitOn) {
                <span>{{
                  'fieldwork.organisations.lastVisit' | transloco: { day: day(c.lastVisitOn) }
                }}</span>
              }
            </span>
          </li>
        } @empty {
          @if (!loading()) {
            <li class="tc-empty">{{ 'fieldwork.coaches.empty' | transloco }}</li>
          }
        }
      </ul>
      @if (shown().length < matching().length) {
        <button mat-stroked-button type="button" (click)="more()">
          {{ 'fieldwork.coaches.more' | transloco }}
        </button>
      }
    </article>
  `,
  styleUrl: '../field.scss',
})
export class CoachesPage {
  private readonly api = inject(FieldworkApiService);
  private readonly kept = injectKeptCopies();
  private readonly lang = inject(LanguageService).lang;
  protected readonly coaches = signal<SupervisedCoach[]>([]);
  protected readonly savedAt = signal<string | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly loading = signal(true);
  /** Coaches shown at a time: an admin may supervise hundreds. */
  protected readonly pageSize = 50;
  protected readonly query = signal('');
  private readonly limit = signal(this.pageSize);
  protected readonly matching = computed(() => {
    const q = fold(this.query());
    return q ? this.coaches().filter((c) => fold(c.coach.name).includes(q)) : this.coaches();
  });
  protected readonly shown = computed(() => this.matching().slice(0, this.limit()));

  constructor() {
    void this.load();
  }

  protected search(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
    this.limit.set(this.pageSize);
  }

  protected more(): void {
    this.limit.update((n) => n + this.pageSize);
  }

  protected day(d: string): string {
    return formatCalendarDay(d, this.lang());
  }

  protected when(at: string): string {
    return formatMoment(at, this.lang());
  }

  private async load(): Promise<void> {
    try {
      const got = await this.kept<SupervisedCoachList>(copyKey('coaches'), this.api.coaches());
      this.coaches.set(got.value.items);
      this.savedAt.set(got.savedAt);
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
