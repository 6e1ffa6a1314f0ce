import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { FieldError, ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, ProblemTextPipe } from '@tc/shared/ui';
import { PostOutboxService } from '../../offline/post-outbox.service';

/** Longest title and text a question may have here (the server says the same). */
export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;

/**
 * "Ask a question": a title and a text (markdown), about a lesson or the whole cohort. Goes through
 * the outbox: sent at once when online, else kept on the device and sent when the link returns
 * (said in a live region, which also takes the focus so that the keyboard and screen readers hear it).
 */
@Component({
  selector: 'tc-ask-question',
  imports: [
    TranslocoPipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemMessageComponent,
    ProblemTextPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="tc-ask" (submit)="$event.preventDefault(); ask()" novalidate>
      @if (headingLevel() === 3) {
        <h3 [id]="headingId()" class="tc-ask-title">{{ 'conversation.threads.ask' | transloco }}</h3>
      } @else {
        <h2 [id]="headingId()" class="tc-ask-title">{{ 'conversation.threads.ask' | transloco }}</h2>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'conversation.threads.questionTitle' | transloco }}</mat-label>
        <input
          #titleInput
          matInput
          name="title"
          dir="auto"
          [attr.maxlength]="titleMax"
          [value]="title()"
          (input)="title.set($any($event.target).value)"
        />
        @if (fieldError('title'); as e) {
          <mat-hint class="tc-error" role="alert">{{ e | tcProblemText }}</mat-hint>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'conversation.threads.questionBody' | transloco }}</mat-label>
        <textarea
          matInput
          name="body"
          dir="auto"
          rows="4"
          [attr.maxlength]="bodyMax"
          [value]="body()"
          (input)="body.set($any($event.target).value)"
        ></textarea>
        <mat-hint>{{ 'conversation.threads.markdownHint' | transloco }}</mat-hint>
        @if (fieldError('body'); as e) {
          <mat-hint class="tc-error" role="alert">{{ e | tcProblemText }}</mat-hint>
        }
      </mat-form-field>
      @if (missing()) {
        <p class="tc-error" role="alert">{{ 'conversation.threads.fillBoth' | transloco }}</p>
      }
      <tc-problem-message [problem]="problem()" />
      <div class="tc-actions">
        <button mat-flat-button type="submit" [disabled]="sending()">
          {{ 'conversation.threads.send' | transloco }}
        </button>
      </div>
      <p #status class="tc-status" tabindex="-1" aria-live="polite" role="status">
        @if (said() === 'sent') {
          {{ 'conversation.threads.sent' | transloco }}
        } @else if (said() === 'queued') {
          {{ 'conversation.threads.queued' | transloco }}
        }
      </p>
    </form>
  `,
  styles: `
    .tc-ask {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    .tc-ask-title {
      font-size: 1.125rem;
      margin-block: 0;
    }
    mat-form-field {
      inline-size: 100%;
    }
    button {
      min-block-size: 44px;
    }
    .tc-status:empty {
      display: none;
    }
    .tc-status {
      margin-block: 0;
    }
  `,
})
export class AskQuestionComponent {
  private readonly outbox = inject(PostOutboxService);
  private readonly injector = inject(Injector);
  readonly cohortId = input.required<string>();
  /** The lesson asked about; null: the whole cohort. */
  readonly lessonKey = input<string | null>(null);
  /** The heading's id, for a region that the form labels. */
  readonly headingId = input('tc-ask-heading');
  /** Its heading's level: 3 inside a section that has its own. */
  readonly headingLevel = input<2 | 3>(2);
  /** A question the server has (its thread id), or one left waiting on the device. */
  readonly asked = output<{ threadId: string | null }>();

  protected readonly titleMax = TITLE_MAX;
  protected readonly bodyMax = BODY_MAX;
  protected readonly title = signal('');
  protected readonly body = signal('');
  protected readonly sending = signal(false);
  protected readonly missing = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly said = signal<'sent' | 'queued' | null>(null);
  private readonly status = viewChild.required<ElementRef<HTMLElement>>('status');
  private readonly titleInput = viewChild.required<ElementRef<HTMLInputElement>>('titleInput');

  protected fieldError(field: string): FieldError | null {
    return this.problem()?.errors?.find((e) => e.field === field) ?? null;
  }

  protected async ask(): Promise<void> {
    const title = this.title().trim();
    const body = this.body().trim();
    this.said.set(null);
    this.problem.set(null);
    this.missing.set(!title || !body);
    if (!title || !body) {
      this.titleInput().nativeElement.focus();
      return;
    }
    this.sending.set(true);
    try {
      const outcome = await this.outbox.write({
        cohortId: this.cohortId(),
        threadId: null,
        title,
        lessonKey: this.lessonKey(),
        body,
      });
      if (outcome.kind === 'refused') {
        // The text stays in the form, with the server's reason.
        this.problem.set(outcome.problem);
        return;
      }
      this.title.set('');
      this.body.set('');
      this.said.set(outcome.kind);
      this.asked.emit({ threadId: outcome.kind === 'sent' ? outcome.threadId : null });
      afterNextRender(() => this.status().nativeElement.focus(), { injector: this.injector });
    } finally {
      this.sending.set(false);
    }
  }
}
