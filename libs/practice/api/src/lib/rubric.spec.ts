import type { PracticalTask } from '@tc/shared/contracts';
import { scoreReview } from './rubric';

const level = (key: string, points: number) => ({ key, title: { fr: key }, descriptor: {}, points });
const TASK: PracticalTask = {
  instructions: { fr: 'x' },
  evidence: [{ kind: 'text', min: 1, max: 1 }],
  criteria: [
    { key: 'a', title: { fr: 'A' }, competence: null, levels: [level('0', 0), level('1', 1), level('3', 3)] },
    { key: 'b', title: { fr: 'B' }, competence: '3.1', levels: [level('0', 0), level('2', 2)] },
  ],
  passPoints: 4,
  required: true,
};

describe('scoring a review against the rubric', () => {
  it('sums the chosen levels; a pass needs the threshold, a revision does not', () => {
    const scores = [
      { criterionKey: 'a', levelKey: '3' },
      { criterionKey: 'b', levelKey: '2' },
    ];
    expect(scoreReview(TASK, 'pass', scores)).toEqual({ ok: true, points: 5 });
    const low = [
      { criterionKey: 'a', levelKey: '1' },
      { criterionKey: 'b', levelKey: '2' },
    ];
    expect(scoreReview(TASK, 'revise', low)).toEqual({ ok: true, points: 3 });
    expect(scoreReview(TASK, 'pass', low)).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          field: 'decision',
          code: 'points-below-pass',
          params: { points: 3, passPoints: 4 },
        }),
      ],
    });
    // One point short is refused; exactly at the threshold passes.
    expect(
      scoreReview(TASK, 'pass', [
        { criterionKey: 'a', levelKey: '3' },
        { criterionKey: 'b', levelKey: '0' },
      ]),
    ).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'points-below-pass' })],
    });
    expect(
      scoreReview({ ...TASK, passPoints: 3 }, 'pass', [
        { criterionKey: 'a', levelKey: '3' },
        { criterionKey: 'b', levelKey: '0' },
      ]),
    ).toEqual({ ok: true, points: 3 });
  });

  it('names the field of an unknown criterion or level, a criterion scored twice, and missing ones', () => {
    const outcome = scoreReview(TASK, 'revise', [
      { criterionKey: 'a', levelKey: '9' },
      { criterionKey: 'z', levelKey: '0' },
      { criterionKey: 'b', levelKey: '2' },
      { criterionKey: 'b', levelKey: '0' },
    ]);
    expect(outcome).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ field: 'scores[0].levelKey', code: 'level-unknown' }),
        expect.objectContaining({ field: 'scores[1].criterionKey', code: 'criterion-unknown' }),
        expect.objectContaining({ field: 'scores[3].criterionKey', code: 'duplicate-items' }),
      ],
    });
    expect(scoreReview(TASK, 'revise', [{ criterionKey: 'b', levelKey: '2' }])).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ field: 'scores', code: 'criterion-missing', params: { keys: ['a'] } }),
      ],
    });
  });
});
