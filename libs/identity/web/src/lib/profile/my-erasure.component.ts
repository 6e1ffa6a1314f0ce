import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ErasureRequest, MyErasureRequest, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, formatMoment, problemOf } from '@tc/shared/ui';

export const ERASURE_API = '/api/v1/me/erasure-request';

/**
 * "Erase my data" on the profile page: what erasure removes and keeps, a box to tick, and the request;
 * once asked, when, and that an administrator of the person's territory carries it out.
 */
@Component({
  selector: 'tc-my-erasure',
  imports: [MatButtonModule, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      margin-block-start: 2rem;
      padding-block-start: 0.5rem;
      border-block-start: 1px solid var(--mat-sys-outline-variant);
    }
    label {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-block-size: 44px;
    }
    input {
      inline-size: 1.25rem;
      block-size: 1.25rem;
    }
  `,
  template: `
    <section id="erasure" aria-labelledby="erasure-title">
      <h2 id="erasure-title">{{ 'profile.erasure.title' | transloco }}</h2>
      <p>{{ 'profile.erasure.intro' | transloco }}</p>
      @if (request(); as r) {
        <p role="status">{{ 'profile.erasure.asked' | transloco: { date: moment(r.requestedAt) } }}</p>
      } @else if (loaded()) {
        <label>
          <input type="checkbox" [checked]="understood()" (change)="understood.set(!understood())" />
          {{ 'profile.erasure.understand' | transloco }}
        </label>
        <button mat-stroked-button type="button" [disabled]="!understood() || busy()" (click)="ask()">
          {{ 'profile.erasure.ask' | transloco }}
        </button>
      }
      <tc-problem-message [problem]="problem()" />
    </section>
  `,
})
export class MyErasureComponent {
  private readonly http = inject(HttpClient);
  private readonly lang = inject(LanguageService).lang;

  protected readonly request = signal<ErasureRequest | null>(null);
  protected readonly loaded = signal(false);
  protected readonly understood = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);

  constructor() {
    this.http.get<MyErasureRequest>(ERASURE_API).subscribe({
      next: (mine) => {
        this.request.set(mine.request);
        this.loaded.set(true);
      },
      error: (e: unknown) => this.problem.set(problemOf(e)),
    });
  }

  protected ask(): void {
    this.busy.set(true);
    this.problem.set(null);
    this.http.post<ErasureRequest>(ERASURE_API, { confirm: 'erase' }).subscribe({
      next: (asked) => {
        this.busy.set(false);
        this.request.set(asked);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.problem.set(problemOf(e));
      },
    });
  }

  protected moment(iso: string): string {
    return formatMoment(iso, this.lang());
  }
}
