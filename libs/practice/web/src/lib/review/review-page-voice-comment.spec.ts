import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { By } from '@angular/platform-browser';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Submission, TaskState } from '@tc/shared/contracts';
import {
  EVIDENCE_UPLOADER,
  type VoiceCommentUpload,
  type UploadCallbacks,
} from '../data-access/evidence-uploader';
import type { Recording } from '../ui/voice-recorder.component';
import { ReviewPage } from './review.page';

const t = (fr: string) => ({ fr });
const TASK_URL = '/api/v1/enrolments/enr-1/tasks/task-1';
const REVIEW_URL = '/api/v1/practice/submissions/sub-1/review';

/** One criterion (0/2 points), pass at 2; round 1 waiting. */
function state(review: Submission['review'] = null): TaskState {
  return {
    enrolmentId: 'enr-1',
    lessonKey: 'task-1',
    coachName: 'Salma Ouazzani',
    lessonTitle: t('La vitrine'),
    status: review ? 'returned' : 'waiting',
    task: {
      instructions: t('Décrivez la vitrine.'),
      evidence: [{ kind: 'text', min: 1, max: 1 }],
      criteria: [
        {
          key: 'shop',
          title: t('Vitrine'),
          competence: null,
          levels: [
            { key: 'no', title: t('no'), descriptor: t(''), points: 0 },
            { key: 'yes', title: t('yes'), descriptor: t(''), points: 2 },
          ],
        },
      ],
      passPoints: 2,
      required: true,
    },
    submissions: [
      {
        id: 'sub-1',
        enrolmentId: 'enr-1',
        lessonKey: 'task-1',
        round: 1,
        status: review ? 'returned' : 'waiting',
        text: 'Voici la vitrine.',
        files: [],
        handedInAt: '2026-12-01T10:00:00.000Z',
        review,
      },
    ],
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

describe('reviewing with a voice comment: recorded here, uploaded with the decision, referenced by it', () => {
  let fixture: ComponentFixture<ReviewPage>;
  let http: HttpTestingController;
  let host: HTMLElement;
  let uploads: { upload: VoiceCommentUpload; callbacks: UploadCallbacks }[];
  let answer: () => Promise<string>;

  const recording: Recording = {
    blob: new Blob(['ogg'], { type: 'audio/webm' }),
    type: 'audio/webm',
    durationMs: 4000,
  };
  const revise = () =>
    [...host.querySelectorAll<HTMLButtonElement>('.tc-decide button')].find((b) =>
      b.textContent?.includes('practice.review.revise'),
    ) as HTMLButtonElement;

  async function open(review: Submission['review'] = null): Promise<void> {
    fixture = TestBed.createComponent(ReviewPage);
    fixture.componentRef.setInput('cohortId', 'coh-1');
    fixture.componentRef.setInput('submissionId', 'sub-1');
    fixture.componentRef.setInput('enrolment', 'enr-1');
    fixture.componentRef.setInput('lesson', 'task-1');
    fixture.detectChanges();
    await settle();
    http.expectOne(TASK_URL).flush(state(review));
    await settle();
    fixture.detectChanges();
    host = fixture.nativeElement as HTMLElement;
  }

  /** What the shared recorder hands over when the trainer stops. */
  async function record(): Promise<void> {
    fixture.debugElement.query(By.css('tc-voice-recorder')).triggerEventHandler('recorded', recording);
    fixture.detectChanges();
    await fixture.whenStable();
  }

  async function scoreAndRevise(): Promise<void> {
    (host.querySelectorAll<HTMLInputElement>('.tc-criterion input')[0] as HTMLInputElement).click();
    fixture.detectChanges();
    revise().click();
    await settle();
    fixture.detectChanges();
  }

  beforeEach(() => {
    uploads = [];
    answer = () => Promise.resolve('vc-1');
    URL.createObjectURL = () => 'blob:test/take';
    URL.revokeObjectURL = () => undefined;
    TestBed.configureTestingModule({
      imports: [ReviewPage, TranslocoTestingModule.forRoot({ langs: { fr: {} } })],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: EVIDENCE_UPLOADER,
          useValue: (upload: VoiceCommentUpload, callbacks: UploadCallbacks) => {
            uploads.push({ upload, callbacks });
            callbacks.created('/api/v1/practice/uploads/up-1');
            callbacks.progress(3, 3);
            return answer();
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('the recording is previewed, uploaded for this round (no file name) and named by the review; no text needed', async () => {
    await open();
    expect(host.querySelector('.tc-voice tc-voice-recorder')).not.toBeNull();
    await record();
    expect(host.querySelector('.tc-voice audio')?.getAttribute('src')).toBe('blob:test/take');
    expect(host.querySelector('.tc-voice tc-voice-recorder')).toBeNull();

    await scoreAndRevise();
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.upload).toEqual({
      blob: recording.blob,
      uploadUrl: null,
      metadata: { submissionId: 'sub-1', kind: 'audio', filetype: 'audio/webm' },
    });
    const review = http.expectOne(REVIEW_URL);
    expect(review.request.body).toEqual({
      decision: 'revise',
      scores: [{ criterionKey: 'shop', levelKey: 'no' }],
      comment: '',
      voiceCommentId: 'vc-1',
    });
    review.flush({ ...state().submissions[0], status: 'returned' });
    await settle();
    http
      .expectOne((r) => r.url === '/api/v1/cohorts/coh-1/practice/queue')
      .flush({
        items: [],
        nextCursor: null,
        counts: { waiting: 0, returned: 1, passed: 0 },
      });
    await settle();
  });

  it('an upload that fails says so and sends no review; deciding again resumes the same upload', async () => {
    await open();
    await record();
    answer = () => Promise.reject(new Error('offline'));
    await scoreAndRevise();
    expect(host.querySelector('.tc-voice [role=alert]')?.textContent).toContain(
      'practice.review.voiceFailed',
    );
    http.expectNone(REVIEW_URL);

    answer = () => Promise.resolve('vc-2');
    revise().click();
    await settle();
    fixture.detectChanges();
    expect(uploads[1]?.upload.uploadUrl).toBe('/api/v1/practice/uploads/up-1');
    expect(host.querySelector('.tc-voice [role=alert]')).toBeNull();
    const review = http.expectOne(REVIEW_URL);
    expect(review.request.body.voiceCommentId).toBe('vc-2');
    // The review itself fails: a retry sends the stored recording's id again, not the bytes.
    review.flush(
      { type: 'about:blank', title: 'Conflict', status: 409, code: 'conflict' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    revise().click();
    await settle();
    expect(uploads).toHaveLength(2);
    expect(http.expectOne(REVIEW_URL).request.body.voiceCommentId).toBe('vc-2');
  });

  it('a recording deleted before deciding: a review without a voice comment', async () => {
    await open();
    await record();
    (
      [...host.querySelectorAll<HTMLButtonElement>('.tc-voice button')].find((b) =>
        b.textContent?.includes('practice.review.voiceDelete'),
      ) as HTMLButtonElement
    ).click();
    fixture.detectChanges();
    expect(host.querySelector('.tc-voice tc-voice-recorder')).not.toBeNull();
    await scoreAndRevise();
    expect(uploads).toEqual([]);
    expect(http.expectOne(REVIEW_URL).request.body).not.toHaveProperty('voiceCommentId');
  });

  it('a round already reviewed: no recorder, the review’s voice comment to play (the round’s history)', async () => {
    await open({
      reviewerId: 't-1',
      reviewerName: 'Samira',
      decision: 'revise',
      scores: [{ criterionKey: 'shop', levelKey: 'no' }],
      points: 0,
      comment: '',
      voiceComment: { id: 'vc-9', mediaType: 'audio/ogg', bytes: 3 },
      decidedAt: '2026-12-02T10:00:00.000Z',
    });
    expect(host.querySelector('tc-voice-recorder')).toBeNull();
    http.expectOne('/api/v1/practice/voice-comments/vc-9').flush(new Blob(['ogg']));
    await settle();
    fixture.detectChanges();
    expect(host.querySelector('tc-voice-comment audio')).not.toBeNull();
  });
});
