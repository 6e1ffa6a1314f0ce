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
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { MILESTONE_KINDS, type MilestoneKind, type OrganisationLog } from '@tc/shared/contracts';
import { today } from '@tc/shared/ui';
import { FieldLogService } from '../../offline/field-log.service';
import { FieldOutboxService } from '../../offline/field-outbox.service';
import { withWaitingLog } from '../../offline/field-writes';

/** A web address the evidence may point to: http(s) only. */
const URL_PATTERN = /^https?:\/\/\S+\.\S+$/i;

/** A milestone reached: its kind (one not reached yet), the day, and optional evidence. */
@Component({
  selector: 'tc-field-milestone-form-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    RouterLink,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './milestone-form.page.html',
  styleUrl: '../field.scss',
})
export class MilestoneFormPage {
  private readonly logs = inject(FieldLogService);
  private readonly outbox = inject(FieldOutboxService);
  private readonly router = inject(Router);

  readonly id = input.required<string>();
  readonly fix = input<string | undefined>(undefined);

  private readonly loaded = signal<OrganisationLog | null>(null);
  protected readonly maxDay = today();
  private recordId: string = crypto.randomUUID();
  /** The kinds not reached yet (a refused one being corrected stays choosable). */
  protected readonly kinds = computed(() => {
    const log = withWaitingLog(
      this.loaded(),
      this.outbox.waitingFor(this.id()).filter((w) => w.writeId !== this.fix()),
    );
    const reached = new Set((log?.milestones ?? []).map((m) => m.kind));
    return MILESTONE_KINDS.filter((k) => !reached.has(k));
  });

  protected readonly form = new FormGroup({
    kind: new FormControl<MilestoneKind | null>(null, Validators.required),
    reachedOn: new FormControl(today(), { nonNullable: true, validators: Validators.required }),
    evidenceUrl: new FormControl('', {
      nonNullable: true,
      validators: [Validators.pattern(URL_PATTERN), Validators.maxLength(500)],
    }),
    evidenceNote: new FormControl('', { nonNullable: true, validators: Validators.maxLength(1000) }),
  });

  constructor() {
    effect(() => {
      const id = this.id();
      const fix = this.fix();
      untracked(() => void this.load(id, fix));
    });
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    if (this.form.invalid || !v.kind) return this.form.markAllAsTouched();
    await this.outbox.write(
      this.id(),
      {
        kind: 'create-milestone',
        body: {
          id: this.recordId,
          kind: v.kind,
          reachedOn: v.reachedOn,
          evidenceUrl: v.evidenceUrl.trim() || null,
          evidenceNote: v.evidenceNote.trim() || null,
        },
      },
      this.fix(),
    );
    await this.router.navigate(['/field/organisations', this.id()]);
  }

  private async load(id: string, fix: string | undefined): Promise<void> {
    const w = this.outbox.waiting().find((x) => x.writeId === fix);
    if (w?.write.kind === 'create-milestone') {
      const b = w.write.body;
      this.recordId = b.id;
      this.form.patchValue({
        kind: b.kind,
        reachedOn: b.reachedOn,
        evidenceUrl: b.evidenceUrl ?? '',
        evidenceNote: b.evidenceNote ?? '',
      });
    }
    this.loaded.set((await this.logs.log(id).catch(() => null))?.value ?? null);
  }
}
