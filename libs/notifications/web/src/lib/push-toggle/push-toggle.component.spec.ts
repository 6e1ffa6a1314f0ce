import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { SwPush } from '@angular/service-worker';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { BehaviorSubject } from 'rxjs';
import { PushToggleComponent } from './push-toggle.component';

const en = {
  notifications: {
    push: {
      enable: 'Enable notifications on this device',
      disable: 'Disable notifications on this device',
      on: 'Notifications are on for this device.',
      unsupported: 'This browser cannot receive notifications.',
      swDisabled: 'Notifications on this device are not available in this version of the site.',
      denied: 'Notifications are blocked for this site.',
      failed: 'The notifications on this device could not be changed. Try again.',
    },
  },
};

const KEY = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
const ENDPOINT = 'https://push.example.org/send/abc';

/** A browser's subscription, as `PushManager.subscribe` resolves it. */
function browserSubscription(): PushSubscription {
  return {
    endpoint: ENDPOINT,
    toJSON: () => ({ endpoint: ENDPOINT, keys: { p256dh: 'p-key', auth: 'a-key' } }),
  } as unknown as PushSubscription;
}

/** The service worker's push side, as Angular's SwPush exposes it. */
function fakeSwPush(isEnabled = true) {
  const subscription = new BehaviorSubject<PushSubscription | null>(null);
  return {
    isEnabled,
    subscription,
    requestSubscription: jest.fn(async () => {
      const s = browserSubscription();
      subscription.next(s);
      return s;
    }),
    unsubscribe: jest.fn(async () => subscription.next(null)),
  };
}

/** What Web Push needs in the browser: the Notification API (with its permission) and PushManager. */
function browserWithPush(permission: NotificationPermission | null): void {
  const w = window as unknown as Record<string, unknown>;
  if (permission === null) {
    delete w['Notification'];
    delete w['PushManager'];
    return;
  }
  w['Notification'] = { permission };
  w['PushManager'] = function PushManager() {
    return undefined;
  };
  Object.defineProperty(window.navigator, 'serviceWorker', { value: {}, configurable: true });
}

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
  fixture.detectChanges();
  await fixture.whenStable();
}

describe('PushToggleComponent', () => {
  let http: HttpTestingController;

  function create(swPush: ReturnType<typeof fakeSwPush> | null): ComponentFixture<PushToggleComponent> {
    TestBed.configureTestingModule({
      imports: [
        PushToggleComponent,
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        ...(swPush ? [{ provide: SwPush, useValue: swPush }] : []),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PushToggleComponent);
    fixture.detectChanges();
    return fixture;
  }
  const text = (f: ComponentFixture<unknown>) => (f.nativeElement as HTMLElement).textContent ?? '';
  const button = (f: ComponentFixture<unknown>) =>
    (f.nativeElement as HTMLElement).querySelector('button') as HTMLButtonElement | null;

  afterEach(() => {
    http.verify();
    browserWithPush(null);
  });

  it('subscribes this browser with the server’s key and registers it, then turns it off', async () => {
    browserWithPush('default');
    const swPush = fakeSwPush();
    const fixture = create(swPush);
    await settle(fixture);
    expect(button(fixture)?.textContent).toContain('Enable notifications on this device');

    button(fixture)!.click();
    await settle(fixture);
    http.expectOne({ method: 'GET', url: '/api/v1/push/public-key' }).flush({ publicKey: KEY });
    await settle(fixture);
    expect(swPush.requestSubscription).toHaveBeenCalledWith({ serverPublicKey: KEY });
    const post = http.expectOne({ method: 'POST', url: '/api/v1/me/push-subscriptions' });
    expect(post.request.body).toEqual({ endpoint: ENDPOINT, keys: { p256dh: 'p-key', auth: 'a-key' } });
    post.flush(
      { id: 's-1', endpoint: ENDPOINT, createdAt: '2026-12-07T00:00:00.000Z' },
      { status: 201, statusText: 'Created' },
    );
    await settle(fixture);
    expect(text(fixture)).toContain('Notifications are on for this device.');
    expect(button(fixture)?.textContent).toContain('Disable notifications on this device');

    button(fixture)!.click();
    await settle(fixture);
    const del = http.expectOne({ method: 'DELETE', url: '/api/v1/me/push-subscriptions' });
    expect(del.request.body).toEqual({ endpoint: ENDPOINT });
    del.flush({ removed: 1 });
    await settle(fixture);
    expect(swPush.unsubscribe).toHaveBeenCalled();
    expect(button(fixture)?.textContent).toContain('Enable notifications on this device');
  });

  it('shows a browser already subscribed as on', async () => {
    browserWithPush('granted');
    const swPush = fakeSwPush();
    swPush.subscription.next(browserSubscription());
    const fixture = create(swPush);
    await settle(fixture);
    expect(button(fixture)?.textContent).toContain('Disable notifications on this device');
  });

  it('says so when the person refuses the permission', async () => {
    browserWithPush('default');
    const swPush = fakeSwPush();
    swPush.requestSubscription.mockImplementation(async () => {
      (window as unknown as { Notification: { permission: string } }).Notification.permission = 'denied';
      throw new Error('Permission denied');
    });
    const fixture = create(swPush);
    await settle(fixture);
    button(fixture)!.click();
    await settle(fixture);
    http.expectOne('/api/v1/push/public-key').flush({ publicKey: KEY });
    await settle(fixture);
    expect(text(fixture)).toContain('Notifications are blocked for this site.');
    expect(button(fixture)).toBeNull();
  });

  it('says notifications were blocked before, without a button', async () => {
    browserWithPush('denied');
    const fixture = create(fakeSwPush());
    await settle(fixture);
    expect(text(fixture)).toContain('Notifications are blocked for this site.');
    expect(button(fixture)).toBeNull();
  });

  it('says when the server refuses the subscription, and stays off', async () => {
    browserWithPush('default');
    const swPush = fakeSwPush();
    const fixture = create(swPush);
    await settle(fixture);
    button(fixture)!.click();
    await settle(fixture);
    http.expectOne('/api/v1/push/public-key').flush({ publicKey: KEY });
    await settle(fixture);
    http
      .expectOne({ method: 'POST', url: '/api/v1/me/push-subscriptions' })
      .flush({ type: 'validation' }, { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(text(fixture)).toContain('could not be changed');
  });

  it('says when the browser has no Web Push', async () => {
    browserWithPush(null);
    const fixture = create(fakeSwPush());
    await settle(fixture);
    expect(text(fixture)).toContain('This browser cannot receive notifications.');
    expect(button(fixture)).toBeNull();
  });

  it('says when the app’s service worker is off (development), or not provided at all', async () => {
    browserWithPush('default');
    const off = create(fakeSwPush(false));
    await settle(off);
    expect(text(off)).toContain('not available in this version of the site');
    TestBed.resetTestingModule();
    const absent = create(null);
    await settle(absent);
    expect(text(absent)).toContain('not available in this version of the site');
  });
});
