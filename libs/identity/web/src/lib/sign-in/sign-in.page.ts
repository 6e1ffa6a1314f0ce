import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '@tc/shared/ui';
import { AuthService } from '../auth/auth.service';

/** Only paths inside the app, never another site. */
export function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/sign-in') ? url : '/';
}

/**
 * The first page on a new device, so the lightest: native inputs and button styled like the app's
 * outlined fields (./sign-in.page.scss), not Material's form field, whose set-up (its input-type
 * probe, the field's template and observers) was the longest piece of this page's first render on
 * a mid-range phone (issue 7). Errors show as Material's do: once a field is left or the form sent.
 */
@Component({
  selector: 'tc-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './sign-in.page.scss',
  template: `
    <section class="tc-narrow">
      <h1>{{ 'signIn.title' | transloco }}</h1>
      <form class="tc-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @let emailError =
          showError('email')
            ? form.controls.email.hasError('required')
              ? 'common.required'
              : 'common.invalidEmail'
            : null;
        <div class="tc-signin-field" [class.tc-invalid]="emailError">
          <label for="tc-signin-email"
            >{{ 'common.email' | transloco }}<span aria-hidden="true"> *</span></label
          >
          <input
            id="tc-signin-email"
            type="email"
            formControlName="email"
            autocomplete="username"
            dir="ltr"
            required
            [attr.aria-invalid]="emailError ? true : null"
            [attr.aria-describedby]="emailError ? 'tc-signin-email-error' : null"
          />
          @if (emailError) {
            <p id="tc-signin-email-error" class="tc-signin-error">{{ emailError | transloco }}</p>
          }
        </div>
        @let passwordError = showError('password') ? 'common.required' : null;
        <div class="tc-signin-field" [class.tc-invalid]="passwordError">
          <label for="tc-signin-password"
            >{{ 'common.password' | transloco }}<span aria-hidden="true"> *</span></label
          >
          <input
            id="tc-signin-password"
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
            [attr.aria-invalid]="passwordError ? true : null"
            [attr.aria-describedby]="passwordError ? 'tc-signin-password-error' : null"
          />
          @if (passwordError) {
            <p id="tc-signin-password-error" class="tc-signin-error">{{ passwordError | transloco }}</p>
          }
        </div>
        @if (error(); as key) {
          <p class="tc-error" role="alert">{{ key | transloco }}</p>
        }
        <button class="tc-signin-submit" type="submit" [disabled]="busy()">
          {{ 'signIn.submit' | transloco }}
        </button>
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
  private readonly submitted = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  /** As Material's fields: invalid, and left once or the form sent. */
  protected showError(name: 'email' | 'password'): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected submit(): void {
    this.submitted.set(true);
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
