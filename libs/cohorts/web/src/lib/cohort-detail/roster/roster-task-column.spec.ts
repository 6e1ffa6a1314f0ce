import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort, CohortTaskStates, Roster, RosterRow } from '@tc/shared/contracts';
import { of, throwError, type Observable } from 'rxjs';
import { CohortStore } from '../../data-access/cohort.store';
import { ROSTER_TASK_STATES, type RosterTaskStatesSource } from '../../data-access/roster-task-states';
import { RosterComponent, taskCells } from './roster.component';

const cohort = {
  id: 'k-1',
  name: 'Oujda',
  courseVersion: 1,
  newerVersions: [],
  modules: [],
} as unknown as Cohort;
const person = (enrolmentId: string, displayName: string): RosterRow => ({
  enrolmentId,
  userId: `u-${enrolmentId}`,
  displayName,
  email: `${enrolmentId}@example.org`,
  accountStatus: 'active',
  enrolmentStatus: 'active',
  enrolledAt: '2027-01-10T00:00:00Z',
  lessonsDone: 3,
  lessonsTotal: 10,
  lastActivityAt: null,
  overdueModules: [],
});
const roster: Roster = {
  cohortId: 'k-1',
  total: 4,
  invitations: [],
  rows: [
    person('e-1', 'Salma Ouazzani'),
    person('e-2', 'Hamza Berrada'),
    person('e-3', 'Khadija Amrani'),
    person('e-4', 'Omar Lahlou'),
  ],
};
const TASKS: CohortTaskStates['tasks'] = [
  { moduleKey: 'm3', lessonKey: 'm3-task', title: { fr: 'Le catalogue' }, required: true },
  { moduleKey: 'm4', lessonKey: 'm4-task', title: { fr: 'La vitrine' }, required: false },
];
const STATES: CohortTaskStates = {
  cohortId: 'k-1',
  tasks: TASKS,
  enrolments: [
    { enrolmentId: 'e-1', states: { 'm3-task': 'returned' } },
    { enrolmentId: 'e-2', states: { 'm3-task': 'waiting', 'm4-task': 'passed' } },
    { enrolmentId: 'e-3', states: { 'm3-task': 'passed' } },
  ],
};
const FR = {
  cohorts: {
    roster: {
      tasks: 'Tâches pratiques',
      tasksOf: 'Tâches pratiques de {{name}}',
      taskOptional: '{{task}} (facultative)',
      taskState: {
        none: 'Non rendue',
        waiting: 'En attente de revue',
        returned: 'À reprendre',
        passed: 'Validée',
      },
      openQueue: 'Ouvrir la file de revue — {{name}}, {{task}} : en attente de revue',
    },
  },
};

/** The roster with its task column fed by `source` (none: the token not provided); phone or not. */
async function render(source: RosterTaskStatesSource | undefined, phone = false) {
  TestBed.configureTestingModule({
    imports: [
      RosterComponent,
      TranslocoTestingModule.forRoot({
        langs: { fr: FR },
        translocoConfig: {
          availableLangs: ['fr'],
          defaultLang: 'fr',
          missingHandler: { logMissingKey: false },
        },
      }),
    ],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      CohortStore,
      { provide: BreakpointObserver, useValue: { observe: () => of({ matches: phone, breakpoints: {} }) } },
      ...(source ? [{ provide: ROSTER_TASK_STATES, useValue: source }] : []),
    ],
  });
  TestBed.inject(CohortStore).set(cohort);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(RosterComponent);
  fixture.detectChanges();
  await fixture.whenStable();
  http.expectOne((r) => r.url === '/api/v1/cohorts/k-1/roster').flush(roster);
  http
    .match((r) => r.url === '/api/v1/cohorts/k-1/invitations')
    .forEach((r) => r.flush({ linksMailed: false, invitations: [] }));
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

