import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '@tc/shared/ui';
import { AuthService } from '../auth/auth.service';

/** Asks for a reset link; the answer never says whether the account exists. */
@Component({
  selector: 'tc-forgot-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-narrow">
      <h1>{{ 'forgot.title' | transloco }}</h1>
      @if (sent()) {
        <p role="status">{{ 'forgot.sent' | transloco }}</p>
      } @else {
        <p>{{ 'forgot.intro' | transloco }}</p>
        <form class="tc-form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'common.email' | transloco }}</mat-label>
            <input matInput type="email" [formControl]="email" autocomplete="username" dir="ltr" required />
            @if (email.hasError('required')) {
              <mat-error>{{ 'common.required' | transloco }}</mat-error>
            } @else if (email.hasError('email')) {
              <mat-error>{{ 'common.invalidEmail' | transloco }}</mat-error>
            }
          </mat-form-field>
          @if (error(); as key) {
            <p class="tc-error" role="alert">{{ key | transloco }}</p>
          }
          <button mat-flat-button type="submit" [disabled]="busy()">{{ 'forgot.submit' | transloco }}</button>
        </form>
      }
      <p>
        <a routerLink="/sign-in">{{ 'forgot.back' | transloco }}</a>
      </p>
    </section>
  `,
})
export class ForgotPasswordPage {
  private readonly auth = inject(AuthService);
  protected readonly email = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.email],
  });
  protected readonly sent = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.email.invalid) {
      this.email.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.auth.requestPasswordReset({ email: this.email.value.trim() }).subscribe({
      next: () => this.sent.set(true),
      error: (e: unknown) => {
        this.busy.set(false);
        const status = problemOf(e).status;
        this.error.set(
          status === 429
            ? 'signIn.errors.tooMany'
            : status === 0
              ? 'common.errors.network'
              : 'common.errors.server',
        );
      },
    });
  }
}
