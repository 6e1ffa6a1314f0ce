import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  NUDGE_MESSAGE_MAX,
  type NudgeRequest,
  type NudgeResult,
  type ProblemDetails,
} from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { COHORTS_API } from '../../data-access/cohorts.service';

/**
 * The roster's nudge: the coaches picked (late ones, usually) are told to keep going, with a short
 * message if the trainer writes one. Then who was told, and who was not and why (nudged in the last
 * day, no longer active); past the trainer's hourly cap, the problem says when to try again.
 */
@Component({
  selector: 'tc-roster-nudge',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-nudge" [attr.aria-label]="'cohorts.nudge.title' | transloco">
      <p class="tc-nudge-count" role="status">
        {{ 'cohorts.nudge.picked' | transloco: { count: enrolmentIds().length } }}
      </p>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="tc-nudge-message">
        <mat-label>{{ 'cohorts.nudge.message' | transloco }}</mat-label>
        <textarea
          matInput
          rows="2"
          dir="auto"
          [maxLength]="max"
          [formControl]="message"
          [attr.aria-describedby]="'tc-nudge-left'"
        ></textarea>
        <mat-hint id="tc-nudge-left">{{
          'cohorts.nudge.left' | transloco: { count: max - (message.value.length || 0) }
        }}</mat-hint>
      </mat-form-field>
      <div class="tc-nudge-actions">
        <button
          mat-flat-button
          type="button"
          class="tc-nudge-send"
          [disabled]="busy() || !enrolmentIds().length || message.invalid"
          (click)="send()"
        >
          {{ 'cohorts.nudge.send' | transloco }}
        </button>
        <button mat-button type="button" (click)="cleared.emit()">
          {{ 'cohorts.nudge.clear' | transloco }}
        </button>
      </div>
      <tc-problem-message [problem]="problem()" />
      @if (result(); as r) {
        <div class="tc-nudge-result" role="status">
          <p>{{ 'cohorts.nudge.sent' | transloco: { count: r.nudged.length } }}</p>
          @if (r.skipped.length) {
            <ul>
              @for (s of r.skipped; track s.enrolmentId) {
                <li>
                  <bdi>{{ nameOf(s.enrolmentId) }}</bdi> —
                  {{ 'cohorts.nudge.skipped.' + s.reason | transloco }}
                </li>
              }
            </ul>
          }
        </div>
      }
    </section>
  `,
  styles: `
    .tc-nudge {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding: 0.75rem;
      margin-block: 0.75rem;
      border: 1px solid var(--mat-sys-outline-variant, #c4c7c5);
      border-radius: 8px;
    }
    .tc-nudge-message {
      inline-size: 100%;
    }
    .tc-nudge-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .tc-nudge-result ul {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
  `,
})
export class RosterNudgeComponent {
  private readonly http = inject(HttpClient);

  readonly cohortId = input.required<string>();
  /** The enrolments picked on the roster. */
  readonly enrolmentIds = input.required<readonly string[]>();
  /** Names by enrolment, to say who was skipped. */
  readonly names = input<ReadonlyMap<string, string>>(new Map());
  /** Sent: the roster clears its picks. */
  readonly sent = output<NudgeResult>();
  readonly cleared = output<void>();

  protected readonly max = NUDGE_MESSAGE_MAX;
  protected readonly message = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(NUDGE_MESSAGE_MAX)],
  });
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly result = signal<NudgeResult | null>(null);
  protected readonly nameOf = (id: string) => this.names().get(id) ?? '—';
  protected readonly empty = computed(() => this.enrolmentIds().length === 0);

  protected send(): void {
    if (this.busy() || this.empty()) return;
    this.busy.set(true);
    this.problem.set(null);
    const message = this.message.value.trim();
    const body: NudgeRequest = { enrolmentIds: [...this.enrolmentIds()], ...(message ? { message } : {}) };
    this.http
      .post<NudgeResult>(`${COHORTS_API}/${encodeURIComponent(this.cohortId())}/nudges`, body)
      .subscribe({
        next: (r) => {
          this.busy.set(false);
          this.result.set(r);
          this.message.setValue('');
          this.sent.emit(r);
        },
        error: (e: unknown) => {
          this.busy.set(false);
          this.problem.set(problemOf(e));
        },
      });
  }
}
