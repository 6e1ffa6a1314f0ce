import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ReviewQueuePage, TaskState } from '@tc/shared/contracts';
import { ReviewPage } from './review.page';

const t = (fr: string) => ({ fr });
const level = (key: string, points: number) => ({ key, title: t(key), descriptor: t(''), points });

/** Two criteria (0/1/2 points each), pass at 3; round 1 waiting with one photo. */
const state: TaskState = {
  enrolmentId: 'enr-1',
  lessonKey: 'task-1',
  coachName: 'Salma Ouazzani',
  lessonTitle: { fr: 'La vitrine', ar: 'الواجهة' },
  status: 'waiting',
  task: {
    instructions: t('Photographiez la vitrine.'),
    evidence: [{ kind: 'photo', min: 1, max: 3 }],
    criteria: [
      {
        key: 'shop',
        title: t('Vitrine'),
        competence: null,
        levels: [level('no', 0), level('partly', 1), level('yes', 2)],
      },
      {
        key: 'price',
        title: t('Prix'),
        competence: null,
        levels: [level('no', 0), level('partly', 1), level('yes', 2)],
      },
    ],
    passPoints: 3,
    required: true,
  },
  submissions: [
    {
      id: 'sub-1',
      enrolmentId: 'enr-1',
      lessonKey: 'task-1',
      round: 1,
      status: 'waiting',
      text: 'Voici la vitrine.',
      files: [],
      handedInAt: '2026-12-01T10:00:00.000Z',
      review: null,
    },
  ],
};

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

describe('reviewing a hand-in: the pass needs every criterion and the pass mark', () => {
  let fixture: ComponentFixture<ReviewPage>;
  let http: HttpTestingController;
  let host: HTMLElement;

  const buttons = () => [...host.querySelectorAll<HTMLButtonElement>('.tc-decide button')];
  const tally = () => host.querySelector('.tc-tally')?.textContent?.replace(/\s+/g, ' ') ?? '';
  async function tap(criterion: number, levelIndex: number): Promise<void> {
    const radios = host
      .querySelectorAll<HTMLInputElement>('.tc-criterion')
      [criterion].querySelectorAll('input');
    radios[levelIndex].click();
    fixture.detectChanges();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ReviewPage, TranslocoTestingModule.forRoot({ langs: { fr: {} } })],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReviewPage);
    fixture.componentRef.setInput('cohortId', 'coh-1');
    fixture.componentRef.setInput('submissionId', 'sub-1');
    fixture.componentRef.setInput('enrolment', 'enr-1');
    fixture.componentRef.setInput('lesson', 'task-1');
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/v1/enrolments/enr-1/tasks/task-1').flush(state);
    await settle();
    fixture.detectChanges();
    await fixture.whenStable();
    host = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  it('names the lesson and the coach from the task state (a reload has no queue behind it)', () => {
    expect(host.querySelector('h1')?.textContent?.trim()).toBe('La vitrine');
    expect(host.querySelector('.tc-muted strong')?.textContent?.trim()).toBe('Salma Ouazzani');
  });

  it('nothing scored: both decisions disabled, the reason said', () => {
    const [pass, revise] = buttons();
    expect(pass.disabled).toBe(true);
    expect(revise.disabled).toBe(true);
    expect(tally()).toContain('practice.review.unscored');
    expect(host.querySelector('#tc-pass-why')?.textContent).toContain('practice.review.whyUnscored');
  });

  it('2 of 3 points: may return, may not pass; one more point and the pass opens', async () => {
    await tap(0, 2);
    await tap(1, 0);
    expect(tally()).toContain('practice.review.below');
    expect(buttons()[0].disabled).toBe(true);
    expect(buttons()[1].disabled).toBe(false);
    expect(host.querySelector('#tc-pass-why')?.textContent).toContain('practice.review.whyBelow');

    await tap(1, 1);
    expect(tally()).toContain('practice.review.reached');
    expect(buttons()[0].disabled).toBe(false);
  });

  it('passing sends the levels and the comment, then opens the next waiting hand-in', async () => {
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    await tap(0, 2);
    await tap(1, 1);
    const comment = host.querySelector('textarea') as HTMLTextAreaElement;
    comment.value = '  Belle vitrine.  ';
    comment.dispatchEvent(new Event('input'));
    buttons()[0].click();
    await settle();
    const review = http.expectOne('/api/v1/practice/submissions/sub-1/review');
    expect(review.request.body).toEqual({
      decision: 'pass',
      scores: [
        { criterionKey: 'shop', levelKey: 'yes' },
        { criterionKey: 'price', levelKey: 'partly' },
      ],
      comment: 'Belle vitrine.',
    });
    review.flush({ ...state.submissions[0], status: 'passed' });
    await settle();
    const queue = http.expectOne((r) => r.url === '/api/v1/cohorts/coh-1/practice/queue');
    expect(queue.request.params.get('status')).toBe('waiting');
    const next: ReviewQueuePage = {
      items: [
        {
          submissionId: 'sub-9',
          enrolmentId: 'enr-9',
          coachName: 'Youssef',
          moduleKey: 'm1',
          lessonKey: 'task-1',
          lessonTitle: t('Vitrine'),
          round: 1,
          status: 'waiting',
          handedInAt: '2026-12-02T10:00:00.000Z',
          fileCount: 2,
        },
      ],
      nextCursor: null,
      counts: { waiting: 1, returned: 0, passed: 1 },
    };
    queue.flush(next);
    await settle();
    expect(navigate).toHaveBeenCalledWith(
      ['/cohorts', 'coh-1', 'reviews', 'sub-9'],
      expect.objectContaining({ queryParams: { enrolment: 'enr-9', lesson: 'task-1', module: null } }),
    );
  });
});
