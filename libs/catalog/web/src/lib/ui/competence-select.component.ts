import { ChangeDetectionStrategy, Component, inject, input, model } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { LocalizedNamePipe } from '@tc/shared/ui';
import { catchError, of } from 'rxjs';
import { CoursesService } from '../data-access/courses.service';

/** DigComp 2.2 competences, several at once, grouped by area. */
@Component({
  selector: 'tc-competence-select',
  imports: [MatFormFieldModule, MatSelectModule, TranslocoPipe, LocalizedNamePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" class="tc-competences">
      <mat-label>{{ label() | transloco }}</mat-label>
      <mat-select multiple [value]="value()" (valueChange)="value.set($event)" [disabled]="disabled()">
        @for (area of areas(); track area.code) {
          <mat-optgroup [label]="area.code + ' · ' + (area.title | localizedName)">
            @for (c of area.competences; track c.code) {
              <mat-option [value]="c.code">{{ c.code }} {{ c.title | localizedName }}</mat-option>
            }
          </mat-optgroup>
        }
      </mat-select>
      <mat-hint>{{ 'courses.competences.hint' | transloco }}</mat-hint>
    </mat-form-field>
  `,
  styles: `
    .tc-competences {
      inline-size: 100%;
    }
  `,
})
export class CompetenceSelectComponent {
  readonly value = model<string[]>([]);
  readonly label = input('courses.competences.label');
  readonly disabled = input(false);
  protected readonly areas = toSignal(
    inject(CoursesService)
      .competences()
      .pipe(catchError(() => of([]))),
    {
      initialValue: [],
    },
  );
}
