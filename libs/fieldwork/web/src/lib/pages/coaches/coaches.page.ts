import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
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

/** Field supervision: the coaches a trainer or admin supervises, each with the size of their log. */
@Component({
  selector: 'tc-field-coaches-page',
  imports: [RouterLink, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="tc-page tc-medium">
      <h1>{{ 'fieldwork.coaches.title' | transloco }}</h1>
      <p class="tc-muted">{{ 'fieldwork.coaches.intro' | transloco }}</p>
      @if (savedAt(); as at) {
        <p class="tc-copy" role="note">{{ 'fieldwork.sync.copyOf' | transloco: { when: when(at) } }}</p>
      }
      <tc-problem-message [problem]="problem()" />
      <ul class="tc-cards" [attr.aria-busy]="loading()">
        @for (c of coaches(); track c.coach.id) {
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

  constructor() {
    void this.load();
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
