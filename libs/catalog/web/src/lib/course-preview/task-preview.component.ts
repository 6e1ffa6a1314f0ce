import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CoachTask } from '@tc/shared/contracts';

/** A practical task's terms as a coach reads them (the page shows its instructions): what to hand in, the rubric. */
@Component({
  selector: 'tc-task-preview',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let t = task();
    <h4>{{ 'courses.task.previewEvidence' | transloco }}</h4>
    <ul class="tc-evidence">
      @for (e of t.evidence; track e.kind) {
        <li>
          {{
            'courses.task.previewCount'
              | transloco: { kind: ('courses.task.kinds.' + e.kind | transloco), min: e.min, max: e.max }
          }}
        </li>
      }
    </ul>
    <h4>{{ 'courses.task.previewRubric' | transloco }}</h4>
    <ol class="tc-rubric">
      @for (c of t.criteria; track c.key) {
        <li>
          <p class="tc-criterion">
            {{ c.title }}
            @if (c.competence) {
              <span class="tc-competence" dir="ltr">DigComp {{ c.competence }}</span>
            }
          </p>
          <ul class="tc-levels">
            @for (v of c.levels; track v.key) {
              <li>
                <span class="tc-points">{{ 'courses.task.previewPoints' | transloco: { n: v.points } }}</span>
                <strong>{{ v.title }}</strong>
                @if (v.descriptor) {
                  <span> — {{ v.descriptor }}</span>
                }
              </li>
            }
          </ul>
        </li>
      }
    </ol>
    <p class="tc-pass">
      {{ 'courses.task.previewPass' | transloco: { pass: t.passPoints, max: t.maxPoints } }}
    </p>
    @if (t.required) {
      <p class="tc-pass">{{ 'courses.task.previewRequired' | transloco }}</p>
    }
  `,
  styles: `
    h4 {
      margin-block: 1rem 0.25rem;
    }
    .tc-evidence,
    .tc-rubric,
    .tc-levels {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .tc-rubric > li {
      margin-block-end: 0.5rem;
    }
    .tc-criterion {
      font-weight: 500;
      margin-block: 0.25rem;
    }
    .tc-competence,
    .tc-points {
      font-size: 0.8125rem;
      padding-inline: 0.4rem;
      margin-inline-end: 0.25rem;
      border-radius: 1rem;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      white-space: nowrap;
    }
    .tc-pass {
      font-weight: 500;
    }
  `,
})
export class TaskPreviewComponent {
  readonly task = input.required<CoachTask>();
}
