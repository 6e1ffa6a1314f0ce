import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ExportFormat, Locale, ProblemDetails } from '@tc/shared/contracts';
import type { Observable } from 'rxjs';
import { LanguageService, ProblemMessageComponent, problemOf, saveBlob } from '@tc/shared/ui';
import {
  type DownloadedFile,
  ObservatoryService,
  type ObservatoryTable,
  type ReportFilters,
} from '../data-access/observatory.service';

/** Fetches the file of another report than the training tables (the impact view's export). */
export type DownloadSource = (format: ExportFormat, lang: Locale) => Observable<DownloadedFile>;

/** "Download CSV" and "Download Excel" for a table with the filters shown. */
@Component({
  selector: 'tc-download-buttons',
  imports: [TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tc-downloads" role="group" [attr.aria-label]="label()">
      @for (format of formats; track format) {
        <button
          type="button"
          class="tc-download"
          [disabled]="(!filters() && !source()) || busy() !== null"
          (click)="download(format)"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
            <path
              fill="currentColor"
              d="M11 4h2v9l3.5-3.5 1.4 1.4L12 16.8l-5.9-5.9 1.4-1.4L11 13zM5 18h14v2H5z"
            />
          </svg>
          {{
            (busy() === format ? 'observatory.download.busy' : 'observatory.download.' + format) | transloco
          }}
        </button>
      }
    </div>
    <tc-problem-message [problem]="problem()" />
  `,
  styles: `
    .tc-downloads {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .tc-download {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      min-block-size: 40px;
      padding-inline: 0.875rem;
      border: 1px solid var(--mat-sys-primary);
      border-radius: 20px;
      background: transparent;
      color: var(--mat-sys-primary);
      font: inherit;
      font-weight: 500;
      cursor: pointer;
    }
    .tc-download:hover:not(:disabled) {
      background: var(--mat-sys-primary-container);
    }
    .tc-download:disabled {
      opacity: 0.6;
      cursor: default;
    }
  `,
})
export class DownloadButtonsComponent {
  private readonly api = inject(ObservatoryService);
  private readonly document = inject(DOCUMENT);
  readonly table = input<ObservatoryTable>('completion');
  /** The filters of the table on screen; `null` while it is loading. */
  readonly filters = input<ReportFilters | null>(null);
  /** Where the file comes from instead of a training table (`table` and `filters` then unused). */
  readonly source = input<DownloadSource | null>(null);
  /** The group's accessible name ("Download the table"). */
  readonly label = input.required<string>();

  private readonly lang = inject(LanguageService).lang;
  protected readonly formats: readonly ExportFormat[] = ['csv', 'xlsx'];
  protected readonly busy = signal<ExportFormat | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);

  protected download(format: ExportFormat): void {
    const filters = this.filters();
    const source = this.source();
    if (!filters && !source) return;
    this.busy.set(format);
    this.problem.set(null);
    const file = source
      ? source(format, this.lang())
      : this.api.download(this.table(), filters as ReportFilters, format, this.lang());
    file.subscribe({
      next: (file) => {
        this.busy.set(null);
        // Under the name the server suggested.
        saveBlob(this.document, file.filename, file.blob, 1_000);
      },
      error: (e: unknown) => {
        this.busy.set(null);
        this.problem.set(problemOf(e));
      },
    });
  }
}
