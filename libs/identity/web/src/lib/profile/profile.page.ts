import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  GENDERS,
  type Gender,
  LOCALES,
  type Locale,
  type Me,
  ORGANISATION_TYPES,
  type OrganisationType,
  type ProblemDetails,
  type UpdateProfileRequest,
} from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, ProblemTexts, problemOf } from '@tc/shared/ui';
import { TerritoryPickerComponent } from '@tc/territories/web';
import { AuthService } from '../auth/auth.service';
import { MeService } from '../me/me.service';
import { MyConsentsComponent } from './my-consents.component';
import { MyDataComponent } from './my-data.component';
import { MyErasureComponent } from './my-erasure.component';

const THIS_YEAR = new Date().getFullYear();
const PROFILE_FIELDS = [
  'displayName',
  'preferredLanguage',
  'territoryId',
  'organisationType',
  'organisationName',
  'gender',
  'birthYear',
] as const;

/** The person edits their own profile; demographic data are optional and can be withheld. */
@Component({
  selector: 'tc-profile-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    TranslocoPipe,
    ProblemMessageComponent,
    TerritoryPickerComponent,
    MyConsentsComponent,
    MyDataComponent,
    MyErasureComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile.page.html',
  styles: `
    .tc-demographics {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding-inline: 0.75rem;
      padding-block: 0.25rem 0.75rem;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      min-inline-size: 0;
    }
    .tc-demographics legend {
      padding-inline: 0.25rem;
    }
    .tc-explain {
      margin: 0;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-wording {
      padding-inline-start: 0.5rem;
      border-inline-start: 3px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class ProfilePage {
  private readonly auth = inject(AuthService);
  private readonly problemTexts = inject(ProblemTexts);
  private readonly meService = inject(MeService);
  private readonly language = inject(LanguageService);

  protected readonly locales = LOCALES;
  protected readonly organisationTypes = ORGANISATION_TYPES;
  protected readonly genders = GENDERS;
  protected readonly maxBirthYear = THIS_YEAR - 10;
  protected readonly minBirthYear = 1920;
  protected readonly email = signal('');
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fields = PROFILE_FIELDS;
  private readonly consents = viewChild(MyConsentsComponent);

  protected readonly form = new FormGroup({
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(120)],
    }),
    preferredLanguage: new FormControl<Locale>('fr', { nonNullable: true }),
    territoryId: new FormControl<string | null>(null),
    organisationType: new FormControl<OrganisationType | null>(null),
    organisationName: new FormControl<string | null>(null, Validators.maxLength(200)),
    gender: new FormControl<Gender | null>(null),
    birthYear: new FormControl<number | null>(null, [
      Validators.min(this.minBirthYear),
      Validators.max(this.maxBirthYear),
    ]),
    demographicsWithheld: new FormControl(false, { nonNullable: true }),
  });

  constructor() {
    const me = this.auth.me();
    if (me) this.fill(me);
    this.meService.load().subscribe({ next: (fresh) => this.fill(fresh), error: () => undefined });
    this.form.controls.demographicsWithheld.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((withheld) => this.toggleDemographics(withheld));
  }

  protected serverError(field: string): string | null {
    return this.problemTexts.field(this.problem(), field);
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const request: UpdateProfileRequest = {
      displayName: v.displayName.trim(),
      preferredLanguage: v.preferredLanguage,
      territoryId: v.territoryId,
      organisationType: v.organisationType,
      organisationName: v.organisationName?.trim() || null,
      gender: v.demographicsWithheld ? null : v.gender,
      birthYear: v.demographicsWithheld || v.birthYear === null ? null : Number(v.birthYear),
      demographicsWithheld: v.demographicsWithheld,
    };
    this.saving.set(true);
    this.saved.set(false);
    this.problem.set(null);
    this.meService.update(request).subscribe({
      next: (me) => {
        this.saving.set(false);
        this.saved.set(true);
        if (me.preferredLanguage !== this.language.lang()) this.language.use(me.preferredLanguage);
        this.fill(me);
        // Saving demographics gives (or, cleared, withdraws) consent to them: the list says so at once.
        this.consents()?.load();
      },
      error: (e: unknown) => {
        this.saving.set(false);
        this.problem.set(problemOf(e));
      },
    });
  }

  /** A consent was withdrawn below: the demographics it allowed may be gone from the form. */
  protected consentWithdrawn(): void {
    this.meService.load().subscribe({ next: (fresh) => this.fill(fresh), error: () => undefined });
  }

  private fill(me: Me): void {
    this.email.set(me.email);
    this.form.reset(
      {
        displayName: me.displayName,
        preferredLanguage: me.preferredLanguage,
        territoryId: me.territoryId,
        organisationType: me.organisationType,
        organisationName: me.organisationName,
        gender: me.gender,
        birthYear: me.birthYear,
        demographicsWithheld: me.demographicsWithheld,
      },
      { emitEvent: false },
    );
    this.toggleDemographics(me.demographicsWithheld);
  }

  private toggleDemographics(withheld: boolean): void {
    const { gender, birthYear } = this.form.controls;
    if (withheld) {
      gender.disable({ emitEvent: false });
      birthYear.disable({ emitEvent: false });
    } else {
      gender.enable({ emitEvent: false });
      birthYear.enable({ emitEvent: false });
    }
  }
}
