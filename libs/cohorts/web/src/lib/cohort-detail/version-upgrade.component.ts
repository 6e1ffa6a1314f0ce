import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails, UpgradePreview } from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { finalize, map, tap } from 'rxjs';
import { CohortStore } from '../data-access/cohort.store';
import { CohortsService } from '../data-access/cohorts.service';
import { CourseTitlePipe } from '../data-access/course-title.pipe';
import { UpgradeChangesComponent } from './upgrade-changes.component';

/**
 * Moves the cohort to a newer published version in two steps: first what would change and for whom
 * (lessons and modules, the active coaches, those with work added or lessons removed, the deadlines
 * that go), then the confirmation. The report of the move appears here, where the trainer acted, and
 * takes the focus. Progress is kept (it is keyed by lesson).
 */
@Component({
  selector: 'tc-version-upgrade',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslocoPipe,
    ProblemMessageComponent,
    CourseTitlePipe,
    UpgradeChangesComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.cohort(); as c) {
      @if (store.lastUpgrade(); as u) {
        <section class="tc-report" aria-labelledby="tc-upgrade-report-h">
          <h3 id="tc-upgrade-report-h" tabindex="-1">
            {{ 'cohorts.upgrade.done' | transloco: { from: u.from, to: u.to } }}
          </h3>
          <tc-upgrade-changes [changes]="u.changes" />
          <p class="tc-note">{{ 'cohorts.upgrade.progressKept' | transloco }}</p>
          <button mat-button type="button" (click)="store.lastUpgrade.set(null)">
            {{ 'common.close' | transloco }}
          </button>
        </section>
      }
      @if (c.newerVersions.length) {
        <p>{{ 'cohorts.upgrade.available' | transloco: { current: c.courseVersion } }}</p>
        @if (c.newerVersions.length > 1) {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'cohorts.upgrade.target' | transloco }}</mat-label>
            <mat-select [ngModel]="target()" (ngModelChange)="choose($event)">
              @for (v of c.newerVersions; track v) {
                <mat-option [value]="v">{{ 'cohorts.version' | transloco: { number: v } }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        @if (preview(); as p) {
          <div class="tc-confirm" role="group" aria-labelledby="tc-upgrade-preview-h">
            <h3 id="tc-upgrade-preview-h" tabindex="-1">
              {{ 'cohorts.upgrade.previewTitle' | transloco: { from: p.from, to: p.to } }}
            </h3>
            <tc-upgrade-changes [changes]="p.changes" />
            <h4>{{ 'cohorts.upgrade.affected.title' | transloco }}</h4>
            <ul class="tc-affected">
              <li>{{ 'cohorts.upgrade.affected.coaches' | transloco: { count: p.coaches, to: p.to } }}</li>
              @if (p.changes.added.length && p.finished) {
                <li>
                  {{ 'cohorts.upgrade.affected.finished' | transloco: { count: p.finished, from: p.from } }}
                </li>
              }
              @if (p.losingLessons) {
                <li>
                  {{ 'cohorts.upgrade.affected.losingLessons' | transloco: { count: p.losingLessons } }}
                </li>
              }
              @for (m of p.deadlinesDropped; track m.key) {
                <li>
                  {{ 'cohorts.upgrade.affected.deadlineDropped' | transloco }}
                  <bdi>{{ m.title | courseTitle }}</bdi>
                </li>
              }
            </ul>
            <p>{{ 'cohorts.upgrade.progressKept' | transloco }}</p>
            <div class="tc-actions">
              <button mat-flat-button type="button" [disabled]="store.busy()" (click)="upgrade(p.to)">
                {{ 'cohorts.upgrade.confirm' | transloco: { number: p.to } }}
              </button>
              <button mat-button type="button" (click)="preview.set(null)">
                {{ 'common.cancel' | transloco }}
              </button>
            </div>
          </div>
        } @else {
          <button mat-stroked-button type="button" [disabled]="loading()" (click)="openPreview()">
            {{ 'cohorts.upgrade.open' | transloco: { number: target() } }}
          </button>
        }
      }
      <tc-problem-message [problem]="problem()" />
    }
  `,
  styles: `
    .tc-confirm {
      padding: 0.75rem;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline);
    }
    .tc-confirm p {
      margin-block: 0.5rem;
    }
    h3 {
      font-size: 1.0625rem;
      margin-block: 0 0.5rem;
    }
    h4 {
      font-size: 1rem;
      margin-block: 0.5rem 0.25rem;
    }
    .tc-affected {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .tc-report {
      padding: 0.75rem 1rem;
      margin-block-end: 1rem;
      border-radius: 12px;
      border-inline-start: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
    }
    .tc-note {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class VersionUpgradeComponent {
  protected readonly store = inject(CohortStore);
  private readonly cohorts = inject(CohortsService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly chosen = signal<number | null>(null);
  /** What the move would do, shown until it is confirmed or cancelled. */
  protected readonly preview = signal<UpgradePreview | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** The version chosen, else the newest. */
  protected readonly target = computed(() => {
    const newer = this.store.cohort()?.newerVersions ?? [];
    const c = this.chosen();
    return c !== null && newer.includes(c) ? c : Math.max(...newer);
  });

  protected choose(version: number): void {
    this.chosen.set(version);
    this.preview.set(null);
  }

  /** Step one: what would change and for whom (the focus goes to it). */
  protected openPreview(): void {
    const id = this.store.cohort()?.id;
    if (!id) return;
    this.loading.set(true);
    this.problem.set(null);
    this.store.lastUpgrade.set(null);
    this.cohorts
      .upgradePreview(id, this.target())
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (p) => {
          this.preview.set(p);
          this.focus('#tc-upgrade-preview-h');
        },
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  /** Step two: the move; its report replaces the preview here and takes the focus. */
  protected upgrade(to: number): void {
    const from = this.store.cohort()?.courseVersion ?? 0;
    this.problem.set(null);
    this.store
      .run((c, id) =>
        c.upgrade(id, to).pipe(
          tap((r) => this.store.lastUpgrade.set({ from, to, changes: r.changes })),
          map((r) => r.cohort),
        ),
      )
      .subscribe({
        next: () => {
          this.preview.set(null);
          this.chosen.set(null);
          this.focus('#tc-upgrade-report-h');
        },
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
