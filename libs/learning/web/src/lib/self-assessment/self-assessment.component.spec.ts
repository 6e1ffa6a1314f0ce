import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { SelfAssessment } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { type Observable, of, throwError } from 'rxjs';
import { wasSkipped } from '../data-access/assessment-skips';
import { LearningService } from '../data-access/learning.service';
import { SelfAssessmentComponent } from './self-assessment.component';

const fr = {
  learning: {
    assessment: {
      startTitle: 'Vos compétences',
      startText: '{{ count }} compétences : environ {{ duration }}.',
      begin: "M'évaluer",
      resume: 'Reprendre mon évaluation',
      skip: 'Passer',
      later: 'Plus tard',
      step: 'Compétence {{ n }} sur {{ total }}',
      rated: '{{ done }} sur {{ total }} évaluées',
      level: 'Niveau {{ n }} : {{ name }}',
      previous: 'Précédente',
      next: 'Suivante',
      save: 'Enregistrer',
      saved: 'Enregistrée.',
      fullDescriptions: 'Descriptions complètes',
    },
  },
};

const text = (x: { fr: string }) => ({ fr: x.fr, en: x.fr, ar: x.fr });
const codes = ['1.1', '1.2', '2.1', '2.3'];
const data = (extra: Partial<SelfAssessment> = {}): SelfAssessment => ({
  competences: codes.map((code) => ({ code, title: text({ fr: `Compétence ${code}` }) })),
  levels: [1, 2, 3, 4, 5, 6, 7, 8].map((level) => ({
    level,
    name: text({ fr: `Nom ${level}` }),
    description: text({ fr: `Description longue du niveau ${level}, sur plusieurs lignes d'un téléphone.` }),
  })),
  start: {},
  end: {},
  endAvailable: false,
  ...extra,
});

let fixture: ComponentFixture<SelfAssessmentComponent>;
let rate: jest.Mock<Observable<SelfAssessment>, [string, string, Record<string, number>]>;

