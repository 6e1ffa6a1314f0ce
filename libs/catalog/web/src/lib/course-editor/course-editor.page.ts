import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { CourseDraftStore } from '../data-access/course-draft.store';
import { LocalizedTextPipe } from '../data-access/localized-text.pipe';
import { PublishPanelComponent } from '../publish/publish-panel.component';
import { CoAuthorsComponent } from './co-authors.component';
import { CourseMetadataComponent } from './course-metadata.component';
import { CourseOutlineComponent } from './course-outline.component';

/** One course: metadata, outline, publishing and versions, co-authors, archiving. */
@Component({
  selector: 'tc-course-editor-page',
  imports: [
    RouterLink,
    MatButtonModule,
    TranslocoPipe,
    LocalizedTextPipe,
    ProblemMessageComponent,
    CourseMetadataComponent,
    CourseOutlineComponent,
    PublishPanelComponent,
    CoAuthorsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-page">
      <p>
        <a routerLink="/courses">{{ 'courses.back' | transloco }}</a>
      </p>
      <tc-problem-message [problem]="store.loadProblem()" />
      @if (store.draft(); as d) {
        <header class="tc-head">
          <h1>{{ d.title | localizedText: d.defaultLocale }}</h1>
          <div class="tc-actions">
            <a mat-stroked-button [routerLink]="['/courses', d.id, 'preview']">{{
              'courses.preview.open' | transloco
            }}</a>
          </div>
        </header>
        <p class="tc-meta">
          <span dir="ltr">{{ d.slug }}</span> ·
          {{ 'courses.status.' + d.status | transloco }}
        </p>

        <div class="tc-grid">
          <section class="tc-card" aria-labelledby="tc-outline-h">
            <h2 id="tc-outline-h">{{ 'courses.outline.title' | transloco }}</h2>
            <tc-course-outline />
          </section>
          <section class="tc-card" aria-labelledby="tc-publish-h">
            <h2 id="tc-publish-h">{{ 'courses.publish.title' | transloco }}</h2>
            <tc-publish-panel />
          </section>
          <section class="tc-card" aria-labelledby="tc-meta-h">
            <h2 id="tc-meta-h">{{ 'courses.meta.title' | transloco }}</h2>
            <tc-course-metadata />
          </section>
          <section class="tc-card" aria-labelledby="tc-authors-h">
            <h2 id="tc-authors-h">{{ 'courses.coAuthors.title' | transloco }}</h2>
            <tc-co-authors />
            <h2>{{ 'courses.archive.title' | transloco }}</h2>
            <p>
              {{
                (d.status === 'archived' ? 'courses.archive.archivedText' : 'courses.archive.activeText')
                  | transloco
              }}
            </p>
            <button
              mat-stroked-button
              type="button"
              [disabled]="store.busy()"
              (click)="setArchived(d.status !== 'archived')"
            >
              {{
                (d.status === 'archived' ? 'courses.archive.unarchive' : 'courses.archive.archive')
                  | transloco
              }}
            </button>
            <tc-problem-message [problem]="archiveProblem()" />
          </section>
        </div>
      } @else if (!store.loadProblem()) {
        <p role="status">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .tc-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
    h1 {
      margin-block-end: 0;
    }
    .tc-meta {
      color: var(--mat-sys-on-surface-variant);
      margin-block: 0.25rem 1rem;
    }
    .tc-grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr));
      gap: 1rem;
      align-items: start;
    }
    .tc-card {
      padding: 0.75rem 1rem 1rem;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      min-inline-size: 0;
    }
    h2 {
      font-size: 1.125rem;
      margin-block: 0.25rem 0.75rem;
    }
  `,
})
export class CourseEditorPage {
  protected readonly store = inject(CourseDraftStore);
  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  protected readonly archiveProblem = signal<ProblemDetails | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.ensure(id));
    });
  }

  protected setArchived(archived: boolean): void {
    this.archiveProblem.set(null);
    this.store
      .run((c, id) => c.setArchived(id, archived))
      .subscribe({
        error: (e: unknown) => this.archiveProblem.set(problemOf(e)),
      });
  }
}
