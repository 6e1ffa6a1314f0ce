import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthService } from '@tc/identity/web';
import type { CoachTask, Submission, TaskState } from '@tc/shared/contracts';
import { EVIDENCE_UPLOADER } from '../data-access/evidence-uploader';
import { MemoryTaskDraftStore, TASK_DRAFTS, type TaskDraft } from '../data-access/task-drafts';
import { TaskHandInComponent } from './task-hand-in.component';

const TASK_URL = '/api/v1/enrolments/enr-1/tasks/task-1';

const task: CoachTask = {
  instructionsHtml: '<p>Photographiez la vitrine de la coopérative.</p>',
  locale: 'fr',
  evidence: [
    { kind: 'text', min: 1, max: 1 },
    { kind: 'photo', min: 1, max: 3 },
  ],
  criteria: [
    {
      key: 'shop',
      title: 'La vitrine',
      competence: '3.1',
      levels: [
        { key: 'no', title: 'Absente', descriptor: 'Pas de vitrine', points: 0 },
        { key: 'yes', title: 'Claire', descriptor: 'Produits et prix visibles', points: 2 },
      ],
    },
  ],
  passPoints: 2,
  maxPoints: 2,
  required: true,
};

function submission(
  round: number,
  status: Submission['status'],
  extra: Partial<Submission> = {},
): Submission {
  return {
    id: `sub-${round}`,
    enrolmentId: 'enr-1',
    lessonKey: 'task-1',
    round,
    status,
    text: `Tour ${round}`,
    files: [],
    handedInAt: '2026-12-01T10:00:00.000Z',
    review: null,
    ...extra,
  };
}

