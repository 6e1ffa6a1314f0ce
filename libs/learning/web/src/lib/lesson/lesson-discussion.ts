import { NgComponentOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  InjectionToken,
  type Type,
  inject,
  input,
  resource,
} from '@angular/core';

/**
 * What the lesson player shows under a lesson for questions about it: the conversation domain's
 * block, which the app provides (learning knows nothing of conversation). It takes the inputs
 * `enrolmentId` and `lessonKey`. Without it the player shows none.
 */
export const LESSON_DISCUSSION = new InjectionToken<() => Promise<Type<unknown>>>('LESSON_DISCUSSION');

/**
 * The place of the lesson's discussion: loads the block when it is created and shows it. The lesson
 * page creates it when the end of the lesson comes near the screen, so that a phone opening a lesson
 * spends its first seconds on the lesson, not on a form below it.
 */
@Component({
  selector: 'tc-lesson-discussion',
  imports: [NgComponentOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (block.hasValue()) {
      <ng-container
        *ngComponentOutlet="block.value(); inputs: { enrolmentId: enrolmentId(), lessonKey: lessonKey() }"
      />
    }
  `,
})
export class LessonDiscussionComponent {
  readonly enrolmentId = input.required<string>();
  readonly lessonKey = input.required<string>();
  private readonly load = inject(LESSON_DISCUSSION, { optional: true });
  protected readonly block = resource({
    params: () => this.load ?? undefined,
    loader: ({ params: load }) => load(),
  });
}
