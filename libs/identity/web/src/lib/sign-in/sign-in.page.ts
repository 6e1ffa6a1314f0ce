import {
  ChangeDetectionStrategy,
  Component,
  type WritableSignal,
  inject,
  input,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '@tc/shared/ui';
import { AuthService } from '../auth/auth.service';

/** Only paths inside the app, never another site. */
export function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/sign-in') ? url : '/';
}

/** What the fields hold and whether they are left empty or malformed (the browser's own checks). */
interface Field {
  value: string;
  missing: boolean;
  malformed: boolean;
  /** Left once (blurred): its error may show. */
  left: boolean;
}

const EMPTY: Field = { value: '', missing: true, malformed: false, left: false };

/**
 * The first page on a new device, so the lightest: two native inputs checked by the browser's
 * constraint validation (`required`, `type="email"`), the state in signals, styled like the app's
 * outlined fields (./sign-in.page.scss). Not Material's form field, whose set-up (its input-type
 * probe, the field's template and observers) was the longest piece of this page's first render on a
 * mid-range phone, nor Angular's forms module, a second chunk to fetch before the page shows
 * (the sign-in page's speed budget). Errors show as Material's do: once a field is left or the form sent.
 */
@Component({
  selector: 'tc-sign-in-page',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './sign-in.page.scss',
  template: `
    <section class="tc-narrow">
      <h1>{{ 'signIn.title' | transloco }}</h1>
      <form class="tc-form" (submit)="submit($event)" novalidate>
        @let emailError = errorOf(email(), 'common.invalidEmail');
        <div class="tc-signin-field" [class.tc-invalid]="emailError">
          <label for="tc-signin-email"
            >{{ 'common.email' | transloco }}<span aria-hidden="true"> *</span></label
          >
          <input
            id="tc-signin-email"
            name="email"
            type="email"
            autocomplete="username"
            dir="ltr"
            required
            [attr.aria-invalid]="emailError ? true : null"
            [attr.aria-describedby]="emailError ? 'tc-signin-email-error' : null"
            (input)="edit(email, $event)"
            (blur)="leave(email)"
          />
          @if (emailError) {
            <p id="tc-signin-email-error" class="tc-signin-error">{{ emailError | transloco }}</p>
          }
        </div>
        @let passwordError = errorOf(password(), null);
        <div class="tc-signin-field" [class.tc-invalid]="passwordError">
          <label for="tc-signin-password"
            >{{ 'common.password' | transloco }}<span aria-hidden="true"> *</span></label
          >
          <input
            id="tc-signin-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            [attr.aria-invalid]="passwordError ? true : null"
            [attr.aria-describedby]="passwordError ? 'tc-signin-password-error' : null"
            (input)="edit(password, $event)"
            (blur)="leave(password)"
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
        <a routerLink="/help">{{ 'signIn.help' | transloco }}</a>
        <a routerLink="/privacy">{{ 'signIn.privacy' | transloco }}</a>
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
  protected readonly email = signal<Field>(EMPTY);
  protected readonly password = signal<Field>(EMPTY);
  private readonly submitted = signal(false);

  protected edit(field: WritableSignal<Field>, event: Event): void {
    this.read(field, event.target as HTMLInputElement);
  }

  private read(field: WritableSignal<Field>, input: HTMLInputElement): void {
    field.update((f) => ({
      ...f,
      value: input.value,
      missing: input.validity.valueMissing,
      malformed: input.validity.typeMismatch,
    }));
  }

  protected leave(field: WritableSignal<Field>): void {
    field.update((f) => (f.left ? f : { ...f, left: true }));
  }

  /** The field's message key, as Material's fields: once it is left or the form sent. */
  protected errorOf(field: Field, malformedKey: string | null): string | null {
    if (!field.left && !this.submitted()) return null;
    if (field.missing) return 'common.required';
    return field.malformed ? malformedKey : null;
  }

  protected submit(event: Event): void {
    event.preventDefault();
    // The inputs as they are now (a password manager may have filled them without typing).
    const form = event.target as HTMLFormElement;
    this.read(this.email, form.elements.namedItem('email') as HTMLInputElement);
    this.read(this.password, form.elements.namedItem('password') as HTMLInputElement);
    this.submitted.set(true);
    const email = this.email();
    const password = this.password();
    if (email.missing || email.malformed || password.missing) return;
    this.busy.set(true);
    this.error.set(null);
    this.auth.signIn({ email: email.value.trim(), password: password.value }).subscribe({
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
