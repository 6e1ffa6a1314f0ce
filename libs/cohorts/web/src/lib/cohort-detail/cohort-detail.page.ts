import {
  ChangeDetectionStrategy,
  Component,
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

/** One cohort: header and status, join code, deadlines, version; roster, enrolment, CSV import. */
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
  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly next = computed(() => NEXT_STATUSES[this.store.cohort()?.status ?? 'closed']);
  /** The status change waiting for confirmation. */
  protected readonly confirming = signal<CohortStatus | null>(null);
  protected readonly statusProblem = signal<ProblemDetails | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.ensure(id));
    });
  }

  protected day(value: string): string {
    return formatDay(value, this.lang());
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
