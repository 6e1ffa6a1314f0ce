import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CourseDraft, Locale, LocalizedText, ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, ProblemTexts, problemOf } from '@tc/shared/ui';
import { CourseDraftStore } from '../data-access/course-draft.store';
import { CoursesService, mediaUrl } from '../data-access/courses.service';
import { cleanText, missingLocales, withText } from '../data-access/localized-text';
import { CompetenceSelectComponent } from '../ui/competence-select.component';
import { LocaleTabDirective, LocaleTabsComponent } from '../ui/locale-tabs.component';

interface Metadata {
  title: LocalizedText;
  summary: LocalizedText;
  estimatedMinutes: number | null;
  competences: string[];
}

function metadataOf(d: CourseDraft): Metadata {
  return {
    title: cleanText(d.title, d.locales),
    summary: cleanText(d.summary, d.locales),
    estimatedMinutes: d.estimatedMinutes,
    competences: [...d.competences].sort(),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const FIELDS = ['estimatedMinutes', 'competences', 'coverImageHash'];

/** The course's title and summary per locale, duration, competences and cover; saved explicitly. */
@Component({
  selector: 'tc-course-metadata',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    ProblemMessageComponent,
    CompetenceSelectComponent,
    LocaleTabsComponent,
    LocaleTabDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let d = draft();
    <form
      class="tc-form"
      (submit)="$event.preventDefault(); save()"
      [attr.aria-label]="'courses.meta.title' | transloco"
    >
      <tc-locale-tabs [locales]="d.locales" [defaultLocale]="d.defaultLocale" [missing]="missing()">
        <ng-template tcLocaleTab let-l>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'courses.fields.title' | transloco }}</mat-label>
            <input
              matInput
              [value]="local().title[l] ?? ''"
              (input)="setText('title', l, $any($event.target).value)"
            />
            @if (serverError('title.' + l); as m) {
              <mat-hint class="tc-error">{{ m }}</mat-hint>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'courses.fields.summary' | transloco }}</mat-label>
            <textarea
              matInput
              rows="4"
              [value]="local().summary[l] ?? ''"
              (input)="setText('summary', l, $any($event.target).value)"
            ></textarea>
            @if (serverError('summary.' + l); as m) {
              <mat-hint class="tc-error">{{ m }}</mat-hint>
            }
          </mat-form-field>
        </ng-template>
      </tc-locale-tabs>
      <mat-form-field appearance="outline" class="tc-minutes">
        <mat-label>{{ 'courses.fields.estimatedMinutes' | transloco }}</mat-label>
        <input
          matInput
          type="number"
          min="0"
          step="5"
          [value]="local().estimatedMinutes ?? ''"
          (input)="setMinutes($any($event.target).value)"
        />
        @if (serverError('estimatedMinutes'); as m) {
          <mat-hint class="tc-error">{{ m }}</mat-hint>
        }
      </mat-form-field>
      <tc-competence-select [value]="local().competences" (valueChange)="setCompetences($event)" />
      <tc-problem-message [problem]="problem()" [fields]="fields()" />
      <div class="tc-actions tc-save">
        <button mat-flat-button type="submit" [disabled]="!dirty() || store.busy()">
          {{ 'common.save' | transloco }}
        </button>
        @if (dirty()) {
          <button mat-button type="button" (click)="revert()">
            {{ 'courses.editor.revert' | transloco }}
          </button>
        }
        <span role="status" class="tc-state">{{
          (dirty() ? 'courses.editor.unsaved' : 'courses.editor.saved') | transloco
        }}</span>
      </div>
    </form>

    <div class="tc-cover">
      <h3>{{ 'courses.cover.title' | transloco }}</h3>
      @if (d.coverImageHash) {
        <img [src]="coverUrl(d.coverImageHash)" [alt]="'courses.cover.alt' | transloco" />
      } @else {
        <p>{{ 'courses.cover.none' | transloco }}</p>
      }
      <div class="tc-actions">
        <button mat-stroked-button type="button" [disabled]="store.busy()" (click)="coverInput.click()">
          {{ 'courses.cover.upload' | transloco }}
        </button>
        @if (d.coverImageHash) {
          <button mat-button type="button" [disabled]="store.busy()" (click)="setCover(null)">
            {{ 'courses.cover.remove' | transloco }}
          </button>
        }
        <input
          #coverInput
          hidden
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          [attr.aria-label]="'courses.cover.upload' | transloco"
          (change)="upload(coverInput)"
        />
      </div>
      <tc-problem-message [problem]="coverProblem()" />
    </div>
  `,
  styles: `
    .tc-minutes {
      max-inline-size: 14rem;
    }
    .tc-save {
      align-items: center;
    }
    .tc-state {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    .tc-cover {
      margin-block-start: 1.5rem;
    }
    .tc-cover img {
      display: block;
      max-inline-size: min(100%, 24rem);
      border-radius: 8px;
      margin-block-end: 0.5rem;
    }
    h3 {
      font-size: 1rem;
    }
  `,
})
export class CourseMetadataComponent {
  protected readonly store = inject(CourseDraftStore);
  private readonly problemTexts = inject(ProblemTexts);
  private readonly courses = inject(CoursesService);
  protected readonly draft = computed(() => this.store.draft() as CourseDraft);
  private readonly saved = computed(() => metadataOf(this.draft()), { equal: same });
  /** What is being typed; back to the saved values whenever those change. */
  protected readonly local = linkedSignal(() => this.saved());
  protected readonly dirty = computed(() => !same(this.normalised(), this.saved()));
  protected readonly missing = computed(() => {
    const d = this.draft();
    const { title, summary } = this.local();
    const texts = [title, ...(Object.values(summary).some((s) => s?.trim()) ? [summary] : [])];
    return missingLocales(texts, d.locales, d.defaultLocale);
  });
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly coverProblem = signal<ProblemDetails | null>(null);
  protected readonly fields = computed(() => [
    ...FIELDS,
    ...this.draft().locales.flatMap((l) => [`title.${l}`, `summary.${l}`]),
  ]);

  protected serverError(field: string): string | null {
    return this.problemTexts.field(this.problem(), field);
  }

  protected coverUrl(hash: string): string {
    return mediaUrl(hash);
  }

  protected setText(field: 'title' | 'summary', locale: Locale, value: string): void {
    this.local.update((m) => ({ ...m, [field]: withText(m[field], locale, value) }));
  }

  protected setMinutes(value: string): void {
    const n = value === '' ? null : Math.max(0, Math.round(Number(value)));
    this.local.update((m) => ({ ...m, estimatedMinutes: n !== null && Number.isFinite(n) ? n : null }));
  }

  protected setCompetences(codes: string[]): void {
    this.local.update((m) => ({ ...m, competences: [...codes].sort() }));
  }

  protected revert(): void {
    this.local.set(this.saved());
    this.problem.set(null);
  }

  protected save(): void {
    const m = this.normalised();
    this.problem.set(null);
    this.store
      .run((c, id) => c.update(id, m))
      .subscribe({
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  protected upload(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.coverProblem.set(null);
    this.courses.upload(file).subscribe({
      next: (media) => this.setCover(media.hash),
      error: (e: unknown) => this.coverProblem.set(problemOf(e)),
    });
  }

  protected setCover(hash: string | null): void {
    this.coverProblem.set(null);
    this.store
      .run((c, id) => c.update(id, { coverImageHash: hash }))
      .subscribe({
        error: (e: unknown) => this.coverProblem.set(problemOf(e)),
      });
  }

  private normalised(): Metadata {
    const m = this.local();
    const locales = this.draft().locales;
    return { ...m, title: cleanText(m.title, locales), summary: cleanText(m.summary, locales) };
  }
}
