import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Notification, NotificationPage } from '@tc/shared/contracts';
import { NotificationsService } from '../data-access/notifications.service';
import { NotificationsPage } from './notifications.page';

const LIST = '/api/v1/me/notifications';
const fr = {
  notifications: {
    title: 'Notifications',
    markAllRead: 'Tout marquer comme lu',
    empty: 'Aucune notification pour le moment.',
    more: 'Voir plus',
    unread: 'Non lue : ',
    kinds: {
      certificate: { issued: 'Votre certificat du cours {{ course }} est délivré.' },
      announcement: { posted: 'Nouvelle annonce : {{ title }}' },
      question: { answered: 'Nouvelle réponse à votre discussion « {{ thread }} ».' },
      fieldwork: { commented: 'Un commentaire a été ajouté au carnet de terrain de « {{ organisation }} ».' },
      account: { inactive: 'Sans connexion d’ici le {{ date }}, votre compte sera anonymisé.' },
      task: {
        reviewed: {
          pass: 'Votre travail « {{ lesson }} » est validé.',
          revise: 'Votre travail « {{ lesson }} » est à reprendre.',
        },
      },
    },
  },
};

const issued = (id: string, enrolmentId: string, readAt: string | null = null): Notification => ({
  id,
  kind: 'certificate.issued',
  subject: { type: 'enrolment', id: enrolmentId },
  params: { courseTitle: { fr: 'Vendre en ligne', ar: 'البيع عبر الإنترنت', en: '' } },
  createdAt: '2026-12-06T09:30:00.000Z',
  readAt,
});

const reviewed = (id: string, decision: 'pass' | 'revise'): Notification => ({
  id,
  kind: 'task.reviewed',
  subject: { type: 'submission', id: `round-of-${id}` },
  params: {
    lessonTitle: { fr: 'La vitrine', ar: 'الواجهة' },
    decision,
    enrolmentId: 'enr-3',
    lessonKey: 'm3-task',
  },
  createdAt: '2026-12-06T11:30:00.000Z',
  readAt: null,
});

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
  fixture.detectChanges();
  await fixture.whenStable();
}

