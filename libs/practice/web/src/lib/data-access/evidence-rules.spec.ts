import type { EvidenceRule } from '@tc/shared/contracts';
import { roomFor, ruleGaps } from './evidence-rules';

const rules: EvidenceRule[] = [
  { kind: 'text', min: 1, max: 1 },
  { kind: 'photo', min: 2, max: 4 },
  { kind: 'audio', min: 0, max: 1 },
];

describe('what a task takes: the draft against its evidence rules', () => {
  it('too few photos and no text: both named, with what there is', () => {
    expect(ruleGaps(rules, { text: 0, photo: 1, audio: 0, pdf: 0 })).toEqual([
      { kind: 'text', min: 1, max: 1, have: 0 },
      { kind: 'photo', min: 2, max: 4, have: 1 },
    ]);
  });

  it('enough of each, the optional recording left out: nothing missing', () => {
    expect(ruleGaps(rules, { text: 1, photo: 2, audio: 0, pdf: 0 })).toEqual([]);
  });

  it('a PDF the task does not take is a gap of its own', () => {
    expect(ruleGaps(rules, { text: 1, photo: 2, audio: 0, pdf: 1 })).toEqual([
      { kind: 'pdf', min: 0, max: 0, have: 1 },
    ]);
  });

  it('room for more photos up to the maximum, none for a kind not taken', () => {
    expect(roomFor(rules, { text: 1, photo: 3, audio: 0, pdf: 0 }, 'photo')).toBe(1);
    expect(roomFor(rules, { text: 1, photo: 4, audio: 0, pdf: 0 }, 'photo')).toBe(0);
    expect(roomFor(rules, { text: 1, photo: 0, audio: 0, pdf: 0 }, 'pdf')).toBe(0);
  });
});
