import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type ActionLinkInfo, PASSWORD_MIN_LENGTH, type ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, ProblemTexts, problemOf } from '@tc/shared/ui';
import { catchError, map, of, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { passwordRules } from './password.validators';

type LinkState =
  { info: ActionLinkInfo } | { failure: 'notFound' | 'expired' | 'other'; problem: ProblemDetails };

/** The cohorts' page where a signed-in person accepts an invitation into a cohort (`…/:token`). */
const ENROLMENT_INVITATION_PAGE = '/join/invitation';

/**
 * `/links/:token`: accept an invitation or a password reset by choosing a password. An existing
 * account's invitation into a cohort is accepted signed in, on the cohorts' page it leads to.
 */
@Component({
  selector: 'tc-accept-link-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-narrow">
      @if (state(); as s) {
        @if ('info' in s) {
          @if (s.info.purpose === 'invitation') {
            <h1>{{ 'acceptLink.invitationTitle' | transloco: { name: s.info.displayName } }}</h1>
            <p>{{ 'acceptLink.invitationIntro' | transloco }}</p>
          } @else {
            <h1>{{ 'acceptLink.resetTitle' | transloco }}</h1>
            <p>{{ 'acceptLink.resetIntro' | transloco }}</p>
          }
          <form class="tc-form" [formGroup]="form" (ngSubmit)="submit(s.info)" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'common.email' | transloco }}</mat-label>
              <input
                matInput
                type="email"
                [value]="s.info.email"
                readonly
                autocomplete="username"
                dir="ltr"
              />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'acceptLink.password' | transloco }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="password"
                autocomplete="new-password"
                required
              />
              <mat-hint>{{ 'acceptLink.passwordHint' | transloco: { min: minLength } }}</mat-hint>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'acceptLink.confirm' | transloco }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="confirm"
                autocomplete="new-password"
                required
              />
            </mat-form-field>
            @if (showRuleErrors()) {
              <ul class="tc-error" role="alert">
                @if (form.hasError('tooShort')) {
                  <li>{{ 'acceptLink.errors.tooShort' | transloco: { min: minLength } }}</li>
                }
                @if (form.hasError('sameAsEmail')) {
                  <li>{{ 'acceptLink.errors.sameAsEmail' | transloco }}</li>
                }
                @if (form.hasError('mismatch')) {
                  <li>{{ 'acceptLink.errors.mismatch' | transloco }}</li>
                }
              </ul>
            }
            @if (serverPasswordError(); as message) {
              <p class="tc-error" role="alert">{{ message }}</p>
            }
            <tc-problem-message [problem]="problem()" [fields]="['password']" />
            <button mat-flat-button type="submit" [disabled]="busy()">
              {{ 'acceptLink.submit' | transloco }}
            </button>
          </form>
        } @else {
          <h1>{{ 'acceptLink.failedTitle' | transloco }}</h1>
          <p role="alert">{{ 'acceptLink.errors.' + s.failure | transloco }}</p>
          <p>
            <a routerLink="/forgot-password">{{ 'acceptLink.askNew' | transloco }}</a>
          </p>
        }
      } @else {
        <p role="status">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
})
export class AcceptLinkPage {
  private readonly auth = inject(AuthService);
  private readonly problemTexts = inject(ProblemTexts);
  private readonly router = inject(Router);
  /** Route parameter `:token`. */
  readonly token = input.required<string>();

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly state = signal<LinkState | null>(null);
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly serverPasswordError = signal<string | null>(null);
  private email = '';

  protected readonly form = new FormGroup(
    {
      password: new FormControl('', { nonNullable: true }),
      confirm: new FormControl('', { nonNullable: true }),
    },
    { validators: passwordRules(() => this.email) },
  );

  constructor() {
    toObservable(this.token)
      .pipe(
        switchMap((token) =>
          this.auth.linkInfo(token).pipe(
            map((info): LinkState => ({ info })),
            catchError((e: unknown) => {
              const problem = problemOf(e);
              const failure =
                problem.status === 404 ? 'notFound' : problem.status === 410 ? 'expired' : 'other';
              return of<LinkState>({ failure, problem });
            }),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((state) => {
        if ('info' in state && state.info.purpose === 'enrolment') {
          // No password here: the invitee signs in (the page asks first) and accepts there.
          void this.router.navigateByUrl(`${ENROLMENT_INVITATION_PAGE}/${encodeURIComponent(this.token())}`, {
            replaceUrl: true,
          });
          return;
        }
        if ('info' in state) this.email = state.info.email;
        this.state.set(state);
      });
  }

  protected showRuleErrors(): boolean {
    return this.form.invalid && (this.submitted() || this.form.controls.confirm.dirty);
  }

  protected submit(info: ActionLinkInfo): void {
    this.submitted.set(true);
    this.email = info.email;
    this.form.updateValueAndValidity();
    if (this.form.invalid) return;
    this.busy.set(true);
    this.problem.set(null);
    this.serverPasswordError.set(null);
    this.auth.acceptLink({ token: this.token(), password: this.form.controls.password.value }).subscribe({
      next: () => void this.router.navigateByUrl('/'),
      error: (e: unknown) => {
        this.busy.set(false);
        const problem = problemOf(e);
        this.serverPasswordError.set(this.problemTexts.field(problem, 'password'));
        this.problem.set(problem);
      },
    });
  }
}