describe('the notifications page', () => {
  let fixture: ComponentFixture<NotificationsPage>;
  let http: HttpTestingController;
  let host: HTMLElement;
  const items = () => [...host.querySelectorAll<HTMLLIElement>('.tc-list li')];

  async function open(first: NotificationPage): Promise<void> {
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
          { path: 'learn/:enrolmentId/lessons/:lessonKey', children: [] },
          { path: 'cohorts/:cohortId/announcements', children: [] },
          { path: 'field/organisations/:id', children: [] },
          { path: 'cohorts/:cohortId/threads/:threadId', children: [] },
          { path: 'profile', children: [] },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationsPage);
    host = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne((r) => r.url === LIST && r.params.get('cursor') === null).flush(first);
    await settle(fixture);
  }

  afterEach(() => http.verify());

  it('writes each notification in the reader’s language from its kind and parameters, linked to its subject', async () => {
    await open({
      items: [issued('n2', 'enr-2'), issued('n1', 'enr-1', '2026-12-06T10:00:00.000Z')],
      nextCursor: null,
    });
    const [unread, read] = items();
    expect(unread!.querySelector('.tc-text')?.textContent).toBe(
      'Votre certificat du cours \u2068Vendre en ligne\u2069 est délivré.',
    );
    expect(unread!.querySelector('a')?.getAttribute('href')).toBe('/learn/enr-2');
    expect(unread!.classList.contains('tc-unread')).toBe(true);
    expect(unread!.querySelector('.tc-visually-hidden')?.textContent).toBe('Non lue : ');
    expect(read!.classList.contains('tc-unread')).toBe(false);
    expect(read!.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-06T09:30:00.000Z');
  });

  it('says a review’s decision and leads to the task’s lesson', async () => {
    await open({ items: [reviewed('n5', 'revise'), reviewed('n4', 'pass')], nextCursor: null });
    const [revise, pass] = items();
    expect(revise!.querySelector('.tc-text')?.textContent).toBe(
      'Votre travail « \u2068La vitrine\u2069 » est à reprendre.',
    );
    expect(pass!.querySelector('.tc-text')?.textContent).toBe(
      'Votre travail « \u2068La vitrine\u2069 » est validé.',
    );
    expect(revise!.querySelector('a')?.getAttribute('href')).toBe('/learn/enr-3/lessons/m3-task');
  });

  it('names a new announcement by its title and leads to the cohort’s announcements', async () => {
    await open({
      items: [
        {
          id: 'n6',
          kind: 'announcement.posted',
          subject: { type: 'announcement', id: 'a-1' },
          params: { announcementTitle: { fr: 'Séance mardi', ar: 'جلسة الثلاثاء' }, cohortId: 'c-1' },
          createdAt: '2026-12-06T12:00:00.000Z',
          readAt: null,
        },
      ],
      nextCursor: null,
    });
    const [posted] = items();
    expect(posted!.querySelector('.tc-text')?.textContent).toBe(
      'Nouvelle annonce : \u2068Séance mardi\u2069',
    );
    expect(posted!.querySelector('a')?.getAttribute('href')).toBe('/cohorts/c-1/announcements');
  });

  it('names a reply’s thread by its title and leads to the thread', async () => {
    await open({
      items: [
        {
          id: 'n7',
          kind: 'question.answered',
          subject: { type: 'thread', id: 't-1' },
          params: { threadTitle: 'كيف أرفع صورة؟', cohortId: 'c-1', lessonKey: 'm1-l2' },
          createdAt: '2026-12-06T12:00:00.000Z',
          readAt: null,
        },
      ],
      nextCursor: null,
    });
    const [answered] = items();
    expect(answered!.querySelector('.tc-text')?.textContent).toBe(
      'Nouvelle réponse à votre discussion « \u2068كيف أرفع صورة؟\u2069 ».',
    );
    expect(answered!.querySelector('a')?.getAttribute('href')).toBe('/cohorts/c-1/threads/t-1');
  });

  it('names a commented organisation and leads to its field log', async () => {
    await open({
      items: [
        {
          id: 'n8',
          kind: 'fieldwork.commented',
          subject: { type: 'organisation', id: 'o-1' },
          params: { organisationName: 'Coopérative Tifaout' },
          createdAt: '2026-12-06T12:00:00.000Z',
          readAt: null,
        },
      ],
      nextCursor: null,
    });
    const [commented] = items();
    expect(commented!.querySelector('.tc-text')?.textContent).toBe(
      'Un commentaire a été ajouté au carnet de terrain de « \u2068Coopérative Tifaout\u2069 ».',
    );
    expect(commented!.querySelector('a')?.getAttribute('href')).toBe('/field/organisations/o-1');
  });

  it('dates the warning of an inactive account and leads to the profile', async () => {
    await open({
      items: [
        {
          id: 'n9',
          kind: 'account.inactive',
          subject: { type: 'account', id: 'u-1' },
          params: { dueOn: '2027-01-06' },
          createdAt: '2026-12-07T02:23:00.000Z',
          readAt: null,
        },
      ],
      nextCursor: null,
    });
    const [warning] = items();
    expect(warning!.querySelector('.tc-text')?.textContent).toMatch(
      /^Sans connexion d’ici le \u2068.*2027.*\u2069, votre compte sera anonymisé\.$/,
    );
    expect(warning!.querySelector('a')?.getAttribute('href')).toBe('/profile');
  });

  it('marks one read when it is opened, and the bell’s count follows', async () => {
    await open({ items: [issued('n2', 'enr-2')], nextCursor: null });
    items()[0]!.querySelector('a')!.click();
    const read = http.expectOne(`${LIST}/n2/read`);
    expect(read.request.method).toBe('POST');
    read.flush(issued('n2', 'enr-2', '2026-12-06T11:00:00.000Z'));
    http.expectOne(`${LIST}/unread-count`).flush({ unread: 0 });
    await settle(fixture);
    expect(items()[0]!.classList.contains('tc-unread')).toBe(false);
    expect(TestBed.inject(NotificationsService).unread()).toBe(0);
  });

  it('marks all read, and then offers it no more', async () => {
    await open({ items: [issued('n2', 'enr-2'), issued('n1', 'enr-1')], nextCursor: null });
    const button = host.querySelector<HTMLButtonElement>('.tc-mark-all')!;
    expect(button.textContent?.trim()).toBe('Tout marquer comme lu');
    button.click();
    const all = http.expectOne(`${LIST}/read-all`);
    expect(all.request.method).toBe('POST');
    // Through the newest shown: one that arrives meanwhile stays unread.
    expect(all.request.body).toEqual({ throughId: 'n2' });
    all.flush({ marked: 2 });
    http.expectOne(`${LIST}/unread-count`).flush({ unread: 0 });
    await settle(fixture);
    expect(items().some((li) => li.classList.contains('tc-unread'))).toBe(false);
    expect(host.querySelector('.tc-mark-all')).toBeNull();
    expect(TestBed.inject(NotificationsService).unread()).toBe(0);
  });

  it('reads older ones a page at a time, and says when there are none', async () => {
    await open({ items: [issued('n3', 'enr-3')], nextCursor: '41' });
    host.querySelector<HTMLButtonElement>('.tc-more')!.click();
    http
      .expectOne((r) => r.url === LIST && r.params.get('cursor') === '41')
      .flush({
        items: [issued('n2', 'enr-2')],
        nextCursor: null,
      });
    await settle(fixture);
    expect(items()).toHaveLength(2);
    expect(host.querySelector('.tc-more')).toBeNull();
  });

  it('says so when there is nothing', async () => {
    await open({ items: [], nextCursor: null });
    expect(host.querySelector('.tc-empty')?.textContent).toBe('Aucune notification pour le moment.');
    expect(host.querySelector('.tc-mark-all')).toBeNull();
  });
});
