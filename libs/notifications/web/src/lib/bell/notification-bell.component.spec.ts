import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { NotificationsService } from '../data-access/notifications.service';
import { BELL_POLL_MS, NotificationBellComponent } from './notification-bell.component';

const COUNT = '/api/v1/me/notifications/unread-count';
const fr = {
  notifications: {
    bell: {
      none: 'Notifications, aucune non lue',
      one: '{{ count }} notification non lue',
      many: '{{ count }} de notifications non lues',
      other: '{{ count }} notifications non lues',
    },
  },
};
const ar = { notifications: { bell: { two: 'إشعاران غير مقروءين', few: '{{ count }} إشعارات غير مقروءة' } } };

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('the notifications bell', () => {
  let fixture: ComponentFixture<NotificationBellComponent>;
  let http: HttpTestingController;
  const link = () => (fixture.nativeElement as HTMLElement).querySelector('a')!;
  const badge = () => (fixture.nativeElement as HTMLElement).querySelector('.tc-bell-count');

  function create(lang: 'fr' | 'ar'): void {
    TestBed.configureTestingModule({
      imports: [
        NotificationBellComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr, ar },
          translocoConfig: { availableLangs: ['fr', 'ar'], defaultLang: lang },
          preloadLangs: true,
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationBellComponent);
    fixture.componentRef.setInput('lang', lang);
    fixture.detectChanges();
  }
  async function answer(unread: number): Promise<void> {
    http.expectOne(COUNT).flush({ unread });
    fixture.detectChanges();
    await fixture.whenStable();
  }

  beforeEach(() => setVisibility('visible'));
  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('asks for the count when it appears and says it in words, the number shown on the bell', async () => {
    create('fr');
    await answer(3);
    expect(link().getAttribute('aria-label')).toBe('3 notifications non lues');
    expect(link().getAttribute('href')).toBe('/notifications');
    expect(badge()?.textContent?.trim()).toBe('3');
    expect(badge()?.getAttribute('aria-hidden')).toBe('true');
  });

  it('one unread, none unread: the right words, no number on the bell at zero', async () => {
    create('fr');
    await answer(1);
    expect(link().getAttribute('aria-label')).toBe('1 notification non lue');
    TestBed.inject(NotificationsService).refreshUnread();
    await answer(0);
    expect(link().getAttribute('aria-label')).toBe('Notifications, aucune non lue');
    expect(badge()).toBeNull();
  });

  it('in Arabic, by the Arabic plural forms (two, few)', async () => {
    create('ar');
    await answer(2);
    expect(link().getAttribute('aria-label')).toBe('إشعاران غير مقروءين');
    TestBed.inject(NotificationsService).refreshUnread();
    await answer(5);
    expect(link().getAttribute('aria-label')).toBe('5 إشعارات غير مقروءة');
  });

  it('shows 99+ beyond 99', async () => {
    create('fr');
    await answer(250);
    expect(badge()?.textContent?.trim()).toBe('99+');
    expect(link().getAttribute('aria-label')).toBe('250 notifications non lues');
  });

  it('asks again every minute while the page is visible, not while the tab is hidden, and when it shows again', async () => {
    jest.useFakeTimers();
    create('fr');
    await answer(0);
    jest.advanceTimersByTime(BELL_POLL_MS);
    await answer(1);
    setVisibility('hidden');
    jest.advanceTimersByTime(BELL_POLL_MS * 3);
    http.expectNone(COUNT);
    setVisibility('visible');
    await answer(2);
    expect(link().getAttribute('aria-label')).toBe('2 notifications non lues');
  });

  it('stops asking and forgets the count once gone (a sign-out)', async () => {
    jest.useFakeTimers();
    create('fr');
    await answer(4);
    fixture.destroy();
    expect(TestBed.inject(NotificationsService).unread()).toBeNull();
    jest.advanceTimersByTime(BELL_POLL_MS * 2);
    setVisibility('visible');
    http.expectNone(COUNT);
  });
});
