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
import { MatRadioModule } from '@angular/material/radio';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { MATURITY_DIMENSIONS, type MaturityItemId, type MaturityLevel } from '@tc/shared/contracts';
import { today } from '@tc/shared/ui';
import { FieldOutboxService } from '../../offline/field-outbox.service';
import { ITEMS_BY_DIMENSION, type DraftAnswers, completeAnswers, liveScores } from '../../ui/maturity-score';
import { ScoreMeterComponent } from '../../ui/score-meter.component';

/**
 * A digital-maturity check: the 12 items by dimension, each answered 0–3 against plain descriptors,
 * the score shown live as the coach answers (the one rule the server applies too), sent through the
 * outbox.
 */
@Component({
  selector: 'tc-field-check-form-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    RouterLink,
    TranslocoPipe,
    ScoreMeterComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './check-form.page.html',
  styleUrl: '../field.scss',
})
export class CheckFormPage {
  private readonly outbox = inject(FieldOutboxService);
  private readonly router = inject(Router);

  readonly id = input.required<string>();
  readonly fix = input<string | undefined>(undefined);

  protected readonly groups = ITEMS_BY_DIMENSION;
  protected readonly levels: MaturityLevel[] = [0, 1, 2, 3];
  protected readonly dimensions = MATURITY_DIMENSIONS;
  protected readonly draft = signal<DraftAnswers>({});
  protected readonly live = computed(() => liveScores(this.draft()));
  protected readonly missing = signal(false);
  protected readonly takenOn = new FormControl(today(), {
    nonNullable: true,
    validators: Validators.required,
  });
  protected readonly form = new FormGroup({ takenOn: this.takenOn });
  protected readonly maxDay = today();
  private checkId: string = crypto.randomUUID();

  constructor() {
    effect(() => {
      const fix = this.fix();
      untracked(() => {
        const w = this.outbox.waiting().find((x) => x.writeId === fix);
        if (w?.write.kind !== 'create-check') return;
        this.checkId = w.write.body.id;
        this.draft.set({ ...w.write.body.answers });
        this.takenOn.setValue(w.write.body.takenOn);
      });
    });
  }

  protected answer(item: MaturityItemId, level: MaturityLevel): void {
    this.draft.update((d) => ({ ...d, [item]: level }));
    this.missing.set(false);
  }

  protected async save(): Promise<void> {
    const answers = completeAnswers(this.draft());
    if (!answers || this.takenOn.invalid) {
      this.missing.set(!answers);
      this.takenOn.markAsTouched();
      return;
    }
    await this.outbox.write(
      this.id(),
      { kind: 'create-check', body: { id: this.checkId, takenOn: this.takenOn.value, answers } },
      this.fix(),
    );
    await this.router.navigate(['/field/organisations', this.id()]);
  }
}
