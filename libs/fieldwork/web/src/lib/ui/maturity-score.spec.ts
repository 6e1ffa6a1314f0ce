import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { MATURITY_ITEMS, type MaturityAnswers } from '@tc/shared/contracts';
import { completeAnswers, liveScores, scoreBand } from './maturity-score';
import { ScoreMeterComponent } from './score-meter.component';

const all = (level: 0 | 1 | 2 | 3) =>
  Object.fromEntries(MATURITY_ITEMS.map((i) => [i.id, level])) as MaturityAnswers;

describe('the maturity score as the coach answers', () => {
  it('starts at 0 with nothing answered, and counts a missing answer as 0', () => {
    expect(liveScores({})).toEqual({
      scores: {
        overall: 0,
        dimensions: { presence: 0, selling: 0, payment: 0, management: 0, communication: 0, governance: 0 },
      },
      answered: 0,
      complete: false,
    });
    // One item at 3 of the two in presence: half of presence, 3/36 overall.
    const one = liveScores({ 'online-profile': 3 });
    expect(one.scores.dimensions.presence).toBe(50);
    expect(one.scores.overall).toBe(8);
    expect(one.answered).toBe(1);
  });

  it('is the server’s score once every item is answered', () => {
    expect(liveScores(all(3))).toMatchObject({ scores: { overall: 100 }, answered: 12, complete: true });
    const mixed = { ...all(1), 'sells-online': 3, marketplaces: 2 } as MaturityAnswers;
    expect(liveScores(mixed).scores).toEqual({
      overall: 42,
      dimensions: {
        presence: 33,
        selling: 83,
        payment: 33,
        management: 33,
        communication: 33,
        governance: 33,
      },
    });
    expect(completeAnswers(mixed)).toBe(mixed);
    expect(completeAnswers({ 'online-profile': 0 })).toBeNull();
  });

  it('reads a score in three bands', () => {
    expect([0, 33, 34, 66, 67, 100].map(scoreBand)).toEqual([
      'starting',
      'starting',
      'growing',
      'growing',
      'advanced',
      'advanced',
    ]);
  });
});

describe('the score meter', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: {
            fr: {
              fieldwork: {
                score: {
                  none: 'Pas encore de diagnostic',
                  outOf: '{{ score }} / 100',
                  overall: 'Maturité numérique',
                },
              },
            },
          },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
    });
  });

  it('shows the figure as a meter, in its band', async () => {
    const fixture = TestBed.createComponent(ScoreMeterComponent);
    fixture.componentRef.setInput('score', 42);
    await fixture.whenStable();
    const meter = (fixture.nativeElement as HTMLElement).querySelector('[role="meter"]');
    expect(meter?.getAttribute('aria-valuenow')).toBe('42');
    expect(meter?.getAttribute('aria-label')).toBe('Maturité numérique');
    expect(meter?.getAttribute('data-band')).toBe('growing');
    expect(meter?.textContent).toContain('42 / 100');
  });

  it('says there is no check yet without a score', async () => {
    const fixture = TestBed.createComponent(ScoreMeterComponent);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[role="meter"]')).toBeNull();
    expect(host.textContent).toContain('Pas encore de diagnostic');
  });
});
