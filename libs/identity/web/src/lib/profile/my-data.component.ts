import { HttpClient, type HttpResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { DataExport, DataExportList, ProblemDetails } from '@tc/shared/contracts';
import {
  LanguageService,
  ProblemMessageComponent,
  filenameOf,
  formatMoment,
  intlLocale,
  problemOf,
  saveBlob,
} from '@tc/shared/ui';

export const DATA_EXPORTS_API = '/api/v1/me/data-exports';
/** How often the list is read again while an archive is being prepared. */
const POLL_MS = 2000;

/**
 * "My data" on the profile page: ask for an archive of everything the platform holds about oneself,
 * see it being prepared, download it while its link lasts. The archive is fetched with the session's
 * token (the link alone opens nothing) and saved as a file.
 */
@Component({
  selector: 'tc-my-data',
  imports: [MatButtonModule, RouterLink, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      margin-block-start: 2rem;
      padding-block-start: 0.5rem;
      border-block-start: 1px solid var(--mat-sys-outline-variant);
    }
    ul {
      padding: 0;
      list-style: none;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 1rem;
    }
    .tc-explain {
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  template: `
    <section id="my-data" aria-labelledby="my-data-title">
      <h2 id="my-data-title">{{ 'profile.myData.title' | transloco }}</h2>
      <p>{{ 'profile.myData.intro' | transloco }}</p>
      <p>
        <a routerLink="/privacy">{{ 'profile.myData.privacyLink' | transloco }}</a>
      </p>
      <button mat-flat-button type="button" (click)="request()" [disabled]="asking() || preparing()">
        {{ 'privacy.myDataButton' | transloco }}
      </button>
      <tc-problem-message [problem]="problem()" />
      <p role="status">
        @if (preparing()) {
          {{ 'profile.myData.preparing' | transloco }}
        }
      </p>
      @if (items().length) {
        <h3>{{ 'profile.myData.requests' | transloco }}</h3>
        <ul>
          @for (item of items(); track item.id) {
            <li>
              <span>{{ 'profile.myData.requestedAt' | transloco: { date: moment(item.requestedAt) } }}</span>
              <strong>{{ 'profile.myData.status.' + item.status | transloco }}</strong>
              @if (item.archiveUrl) {
                <button mat-stroked-button type="button" (click)="download(item)" [disabled]="downloading()">
                  {{ 'profile.myData.download' | transloco: { size: size(item.bytes) } }}
                </button>
                <span class="tc-explain">{{
                  'profile.myData.expiresAt' | transloco: { date: moment(item.expiresAt) }
                }}</span>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
})
export class MyDataComponent {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly lang = inject(LanguageService).lang;

  protected readonly items = signal<DataExport[]>([]);
  protected readonly asking = signal(false);
  protected readonly downloading = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly preparing = computed(() => this.items().some((i) => i.status === 'pending'));
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopPolling());
    this.load();
  }

  protected request(): void {
    this.asking.set(true);
    this.problem.set(null);
    this.http.post<DataExport>(DATA_EXPORTS_API, { confirm: 'export' }).subscribe({
      next: (created) => {
        this.asking.set(false);
        this.items.update((list) => [created, ...list.filter((i) => i.id !== created.id)]);
        this.schedule();
      },
      error: (e: unknown) => {
        this.asking.set(false);
        this.problem.set(problemOf(e));
      },
    });
  }

  protected download(item: DataExport): void {
    if (!item.archiveUrl) return;
    this.downloading.set(true);
    this.problem.set(null);
    this.http.get(item.archiveUrl, { responseType: 'blob', observe: 'response' }).subscribe({
      next: (res: HttpResponse<Blob>) => {
        this.downloading.set(false);
        const name = filenameOf(res.headers.get('content-disposition')) ?? 'my-data.zip';
        if (res.body) saveBlob(this.document, name, res.body, 60_000);
      },
      error: (e: unknown) => {
        this.downloading.set(false);
        this.problem.set(problemOf(e));
        this.load();
      },
    });
  }

  protected moment(iso: string | null): string {
    return formatMoment(iso, this.lang());
  }

  protected size(bytes: number | null): string {
    const n = bytes ?? 0;
    const [value, unit] =
      n >= 1024 * 1024 ? [n / (1024 * 1024), 'megabyte'] : [Math.max(1, n / 1024), 'kilobyte'];
    return new Intl.NumberFormat(intlLocale(this.lang()), {
      style: 'unit',
      unit,
      maximumFractionDigits: 1,
    }).format(value);
  }

  private load(): void {
    this.http.get<DataExportList>(DATA_EXPORTS_API).subscribe({
      next: (list) => {
        this.items.set(list.items);
        this.schedule();
      },
      error: (e: unknown) => this.problem.set(problemOf(e)),
    });
  }

  /** Reads the list again in a moment while an archive is being prepared. */
  private schedule(): void {
    this.stopPolling();
    if (this.preparing()) this.timer = setTimeout(() => this.load(), POLL_MS);
  }

  private stopPolling(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