/** Each task line of a coach's list, as its words read (the marks are hidden from assistive tech). */
function lines(el: HTMLElement, name: string): string[] {
  const list = el.querySelector(`ul.tc-tasks[aria-label="Tâches pratiques de ${name}"]`);
  if (!list) throw new Error(`no task list for ${name}`);
  return [...list.querySelectorAll('li')].map((li) => {
    const clone = li.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
    return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

describe('the roster’s task column', () => {
  it('says each coach’s state of each task in words: not handed in, waiting, to revise, passed', async () => {
    const el = await render(() => of(STATES));
    const headers = [...el.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
    expect(headers).toContain('Tâches pratiques');
    expect(lines(el, 'Salma Ouazzani')).toEqual([
      'Le catalogue À reprendre',
      'La vitrine (facultative) Non rendue',
    ]);
    expect(lines(el, 'Hamza Berrada')).toEqual([
      'Le catalogue En attente de revue',
      'La vitrine (facultative) Validée',
    ]);
    expect(lines(el, 'Khadija Amrani')).toEqual([
      'Le catalogue Validée',
      'La vitrine (facultative) Non rendue',
    ]);
    // Nothing handed in at all: listed by the API as nobody, shown as "not handed in".
    expect(lines(el, 'Omar Lahlou')).toEqual([
      'Le catalogue Non rendue',
      'La vitrine (facultative) Non rendue',
    ]);
  });

  it('links a waiting task to the review queue, on its module, named for the coach and the task', async () => {
    const el = await render(() => of(STATES));
    const links = [...el.querySelectorAll<HTMLAnchorElement>('a.tc-task')];
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('/cohorts/k-1/reviews?module=m3');
    expect(links[0]?.getAttribute('aria-label')).toBe(
      'Ouvrir la file de revue — Hamza Berrada, Le catalogue : en attente de revue',
    );
    // Its visible words are part of its name (what a voice user says to follow it).
    expect(links[0]?.getAttribute('aria-label')?.toLowerCase()).toContain(
      links[0]?.textContent?.replace(/^\W+/, '').trim().toLowerCase(),
    );
  });

  it('titles the column with the task when the version has only one', async () => {
    const el = await render(() => of({ ...STATES, tasks: TASKS.slice(0, 1) }));
    const headers = [...el.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
    expect(headers).toContain('Le catalogue');
    expect(headers).not.toContain('Tâches pratiques');
    // The task's name stays in each line for screen readers, hidden from the eye.
    const name = el.querySelector('ul.tc-tasks li .tc-task-name');
    expect(name?.classList).toContain('tc-visually-hidden');
  });

  it('shows the states on a phone’s cards too', async () => {
    const el = await render(() => of(STATES), true);
    expect(el.querySelector('table')).toBeNull();
    expect(lines(el, 'Hamza Berrada')).toEqual([
      'Le catalogue En attente de revue',
      'La vitrine (facultative) Validée',
    ]);
    expect(el.querySelector('.tc-cards a.tc-task')?.getAttribute('href')).toBe(
      '/cohorts/k-1/reviews?module=m3',
    );
  });

  it('has no task column when the app provides no source, the version has no task, or the source fails', async () => {
    for (const source of [
      undefined,
      () => of({ ...STATES, tasks: [] }),
      (): Observable<CohortTaskStates> => throwError(() => new Error('offline')),
    ]) {
      TestBed.resetTestingModule();
      const el = await render(source);
      expect(el.querySelector('ul.tc-tasks')).toBeNull();
      expect([...el.querySelectorAll('thead th')].map((th) => th.textContent?.trim())).not.toContain(
        'Tâches pratiques',
      );
      // The roster itself is there.
      expect(el.textContent).toContain('Omar Lahlou');
    }
  });

  it('pairs tasks with states in the course’s order, absent ones not handed in', () => {
    expect(taskCells(TASKS, { 'm4-task': 'waiting' }).map((c) => [c.lessonKey, c.state])).toEqual([
      ['m3-task', 'none'],
      ['m4-task', 'waiting'],
    ]);
    expect(taskCells(TASKS, undefined).map((c) => c.state)).toEqual(['none', 'none']);
  });
});
