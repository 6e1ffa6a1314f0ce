import { rubricScore } from './rubric-score';

/** Two criteria of three levels (0, 1, 2 points): 4 points at most; a pass needs 3. */
const criteria = [
  {
    key: 'diagnosis',
    levels: [
      { key: 'no', points: 0 },
      { key: 'partly', points: 1 },
      { key: 'yes', points: 2 },
    ],
  },
  {
    key: 'plan',
    levels: [
      { key: 'no', points: 0 },
      { key: 'partly', points: 1 },
      { key: 'yes', points: 2 },
    ],
  },
];

describe('a review against a rubric: points and the pass mark', () => {
  it('nothing scored yet: 0 points, both criteria missing, no pass', () => {
    expect(rubricScore(criteria, 3, {})).toEqual({
      points: 0,
      maxPoints: 4,
      passPoints: 3,
      missing: ['diagnosis', 'plan'],
      canPass: false,
      blocked: 'unscored',
    });
  });

  it('one criterion scored at its best is still no pass: the other is not scored', () => {
    const s = rubricScore(criteria, 1, { diagnosis: 'yes' });
    expect(s.points).toBe(2);
    expect(s.missing).toEqual(['plan']);
    expect(s.blocked).toBe('unscored');
    expect(s.canPass).toBe(false);
  });

  it('all scored, one point below the mark: below', () => {
    const s = rubricScore(criteria, 3, { diagnosis: 'yes', plan: 'no' });
    expect(s.points).toBe(2);
    expect(s.blocked).toBe('below');
    expect(s.canPass).toBe(false);
  });

  it('exactly the mark passes', () => {
    const s = rubricScore(criteria, 3, { diagnosis: 'yes', plan: 'partly' });
    expect(s.points).toBe(3);
    expect(s.canPass).toBe(true);
    expect(s.blocked).toBeNull();
  });

  it('a level key that is not the criterion’s counts as not scored', () => {
    const s = rubricScore(criteria, 3, { diagnosis: 'yes', plan: 'excellent' });
    expect(s.missing).toEqual(['plan']);
    expect(s.points).toBe(2);
  });
});
