import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Notification } from '@tc/shared/contracts';
import { NotificationsPage } from './notifications.page';

const fr = {
  notifications: {
    kinds: {
      deadline: { soon: 'Échéance le {{ date }} : terminez le module {{ module }} du cours {{ course }}.' },
      module: { overdue: 'Le module {{ module }} était à terminer pour le {{ date }}.' },
      task: { waiting: 'Une mise en pratique attend votre relecture : {{ lesson }}.' },
      coach: { nudged: 'Votre formateur vous encourage. {{ message }}' },
    },
  },
};

const at = '2026-12-06T09:30:00.000Z';
const items: Notification[] = [
  {
    id: 'n1',
    kind: 'deadline.soon',
    subject: { type: 'enrolment', id: 'enr-1' },
    params: {
      moduleTitle: { fr: 'Vendre en ligne', ar: 'البيع' },
      courseTitle: { fr: 'Commerce', ar: 'التجارة' },
      dueOn: '2026-12-08',
      enrolmentId: 'enr-1',
    },
    createdAt: at,
    readAt: null,
  },
  {
    id: 'n2',
    kind: 'task.waiting',
    subject: { type: 'submission', id: 's-1' },
    params: { lessonTitle: { fr: 'La vitrine' }, cohortId: 'c-1' },
    createdAt: at,
    readAt: null,
  },
  {
    id: 'n3',
    kind: 'coach.nudged',
    subject: { type: 'enrolment', id: 'enr-2' },
    params: { cohortId: 'c-1', enrolmentId: 'enr-2', message: 'Courage !' },
    createdAt: at,
    readAt: null,
  },
];

describe('the notifications page: reminders, rounds waiting, nudges', () => {
  let fixture: ComponentFixture<NotificationsPage>;
  let http: HttpTestingController;

  it('writes the deadline as a date, and links a round waiting to the review queue and a nudge to the course', async () => {
    TestBed.configureTestingModule({
      imports: [
        NotificationsPage,
        TranslocoTestingModule.forRoot({
          langs: { fr },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'learn/:enrolmentId', children: [] },
          { path: 'cohorts/:cohortId/reviews', children: [] },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationsPage);
    fixture.detectChanges();
    http.expectOne((r) => r.url === '/api/v1/me/notifications').flush({ items, nextCursor: null });
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const [soon, waiting, nudged] = [...host.querySelectorAll<HTMLLIElement>('.tc-list li')];
    expect(soon!.querySelector('.tc-text')?.textContent).toBe(
      'Échéance le \u20688 décembre 2026\u2069 : terminez le module \u2068Vendre en ligne\u2069 du cours \u2068Commerce\u2069.',
    );
    expect(soon!.querySelector('a')?.getAttribute('href')).toBe('/learn/enr-1');
    expect(waiting!.querySelector('a')?.getAttribute('href')).toBe('/cohorts/c-1/reviews');
    expect(nudged!.querySelector('.tc-text')?.textContent).toBe(
      'Votre formateur vous encourage. \u2068Courage !\u2069',
    );
    expect(nudged!.querySelector('a')?.getAttribute('href')).toBe('/learn/enr-2');
    http.match(() => true).forEach((r) => r.flush({ unread: 0 }));
  }, 30_000);
});