function state(submissions: Submission[]): TaskState {
  return {
    enrolmentId: 'enr-1',
    lessonKey: 'task-1',
    coachName: 'Salma Ouazzani',
    lessonTitle: { fr: 'La vitrine' },
    task: { instructions: {}, evidence: task.evidence, criteria: [], passPoints: 2, required: true },
    status: submissions[0]?.status ?? null,
    submissions,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

describe('the coach’s hand-in: what the page says at each step', () => {
  let fixture: ComponentFixture<TaskHandInComponent>;
  let http: HttpTestingController;
  let store: MemoryTaskDraftStore;

  async function open(answer: TaskState | 'offline'): Promise<HTMLElement> {
    fixture = TestBed.createComponent(TaskHandInComponent);
    fixture.componentRef.setInput('enrolmentId', 'enr-1');
    fixture.componentRef.setInput('lessonKey', 'task-1');
    fixture.componentRef.setInput('task', task);
    fixture.detectChanges();
    await settle();
    const req = http.expectOne(TASK_URL);
    if (answer === 'offline') req.error(new ProgressEvent('error'), { status: 0 });
    else req.flush(answer);
    await settle();
    fixture.detectChanges();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (host: HTMLElement) => host.textContent?.replace(/\s+/g, ' ') ?? '';

  beforeEach(() => {
    store = new MemoryTaskDraftStore();
    TestBed.configureTestingModule({
      imports: [TaskHandInComponent, TranslocoTestingModule.forRoot({ langs: { fr: {} } })],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TASK_DRAFTS, useValue: store },
        { provide: EVIDENCE_UPLOADER, useValue: () => Promise.reject(new Error('offline')) },
        { provide: AuthService, useValue: { me: signal({ id: 'coach-1' }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  it('nothing handed in yet: the instructions, the rubric, the rules and the form', async () => {
    const host = await open(state([]));
    expect(host.querySelector('.tc-html')?.textContent).toContain('Photographiez la vitrine');
    expect(text(host)).toContain('La vitrine');
    expect(host.querySelector('input[type=file][capture=environment][accept="image/*"]')).not.toBeNull();
    expect(host.querySelector('textarea')).not.toBeNull();
    expect(text(host)).toContain('practice.actions.handIn');
    expect(text(host)).not.toContain('practice.state.');
  });

  it('handed in, waiting for review: no form, a withdraw button', async () => {
    const host = await open(state([submission(1, 'waiting')]));
    expect(text(host)).toContain('practice.state.waiting');
    expect(host.querySelector('form')).toBeNull();
    expect(text(host)).toContain('practice.withdraw.action');
  });

  it('returned: the review (points, comment, levels) and the form for round 2', async () => {
    const returned = submission(1, 'returned', {
      review: {
        reviewerId: 't-1',
        reviewerName: 'Samira',
        decision: 'revise',
        scores: [{ criterionKey: 'shop', levelKey: 'no' }],
        points: 0,
        comment: 'Les prix ne se voient pas.',
        voiceComment: null,
        decidedAt: '2026-12-02T10:00:00.000Z',
      },
    });
    const host = await open(state([returned]));
    expect(text(host)).toContain('practice.state.returned');
    expect(text(host)).toContain('Les prix ne se voient pas.');
    expect(host.querySelector('tc-voice-comment')).toBeNull();
    expect(host.querySelector('.tc-review .tc-picked')?.textContent).toContain('Absente');
    expect(host.querySelector('form h2')?.textContent).toContain('practice.form.revise');
    expect(text(host)).toContain('practice.history.round');
  });

  it('returned with a voice comment (and no written one): a player in the feedback', async () => {
    URL.createObjectURL = () => 'blob:test/voice';
    URL.revokeObjectURL = () => undefined;
    const returned = submission(1, 'returned', {
      review: {
        reviewerId: 't-1',
        reviewerName: 'Samira',
        decision: 'revise',
        scores: [{ criterionKey: 'shop', levelKey: 'no' }],
        points: 0,
        comment: '',
        voiceComment: { id: 'vc-1', mediaType: 'audio/webm', bytes: 4 },
        decidedAt: '2026-12-02T10:00:00.000Z',
      },
    });
    const host = await open(state([returned]));
    expect(host.querySelector('.tc-review blockquote')).toBeNull();
    http.expectOne('/api/v1/practice/voice-comments/vc-1').flush(new Blob(['ogg']));
    await settle();
    fixture.detectChanges();
    expect(host.querySelector('.tc-review tc-voice-comment audio')?.getAttribute('src')).toBe(
      'blob:test/voice',
    );
  });

  it('passed: says so, no form', async () => {
    const host = await open(state([submission(2, 'passed'), submission(1, 'returned')]));
    expect(text(host)).toContain('practice.state.passed');
    expect(host.querySelector('form')).toBeNull();
    expect(host.querySelectorAll('.tc-history > li').length).toBe(2);
  });

  it('handed in offline: waiting to send, the draft locked', async () => {
    const queued: TaskDraft = {
      userId: 'coach-1',
      enrolmentId: 'enr-1',
      lessonKey: 'task-1',
      text: 'Ma visite',
      files: [],
      updatedAt: '2026-12-06T10:00:00.000Z',
      handInId: 'h-1',
      handInRequestedAt: '2026-12-06T10:00:00.000Z',
    };
    await store.put(queued);
    const host = await open('offline');
    // The outbox tried to send it at once: the hand-in request fails offline too.
    for (const req of http.match(`${TASK_URL}/submissions`))
      req.error(new ProgressEvent('error'), { status: 0 });
    await settle();
    fixture.detectChanges();
    expect(text(host)).toContain('practice.state.queued');
    expect(host.querySelector('form')).toBeNull();
    expect(text(host)).toContain('practice.actions.keepEditing');
  });

  it('a draft on the device: says it is kept here', async () => {
    await store.put({
      userId: 'coach-1',
      enrolmentId: 'enr-1',
      lessonKey: 'task-1',
      text: 'Brouillon',
      files: [],
      updatedAt: '2026-12-06T10:00:00.000Z',
      handInId: null,
      handInRequestedAt: null,
    });
    const host = await open(state([]));
    expect(text(host)).toContain('practice.state.draft');
    expect((host.querySelector('textarea') as HTMLTextAreaElement).value).toBe('Brouillon');
  });
});
