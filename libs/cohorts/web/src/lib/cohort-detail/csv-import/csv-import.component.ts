import { DOCUMENT } from '@angular/common';
import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CsvImportReport, CsvRowProblem, ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, ProblemTextPipe, problemOf, saveBlob } from '@tc/shared/ui';
import { finalize } from 'rxjs';
import { CohortStore } from '../../data-access/cohort.store';
import { CohortsService } from '../../data-access/cohorts.service';
import {
  CSV_TEMPLATE,
  canCommit,
  linesWithProblems,
  problemRows,
  problemsOfRefusedImport,
} from '../../data-access/csv-report';
import { readText } from '../../data-access/read-text';
import { EnrolmentResultComponent } from '../enrolment-result.component';

interface ChosenFile {
  name: string;
  text: string;
}

/**
 * Enrolment from a CSV file: a dry run first, its problems by line and column; the import (all rows
 * or none) only once the file has none; then what happened to each person.
 */
@Component({
  selector: 'tc-csv-import',
  imports: [
    MatButtonModule,
    TranslocoPipe,
    ProblemMessageComponent,
    ProblemTextPipe,
    EnrolmentResultComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './csv-import.component.html',
  styleUrl: './csv-import.component.scss',
})
export class CsvImportComponent {
  private readonly store = inject(CohortStore);
  private readonly cohorts = inject(CohortsService);
  private readonly document = inject(DOCUMENT);

  protected readonly file = signal<ChosenFile | null>(null);
  /** The last dry run or commit of the chosen file. */
  protected readonly report = signal<CsvImportReport | null>(null);
  /** Rows refused by a commit (422), shown like a dry run's problems. */
  private readonly refused = signal<CsvRowProblem[] | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal<'dryRun' | 'commit' | null>(null);
  /** Upload progress in %, null while unknown. */
  protected readonly progress = signal<number | null>(null);

  protected readonly problems = computed(() => this.refused() ?? this.report()?.problems ?? []);
  protected readonly rows = computed(() => problemRows(this.problems()));
  protected readonly badLines = computed(() => linesWithProblems(this.problems()));
  protected readonly committable = computed(() => !this.refused() && canCommit(this.report()));
  protected readonly committed = computed(() => {
    const r = this.report();
    return r && !r.dryRun ? r : null;
  });

  protected async choose(input: HTMLInputElement): Promise<void> {
    const chosen = input.files?.[0];
    this.report.set(null);
    this.refused.set(null);
    this.problem.set(null);
    if (!chosen) {
      this.file.set(null);
      return;
    }
    try {
      this.file.set({ name: chosen.name, text: await readText(chosen) });
    } catch {
      this.file.set(null);
      this.problem.set({
        type: 'about:blank',
        title: 'Unreadable file',
        status: 400,
        code: 'csv-unreadable',
      });
    }
    // The same file may be chosen again after it was fixed on disk.
    input.value = '';
  }

  protected run(dryRun: boolean): void {
    const id = this.store.cohort()?.id;
    const file = this.file();
    if (!id || !file) return;
    this.busy.set(dryRun ? 'dryRun' : 'commit');
    this.progress.set(null);
    this.problem.set(null);
    this.refused.set(null);
    if (dryRun) this.report.set(null);
    this.cohorts
      .importCsv(id, file.text, dryRun)
      .pipe(finalize(() => this.busy.set(null)))
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress && event.total) {
            this.progress.set(Math.round((100 * event.loaded) / event.total));
          } else if (event.type === HttpEventType.Response && event.body) {
            this.report.set(event.body);
            if (!event.body.dryRun) this.store.enrolmentsUpdated();
          }
        },
        error: (e: unknown) => {
          const problem = problemOf(e);
          const rows = problem.status === 422 ? problemsOfRefusedImport(problem) : null;
          if (rows) this.refused.set(rows);
          else this.problem.set(problem);
        },
      });
  }

  protected downloadTemplate(): void {
    saveBlob(
      this.document,
      'enrolment-template.csv',
      new Blob([CSV_TEMPLATE], { type: 'text/csv;charset=utf-8' }),
    );
  }
}
