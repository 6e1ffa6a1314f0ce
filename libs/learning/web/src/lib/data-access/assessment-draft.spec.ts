import { rememberSkip, wasSkipped } from './assessment-skips';
import {
  clearDraft,
  minutesInWords,
  minutesToRate,
  ratedCount,
  readDraft,
  resumeStep,
  writeDraft,
} from './assessment-draft';

const codes = ['1.1', '1.2', '2.1', '2.3'];

describe('self-assessment drafts kept on the device', () => {
  beforeEach(() => localStorage.clear());

  it('keeps ratings per enrolment and phase until cleared', () => {
    writeDraft(localStorage, 'enr-1', 'start', { '1.1': 3, '1.2': 5 });
    expect(readDraft(localStorage, 'enr-1', 'start', codes)).toEqual({ '1.1': 3, '1.2': 5 });
    expect(readDraft(localStorage, 'enr-1', 'end', codes)).toEqual({});
    expect(readDraft(localStorage, 'enr-2', 'start', codes)).toEqual({});

    clearDraft(localStorage, 'enr-1', 'start');
    expect(readDraft(localStorage, 'enr-1', 'start', codes)).toEqual({});
  });

  it('drops competences the course no longer rates, levels out of 1–8 and unreadable entries', () => {
    writeDraft(localStorage, 'enr-1', 'start', { '1.1': 3, '9.9': 4, '1.2': 0, '2.1': 2.5, '2.3': 8 });
    expect(readDraft(localStorage, 'enr-1', 'start', codes)).toEqual({ '1.1': 3, '2.3': 8 });

    localStorage.setItem('tc.selfAssessment.draft.enr-1.start', '{not json');
    expect(readDraft(localStorage, 'enr-1', 'start', codes)).toEqual({});
    localStorage.setItem('tc.selfAssessment.draft.enr-1.start', '[3, 4]');
    expect(readDraft(localStorage, 'enr-1', 'start', codes)).toEqual({});
  });

  it('removes the entry when nothing is rated, and leaves the skip mark alone', () => {
    rememberSkip(localStorage, 'enr-1', 'start');
    writeDraft(localStorage, 'enr-1', 'start', { '1.1': 3 });
    writeDraft(localStorage, 'enr-1', 'start', {});
    expect(localStorage.getItem('tc.selfAssessment.draft.enr-1.start')).toBeNull();
    clearDraft(localStorage, 'enr-1', 'start');
    expect(wasSkipped(localStorage, 'enr-1', 'start')).toBe(true);
  });

  it('works without storage (disabled or throwing)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    expect(() => writeDraft(broken, 'enr-1', 'start', { '1.1': 3 })).not.toThrow();
    expect(() => clearDraft(broken, 'enr-1', 'start')).not.toThrow();
    expect(readDraft(broken, 'enr-1', 'start', codes)).toEqual({});
    expect(readDraft(undefined, 'enr-1', 'start', codes)).toEqual({});
  });
});

describe('where a self-assessment resumes', () => {
  it('starts at the first competence when nothing is rated', () => {
    expect(resumeStep(codes, {})).toBe(0);
    expect(ratedCount(codes, {})).toBe(0);
  });

  it('resumes at the first competence not rated, in the course order', () => {
    expect(resumeStep(codes, { '1.1': 2, '1.2': 4 })).toBe(2);
    // A gap left earlier comes before later ones.
    expect(resumeStep(codes, { '1.1': 2, '2.1': 4 })).toBe(1);
    expect(ratedCount(codes, { '1.1': 2, '2.1': 4 })).toBe(2);
  });

  it('stays on the last competence (where saving is) when all are rated', () => {
    expect(resumeStep(codes, { '1.1': 1, '1.2': 1, '2.1': 1, '2.3': 1 })).toBe(3);
    expect(resumeStep([], {})).toBe(0);
  });
});

describe('how long a self-assessment takes', () => {
  it('counts about 20 seconds a competence, in whole minutes, at least one', () => {
    expect(minutesToRate(15)).toBe(5);
    expect(minutesToRate(4)).toBe(2);
    expect(minutesToRate(1)).toBe(1);
    expect(minutesToRate(0)).toBe(1);
  });

  it('says the minutes in words, with the plural each language uses', () => {
    expect(minutesInWords(5, 'fr')).toBe('5 minutes');
    expect(minutesInWords(1, 'en')).toBe('1 minute');
    expect(minutesInWords(5, 'ar')).toBe('5 دقائق');
    expect(minutesInWords(2, 'ar')).toBe('دقيقتان');
    expect(minutesInWords(11, 'ar')).toBe('11 دقيقة');
  });

  it("says the same words as Intl's unit formatter, which it spares the first render", () => {
    for (const [lang, locale] of [
      ['fr', 'fr'],
      ['en', 'en'],
      ['ar', 'ar-MA'],
    ] as const) {
      const intl = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' });
      for (const n of [...Array(1000).keys(), 1000, 1234, 2.5]) {
        expect([lang, n, minutesInWords(n, lang)]).toEqual([lang, n, intl.format(n)]);
      }
    }
  });
});
