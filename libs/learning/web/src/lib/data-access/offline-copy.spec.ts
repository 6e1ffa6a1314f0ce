import type { ProgressEvent } from '@tc/shared/contracts';
import { withPending } from './learner-course.store';
import { mediaUrlsOf } from './offline-library';
import type { PendingAttempt } from './progress-sync/outbox';
import { learner, lesson } from './testing';

function queued(lessonKey: string, type: ProgressEvent['type'], enrolmentId = 'enr-1'): ProgressEvent {
  return { id: `${lessonKey}-${type}`, enrolmentId, lessonKey, type, occurredAt: '2026-11-02T09:00:00.000Z' };
}

describe('a kept course with what waits in the outbox', () => {
  it('shows lessons read offline as started or done, and recounts', () => {
    const c = withPending(
      learner(),
      [queued('l1', 'started'), queued('l1', 'completed'), queued('l2', 'started')],
      [],
    );
    expect(c.lessons['l1'].state).toBe('completed');
    expect(c.lessons['l2'].state).toBe('started');
    expect(c.lessonsDone).toBe(1);
    expect(c.nextLessonKey).toBe('l2');
  });

  it('shows a quiz answered offline as started, not passed (the server grades it)', () => {
    const attempt: PendingAttempt = {
      attemptId: 'a-1',
      enrolmentId: 'enr-1',
      lessonKey: 'quiz',
      answers: { q1: 'a' },
      answeredAt: '2026-11-02T09:05:00.000Z',
      locale: 'fr',
    };
    const c = withPending(learner(), [], [attempt]);
    expect(c.lessons['quiz'].state).toBe('started');
    expect(c.quizzes['quiz'].passed).toBe(false);
  });

  it('leaves other enrolments and completed lessons alone', () => {
    const done = learner({
      lessons: { ...learner().lessons, l1: { state: 'completed', lastActivityAt: null } },
    });
    const c = withPending(done, [queued('l1', 'started'), queued('l2', 'completed', 'enr-2')], []);
    expect(c.lessons['l1'].state).toBe('completed');
    expect(c.lessons['l2'].state).toBe('not_started');
  });
});

describe('the media a course needs offline', () => {
  it('lists same-origin images, PDFs and images in texts once; not videos elsewhere', () => {
    const base = learner();
    const course = {
      ...base,
      course: {
        ...base.course,
        coverImageUrl: '/api/v1/media/cover',
        modules: [
          {
            key: 'm1',
            title: 'M1',
            lessons: [
              lesson('l1', 'text', {
                html: '<p><img alt="" src="/api/v1/media/a"></p><img src="https://cdn.example.org/x.png">',
              }),
              lesson('l2', 'media', {
                media: { type: 'pdf', url: '/api/v1/media/b', caption: '', transcriptHtml: '' },
              }),
              lesson('l3', 'media', {
                media: {
                  type: 'video',
                  url: 'https://video.example.org/v',
                  caption: '',
                  transcriptHtml: '<img src="/api/v1/media/a">',
                },
              }),
            ],
          },
        ],
      },
    };
    expect(mediaUrlsOf(course, 'https://coach.example.org')).toEqual([
      '/api/v1/media/cover',
      '/api/v1/media/a',
      '/api/v1/media/b',
    ]);
  });
});
