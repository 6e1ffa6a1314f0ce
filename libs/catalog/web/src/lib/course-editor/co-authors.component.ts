import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CourseDraft, ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, ProblemTexts, problemOf } from '@tc/shared/ui';
import { CourseDraftStore } from '../data-access/course-draft.store';

/** Other trainers who may edit and publish the course: add by e-mail, remove. */
@Component({
  selector: 'tc-co-authors',
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
    @let d = draft();
    @if (d.coAuthors.length) {
      <ul class="tc-people">
        @for (a of d.coAuthors; track a.id) {
          <li>
            <span class="tc-grow"
              >{{ a.displayName }} <span dir="ltr" class="tc-email">{{ a.email }}</span></span
            >
            <button
              mat-button
              type="button"
              [disabled]="store.busy()"
              (click)="remove(a.id)"
              [attr.aria-label]="'courses.coAuthors.removeLabel' | transloco: { name: a.displayName }"
            >
              {{ 'courses.coAuthors.remove' | transloco }}
            </button>
          </li>
        }
      </ul>
    } @else {
      <p>{{ 'courses.coAuthors.none' | transloco }}</p>
    }
    <form
      class="tc-add"
      (ngSubmit)="add()"
      novalidate
      [attr.aria-label]="'courses.coAuthors.add' | transloco"
    >
      <mat-form-field appearance="outline" class="tc-grow">
        <mat-label>{{ 'common.email' | transloco }}</mat-label>
        <input matInput type="email" dir="ltr" [formControl]="email" />
        @if (email.hasError('email')) {
          <mat-error>{{ 'common.invalidEmail' | transloco }}</mat-error>
        }
        @if (serverError(); as m) {
          <mat-hint class="tc-error">{{ m }}</mat-hint>
        }
      </mat-form-field>
      <button mat-stroked-button type="submit" [disabled]="store.busy()">
        {{ 'courses.coAuthors.add' | transloco }}
      </button>
    </form>
    <tc-problem-message [problem]="problem()" [fields]="['email']" />
  `,
  styles: `
    .tc-people {
      list-style: none;
      margin: 0 0 0.5rem;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    .tc-people li,
    .tc-add {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .tc-grow {
      flex: 1 1 14rem;
    }
    .tc-email {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
  `,
})
export class CoAuthorsComponent {
  protected readonly store = inject(CourseDraftStore);
  private readonly problemTexts = inject(ProblemTexts);
  protected readonly draft = computed(() => this.store.draft() as CourseDraft);
  protected readonly email = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.email],
  });
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly serverError = computed(() => this.problemTexts.field(this.problem(), 'email'));

  protected add(): void {
    if (this.email.invalid) {
      this.email.markAsTouched();
      return;
    }
    this.problem.set(null);
    this.store
      .run((c, id) => c.addCoAuthor(id, this.email.value.trim()))
      .subscribe({
        next: () => this.email.reset(),
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  protected remove(userId: string): void {
    this.problem.set(null);
    this.store
      .run((c, id) => c.removeCoAuthor(id, userId))
      .subscribe({
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }
}
