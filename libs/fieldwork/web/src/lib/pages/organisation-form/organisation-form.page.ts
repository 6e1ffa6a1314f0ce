import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '@tc/identity/web';
import {
  ORGANISATION_KINDS,
  ORGANISATION_SECTORS,
  type Organisation,
  type OrganisationKind,
  type OrganisationSector,
  type SaveOrganisationRequest,
  type Territory,
} from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { FieldworkApiService } from '../../data-access/fieldwork-api.service';
import { FieldLogService } from '../../offline/field-log.service';
import { FieldOutboxService } from '../../offline/field-outbox.service';
import { copyKey } from '../../offline/field-store';
import { withWaitingLog } from '../../offline/field-writes';
import { injectKeptCopies } from '../../offline/kept-copies';

const YEAR = new Date().getFullYear();

/**
 * Registers an organisation, or edits one (`id`), through the outbox: the coach sees it in their log
 * at once, and the server's likely duplicates once it is sent (on the log page). The territory is
 * picked among the coach's own: a province, then one of its communes (lists kept on the device, so
 * the form works offline once they have been read).
 */
@Component({
  selector: 'tc-field-organisation-form-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    RouterLink,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisation-form.page.html',
  styleUrl: '../field.scss',
})
export class OrganisationFormPage {
  private readonly api = inject(FieldworkApiService);
  private readonly logs = inject(FieldLogService);
  private readonly outbox = inject(FieldOutboxService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly kept = injectKeptCopies();
  private readonly lang = inject(LanguageService).lang;

  /** The organisation edited; absent: a new one. */
  readonly id = input<string | undefined>(undefined);
  /** A refused write the coach corrects (query parameter). */
  readonly fix = input<string | undefined>(undefined);

  protected readonly kinds = ORGANISATION_KINDS;
  protected readonly sectors = ORGANISATION_SECTORS;
  protected readonly maxYear = YEAR;
  protected readonly provinces = signal<Territory[]>([]);
  protected readonly communes = signal<Territory[]>([]);
  protected readonly territoryProblem = signal(false);
  private readonly existing = signal<Organisation | null>(null);
  protected readonly editing = computed(() => !!this.id());

  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200)],
    }),
    kind: new FormControl<OrganisationKind | null>(null, Validators.required),
    sector: new FormControl<OrganisationSector | null>(null, Validators.required),
    province: new FormControl<string | null>(null, Validators.required),
    commune: new FormControl<string | null>(null),
    foundedYear: new FormControl<number | null>(null, [Validators.min(1900), Validators.max(YEAR)]),
    members: new FormControl<number | null>(null, [Validators.min(0), Validators.max(100000)]),
    womenMembers: new FormControl<number | null>(null, [Validators.min(0), Validators.max(100000)]),
    womenLed: new FormControl(false, { nonNullable: true }),
    youthLed: new FormControl(false, { nonNullable: true }),
    consent: new FormControl(false, { nonNullable: true }),
  });
  private readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: null });
  protected readonly needsConsent = computed(() => this.kind() === 'young-enterprise');

  constructor() {
    void this.loadProvinces();
    this.form.controls.province.valueChanges.subscribe((p) => {
      this.form.controls.commune.setValue(null);
      void this.loadCommunes(p);
    });
    effect(() => {
      const id = this.id();
      const fix = this.fix();
      untracked(() => void this.loadExisting(id, fix));
    });
  }

  protected name(t: Territory): string {
    return t.name[this.lang()] || t.name.fr;
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    const consentMissing = v.kind === 'young-enterprise' && !v.consent;
    if (consentMissing) this.form.controls.consent.setErrors({ required: true });
    if (this.form.invalid || consentMissing || !v.kind || !v.sector || !v.province) {
      this.form.markAllAsTouched();
      return;
    }
    const id = this.id() ?? crypto.randomUUID();
    const body: SaveOrganisationRequest = {
      id,
      name: v.name.trim(),
      kind: v.kind,
      sector: v.sector,
      territoryId: v.commune ?? v.province,
      foundedYear: v.foundedYear ?? null,
      members: v.members ?? null,
      womenMembers: v.womenMembers ?? null,
      womenLed: v.womenLed,
      youthLed: v.youthLed,
      ...(v.kind === 'young-enterprise' ? { consent: true } : {}),
    };
    const province = this.provinces().find((p) => p.id === v.province);
    const commune = this.communes().find((c) => c.id === v.commune);
    const territoryName = [commune, province]
      .filter((t): t is Territory => !!t)
      .map((t) => this.name(t))
      .join(', ');
    await this.outbox.write(id, { kind: 'save-organisation', body, territoryName }, this.fix());
    await this.router.navigate(['/field/organisations', id]);
  }

  /** The coach's territories (their coach roles, else their profile's): provinces to choose from. */
  private async loadProvinces(): Promise<void> {
    const me = this.auth.me();
    const ids = [
      ...new Set([
        ...(me?.roles ?? []).filter((r) => r.role === 'coach').map((r) => r.territoryId),
        ...(me?.territoryId ? [me.territoryId] : []),
      ]),
    ];
    try {
      const lists = await Promise.all(
        ids.map(async (id) => {
          const t = (await this.kept(copyKey('territory', id), this.api.territory(id))).value;
          if (t.level === 'commune') return t.ancestors.filter((a) => a.level === 'province');
          if (t.level === 'province') return [t];
          return (await this.kept(copyKey('children', id), this.api.territoryChildren(id))).value;
        }),
      );
      const seen = new Map<string, Territory>();
      for (const t of lists.flat()) seen.set(t.id, t);
      this.provinces.set([...seen.values()]);
      // A new organisation starts in the coach's own province (their profile's), or their only one.
      const own = me?.territoryId && seen.has(me.territoryId) ? me.territoryId : null;
      const only = seen.size === 1 ? [...seen.keys()][0] : null;
      if (!this.id() && !this.form.controls.province.value && (own ?? only)) {
        this.form.controls.province.setValue(own ?? only);
      }
    } catch {
      this.territoryProblem.set(true);
    }
  }

  private async loadCommunes(province: string | null): Promise<void> {
    if (!province) return this.communes.set([]);
    try {
      this.communes.set(
        (await this.kept(copyKey('children', province), this.api.territoryChildren(province))).value,
      );
    } catch {
      this.communes.set([]);
    }
  }

  private async loadExisting(id: string | undefined, fix: string | undefined): Promise<void> {
    if (!id) return;
    const pending = this.outbox.waiting().find((w) => w.writeId === fix);
    const loaded = await this.logs.log(id).catch(() => null);
    const log = withWaitingLog(loaded?.value ?? null, this.outbox.waitingFor(id));
    const o = log?.organisation ?? null;
    this.existing.set(o);
    const body = pending?.write.kind === 'save-organisation' ? pending.write.body : null;
    const src = body ?? o;
    if (!src) return;
    // The territory: a commune under its province, or a province itself.
    let province: string | null = src.territoryId;
    let commune: string | null = null;
    try {
      const t = (await this.kept(copyKey('territory', src.territoryId), this.api.territory(src.territoryId)))
        .value;
      if (t.level === 'commune') {
        province = t.parentId;
        commune = t.id;
      }
    } catch {
      // Offline without a copy: the province list will not show it; the coach picks again.
    }
    this.form.patchValue({
      name: src.name,
      kind: src.kind,
      sector: src.sector,
      province,
      foundedYear: src.foundedYear ?? null,
      members: src.members ?? null,
      womenMembers: src.womenMembers ?? null,
      womenLed: src.womenLed,
      youthLed: src.youthLed,
      consent: body ? !!body.consent : !!o?.consentNotedAt,
    });
    await this.loadCommunes(province);
    this.form.controls.commune.setValue(commune);
  }
}