async function render(answer: () => Observable<SelfAssessment> = () => of(data({ start: { '1.1': 3 } }))) {
  TestBed.resetTestingModule();
  rate = jest.fn((_id, _phase, ratings) => (Object.keys(ratings).length ? answer() : of(data())));
  TestBed.configureTestingModule({
    imports: [
      SelfAssessmentComponent,
      TranslocoTestingModule.forRoot({
        langs: { fr },
        translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        preloadLangs: true,
      }),
    ],
    providers: [
      { provide: LanguageService, useValue: { lang: signal('fr') } },
      { provide: LearningService, useValue: { selfAssessment: () => of(data()), rate } },
    ],
  });
  fixture = TestBed.createComponent(SelfAssessmentComponent);
  fixture.componentRef.setInput('enrolmentId', 'enr-1');
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const squash = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
const buttonNamed = (host: HTMLElement, name: string) =>
  [...host.querySelectorAll('button')].find((b) => squash(b) === name);

async function click(host: HTMLElement, name: string): Promise<void> {
  const button = buttonNamed(host, name);
  if (!button) throw new Error(`no button "${name}"`);
  button.click();
  await fixture.whenStable();
}

async function choose(host: HTMLElement, level: number): Promise<void> {
  const radio = host.querySelectorAll<HTMLInputElement>('input[type=radio]')[level - 1];
  radio.checked = true;
  radio.dispatchEvent(new Event('change'));
  await fixture.whenStable();
}

const step = (host: HTMLElement) => squash(host.querySelector('legend .tc-step'));

describe('SelfAssessmentComponent: a card that opens on demand and resumes', () => {
  beforeEach(() => localStorage.clear());

  it('is a short card saying how long it takes, closed until asked for', async () => {
    const host = await render();
    expect(squash(host.querySelector('h2'))).toBe('Vos compétences');
    expect(squash(host.querySelector('section p'))).toBe('4 compétences : environ 2 minutes.');
    expect(buttonNamed(host, "M'évaluer")).toBeTruthy();
    expect(host.querySelector('input[type=radio]')).toBeNull();
  });

  it('shows one competence at a time, its 8 levels cut to a first line unless chosen or asked for', async () => {
    const host = await render();
    await click(host, "M'évaluer");
    expect(host.querySelectorAll('fieldset')).toHaveLength(1);
    expect(step(host)).toBe('Compétence 1 sur 4');
    expect(host.querySelectorAll('input[type=radio]')).toHaveLength(8);
    expect(host.querySelectorAll('.tc-desc-short')).toHaveLength(8);

    await choose(host, 3);
    const short = [...host.querySelectorAll('.tc-desc')].map((d) => d.classList.contains('tc-desc-short'));
    expect(short).toEqual([true, true, false, true, true, true, true, true]);
    // The full text stays in the radio's description for screen readers.
    const radio = host.querySelectorAll('input[type=radio]')[0];
    expect(squash(host.querySelector(`#${radio.getAttribute('aria-describedby')}`))).toContain(
      'Description longue du niveau 1',
    );

    const more = buttonNamed(host, 'Descriptions complètes');
    expect(more?.getAttribute('aria-pressed')).toBe('false');
    await click(host, 'Descriptions complètes');
    expect(more?.getAttribute('aria-pressed')).toBe('true');
    expect(host.querySelectorAll('.tc-desc-short')).toHaveLength(0);
  });

  it('keeps the ratings on the device and resumes at the first competence not rated', async () => {
    let host = await render();
    await click(host, "M'évaluer");
    await choose(host, 3);
    await click(host, 'Suivante');
    expect(step(host)).toBe('Compétence 2 sur 4');
    await choose(host, 5);
    // The focus follows to the competence shown, for keyboards and screen readers.
    expect(document.activeElement?.classList.contains('tc-assessment-step')).toBe(true);

    // The coach leaves the page and comes back.
    fixture.destroy();
    host = await render();
    expect(squash(host.querySelector('.tc-assessment-progress'))).toBe('2 sur 4 évaluées');
    expect(host.querySelector('progress')?.getAttribute('value')).toBe('2');
    await click(host, 'Reprendre mon évaluation');
    expect(step(host)).toBe('Compétence 3 sur 4');

    await click(host, 'Précédente');
    expect(step(host)).toBe('Compétence 2 sur 4');
    expect(host.querySelectorAll<HTMLInputElement>('input[type=radio]')[4].checked).toBe(true);

    // "Later" closes the form and keeps what was rated.
    await click(host, 'Plus tard');
    expect(host.querySelector('fieldset')).toBeNull();
    expect(squash(host.querySelector('.tc-assessment-progress'))).toBe('2 sur 4 évaluées');
  });

  it('moves on with Enter instead of saving before the last competence', async () => {
    const host = await render();
    await click(host, "M'évaluer");
    await choose(host, 2);
    host.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    expect(step(host)).toBe('Compétence 2 sur 4');
    expect(rate).not.toHaveBeenCalled();
  });

  it('sends every rating on the last competence and forgets the draft once saved', async () => {
    const host = await render();
    await click(host, "M'évaluer");
    for (const level of [1, 2, 3]) {
      await choose(host, level);
      await click(host, 'Suivante');
    }
    await choose(host, 4);
    await click(host, 'Enregistrer');
    expect(rate).toHaveBeenCalledWith('enr-1', 'start', { '1.1': 1, '1.2': 2, '2.1': 3, '2.3': 4 });
    expect(localStorage.getItem('tc.selfAssessment.draft.enr-1.start')).toBeNull();
    expect(squash(host.querySelector('[role=status]'))).toBe('Enregistrée.');
    expect(host.querySelector('section')).toBeNull();
  });

  it('keeps the draft when saving fails (offline), to send it later', async () => {
    const host = await render(() => throwError(() => new HttpErrorResponse({ status: 0 })));
    await click(host, "M'évaluer");
    await click(host, 'Suivante');
    await click(host, 'Suivante');
    await click(host, 'Suivante');
    await choose(host, 6);
    await click(host, 'Enregistrer');
    expect(rate).toHaveBeenCalledTimes(1);
    expect(JSON.parse(localStorage.getItem('tc.selfAssessment.draft.enr-1.start') ?? '{}')).toEqual({
      '2.3': 6,
    });
    expect(host.querySelector('fieldset')).not.toBeNull();
  });

  it('still skips: the offer goes, is remembered, and the draft is dropped', async () => {
    let host = await render();
    await click(host, "M'évaluer");
    await choose(host, 2);
    await click(host, 'Passer');
    expect(host.querySelector('section')).toBeNull();
    expect(rate).toHaveBeenCalledWith('enr-1', 'start', {});
    expect(wasSkipped(localStorage, 'enr-1', 'start')).toBe(true);
    expect(localStorage.getItem('tc.selfAssessment.draft.enr-1.start')).toBeNull();

    fixture.destroy();
    host = await render();
    expect(host.querySelector('section')).toBeNull();
  });
});
