import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LESSON_DISCUSSION, LessonDiscussionComponent } from './lesson-discussion';

@Component({
  selector: 'tc-fake-questions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p>questions of {{ enrolmentId() }} / {{ lessonKey() }}</p>`,
})
class FakeQuestionsComponent {
  readonly enrolmentId = input.required<string>();
  readonly lessonKey = input.required<string>();
}

describe('LessonDiscussionComponent', () => {
  async function render(provided: boolean) {
    let loads = 0;
    TestBed.configureTestingModule({
      providers: provided
        ? [
            {
              provide: LESSON_DISCUSSION,
              useValue: () => {
                loads++;
                return Promise.resolve(FakeQuestionsComponent);
              },
            },
          ]
        : [],
    });
    const fixture = TestBed.createComponent(LessonDiscussionComponent);
    fixture.componentRef.setInput('enrolmentId', 'e-1');
    fixture.componentRef.setInput('lessonKey', 'm1-l2');
    await fixture.whenStable();
    return { el: fixture.nativeElement as HTMLElement, loads: () => loads };
  }

  it('loads the block once it is made and shows it for this lesson', async () => {
    const { el, loads } = await render(true);
    expect(el.textContent?.trim()).toBe('questions of e-1 / m1-l2');
    expect(loads()).toBe(1);
  });

  it('shows nothing when the app provides no block', async () => {
    const { el } = await render(false);
    expect(el.textContent?.trim()).toBe('');
  });
});
