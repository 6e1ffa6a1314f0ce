import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** A rubric criterion in one language. */
export interface RubricView {
  key: string;
  title: string;
  competence: string | null;
  levels: readonly { key: string; title: string; descriptor: string; points: number }[];
}

let nextId = 0;

/**
 * A rubric: each criterion with its levels (title, what work at that level looks like, points).
 * Read-only for the coach (the levels a review chose marked), or to score: each level a large radio
 * button to tap, one per criterion.
 */
@Component({
  selector: 'tc-rubric',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (c of criteria(); track c.key) {
      <fieldset class="tc-criterion" [disabled]="!scoring()">
        <legend>
          {{ c.title }}
          @if (c.competence) {
            <span class="tc-competence">DigComp {{ c.competence }}</span>
          }
        </legend>
        <div class="tc-levels">
          @for (l of c.levels; track l.key) {
            @let picked = chosen()[c.key] === l.key;
            @if (scoring()) {
              <label class="tc-level" [class.tc-picked]="picked">
                <input
                  type="radio"
                  [name]="id + '-' + c.key"
                  [checked]="picked"
                  (change)="choose.emit({ criterion: c.key, level: l.key })"
                />
                <span class="tc-level-head">
                  <strong>{{ l.title }}</strong>
                  <span class="tc-points">{{ 'practice.rubric.points' | transloco: { n: l.points } }}</span>
                </span>
                @if (l.descriptor) {
                  <span class="tc-descriptor">{{ l.descriptor }}</span>
                }
              </label>
            } @else {
              <div class="tc-level" [class.tc-picked]="picked">
                <span class="tc-level-head">
                  <strong>
                    @if (picked) {
                      <span class="tc-visually-hidden">{{ 'practice.rubric.chosen' | transloco }}: </span>
                    }
                    {{ l.title }}
                  </strong>
                  <span class="tc-points">{{ 'practice.rubric.points' | transloco: { n: l.points } }}</span>
                </span>
                @if (l.descriptor) {
                  <span class="tc-descriptor">{{ l.descriptor }}</span>
                }
              </div>
            }
          }
        </div>
      </fieldset>
    }
  `,
  styleUrl: './rubric.component.scss',
})
export class RubricComponent {
  readonly criteria = input.required<readonly RubricView[]>();
  /** Criterion key → the level chosen. */
  readonly chosen = input<Readonly<Record<string, string>>>({});
  /** True: the levels are radio buttons to score with. */
  readonly scoring = input(false);
  readonly choose = output<{ criterion: string; level: string }>();
  protected readonly id = `tc-rubric-${nextId++}`;
}
