import { ChangeDetectionStrategy, Component, inject, input, model } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Locale } from '@tc/shared/contracts';
import { TextDirDirective } from '@tc/shared/ui';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { CoursesService } from '../data-access/courses.service';

let nextId = 0;

/** Markdown in a textarea beside its live preview, rendered by the server's renderer (debounced). */
@Component({
  selector: 'tc-markdown-editor',
  imports: [MatFormFieldModule, MatInputModule, TranslocoPipe, TextDirDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tc-md">
      <mat-form-field appearance="outline" class="tc-md-source" subscriptSizing="dynamic">
        <mat-label>{{ label() | transloco }}</mat-label>
        <textarea
          matInput
          rows="12"
          [value]="value()"
          (input)="value.set($any($event.target).value)"
          [attr.aria-describedby]="previewId"
        ></textarea>
        <mat-hint>{{ 'courses.markdown.hint' | transloco }}</mat-hint>
        @if (error()) {
          <mat-hint class="tc-error" role="alert">{{ error() }}</mat-hint>
        }
      </mat-form-field>
      <section class="tc-md-preview" [attr.aria-labelledby]="previewId">
        <h4 [id]="previewId">{{ 'courses.markdown.preview' | transloco }}</h4>
        @if (preview().failed) {
          <p class="tc-error">{{ 'courses.markdown.previewFailed' | transloco }}</p>
        } @else if (preview().html) {
          <div class="tc-md-html" [tcText]="locale()" [innerHTML]="preview().html"></div>
        } @else {
          <p class="tc-md-empty">{{ 'courses.markdown.empty' | transloco }}</p>
        }
      </section>
    </div>
  `,
  styles: `
    .tc-md {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
      gap: 1rem;
      align-items: start;
    }
    .tc-md-source {
      inline-size: 100%;
    }
    .tc-md-preview {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding-inline: 1rem;
      padding-block: 0.25rem 0.75rem;
      background: var(--mat-sys-surface-container-lowest);
      overflow-wrap: anywhere;
    }
    h4 {
      margin-block: 0.5rem;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-md-empty {
      color: var(--mat-sys-on-surface-variant);
    }
    /* Tables as the lesson page draws them: bordered, padded cells; a wide one scrolls in its own box. */
    .tc-md-html ::ng-deep table {
      display: block;
      max-inline-size: 100%;
      overflow-x: auto;
      border-collapse: collapse;
      overflow-wrap: normal;
      word-break: normal;
    }
    .tc-md-html ::ng-deep :is(th, td) {
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border: 1px solid var(--mat-sys-outline);
      text-align: start;
      vertical-align: top;
    }
    .tc-md-html ::ng-deep th {
      background: var(--mat-sys-surface-container);
      font-weight: 600;
    }
  `,
})
export class MarkdownEditorComponent {
  private readonly courses = inject(CoursesService);
  readonly value = model('');
  readonly label = input('courses.lesson.body');
  /** The language being written, for the preview's direction; empty: guessed from the text. */
  readonly locale = input<Locale | ''>('');
  /** A server error for this field. */
  readonly error = input<string | null>(null);
  protected readonly previewId = `tc-md-preview-${nextId++}`;

  protected readonly preview = toSignal(
    toObservable(this.value).pipe(
      debounceTime(300),
      distinctUntilChanged(),
      switchMap((markdown) =>
        markdown.trim()
          ? this.courses.render(markdown).pipe(
              map((r) => ({ html: r.html, failed: false })),
              catchError(() => of({ html: '', failed: true })),
            )
          : of({ html: '', failed: false }),
      ),
    ),
    { initialValue: { html: '', failed: false } },
  );
}
