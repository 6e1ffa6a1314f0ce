import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '@tc/shared/ui';
import { AuthService } from '../auth/auth.service';

/** Only paths inside the app, never another site. */
export function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/sign-in') ? url : '/';
}

@Component({
  selector: 'tc-sign-in-page',
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
      <h1>{{ 'signIn.title' | transloco }}</h1>
      <form class="tc-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'common.email' | transloco }}</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="username" dir="ltr" required />
          @if (form.controls.email.hasError('required')) {
            <mat-error>{{ 'common.required' | transloco }}</mat-error>
          } @else if (form.controls.email.hasError('email')) {
            <mat-error>{{ 'common.invalidEmail' | transloco }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'common.password' | transloco }}</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
          />
          @if (form.controls.password.hasError('required')) {
            <mat-error>{{ 'common.required' | transloco }}</mat-error>
          }
        </mat-form-field>
        @if (error(); as key) {
          <p class="tc-error" role="alert">{{ key | transloco }}</p>
        }
        <button mat-flat-button type="submit" [disabled]="busy()">{{ 'signIn.submit' | transloco }}</button>
        <a routerLink="/forgot-password">{{ 'signIn.forgot' | transloco }}</a>
      </form>
    </section>
  `,
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  /** Query parameter: where to go after signing in. */
  readonly returnUrl = input<string | undefined>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { email, password } = this.form.getRawValue();
    this.auth.signIn({ email: email.trim(), password }).subscribe({
      next: () => {
        this.busy.set(false);
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const status = problemOf(e).status;
        this.error.set(
          status === 401 || status === 400
            ? 'signIn.errors.invalid'
            : status === 429
              ? 'signIn.errors.tooMany'
              : status === 0
                ? 'common.errors.network'
                : 'common.errors.server',
        );
      },
    });
  }
}
