import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CohortStatus, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, LocalizedNamePipe, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { CohortStore } from '../data-access/cohort.store';
import { CourseTitlePipe } from '../data-access/course-title.pipe';
import { formatDay } from '../data-access/dates';
import { CertificateReissueComponent } from './certificate-reissue.component';
import { CertificateRevokeComponent } from './certificate-revoke.component';
import { CohortSettingsComponent } from './cohort-settings.component';
import { CsvImportComponent } from './csv-import/csv-import.component';
import { DeadlinesEditorComponent } from './deadlines-editor.component';
import { EnrolEmailsComponent } from './enrol-emails.component';
import { JoinCodePanelComponent } from './join-code-panel.component';
import { RosterComponent } from './roster/roster.component';
import { VersionUpgradeComponent } from './version-upgrade.component';

/** Where a cohort may go from each status. */
export const NEXT_STATUSES: Record<CohortStatus, CohortStatus[]> = {
  planned: ['running', 'closed'],
  running: ['closed'],
  closed: [],
};

/** The tabs of the cohort's people, in order. */
const TABS = ['roster', 'enrol', 'import'] as const;

/**
 * One cohort: header and status; then its people first (roster, enrolment by e-mail, CSV import, as
 * tabs that wrap on a phone rather than hide behind arrows); then join code, deadlines, settings,
 * certificates and version.
 */
@Component({
  selector: 'tc-cohort-detail-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatTabsModule,
    TranslocoPipe,
    LocalizedNamePipe,
    ProblemMessageComponent,
    CourseTitlePipe,
    CohortSettingsComponent,
    CertificateRevokeComponent,
    CertificateReissueComponent,
    JoinCodePanelComponent,
    DeadlinesEditorComponent,
    VersionUpgradeComponent,
    RosterComponent,
    EnrolEmailsComponent,
    CsvImportComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cohort-detail.page.html',
  styleUrl: './cohort-detail.page.scss',
})
export class CohortDetailPage {
  protected readonly store = inject(CohortStore);
  private readonly lang = inject(LanguageService).lang;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly next = computed(() => NEXT_STATUSES[this.store.cohort()?.status ?? 'closed']);
  /** The status change waiting for confirmation. */
  protected readonly confirming = signal<CohortStatus | null>(null);
  protected readonly statusProblem = signal<ProblemDetails | null>(null);
  /** The tab shown: the roster first. */
  protected readonly tab = signal(0);
  /** A tab opened from the empty roster: its first field takes the focus once it is shown. */
  private focusOnShow = false;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.ensure(id));
    });
  }

  protected day(value: string): string {
    return formatDay(value, this.lang());
  }

  /** From the empty roster: the e-mail or the CSV tab, its first field focused. */
  protected openEnrolment(kind: 'enrol' | 'import'): void {
    this.focusOnShow = true;
    this.tab.set(TABS.indexOf(kind));
  }

  protected focusPending(): void {
    if (!this.focusOnShow) return;
    this.focusOnShow = false;
    this.host.nativeElement
      .querySelector<HTMLElement>(
        '.mat-mdc-tab-body-active :is(textarea, input:not([type="hidden"]), button):not([disabled])',
      )
      ?.focus();
  }

  protected setStatus(status: CohortStatus): void {
    this.statusProblem.set(null);
    this.store
      .run((c, id) => c.update(id, { status }))
      .subscribe({
        next: () => this.confirming.set(null),
        error: (e: unknown) => this.statusProblem.set(problemOf(e)),
      });
  }
}
