import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { NotificationSettings } from '@tc/shared/contracts';
import { NotificationSettingsPage } from './notification-settings.page';

const API = '/api/v1/me/notification-settings';
const fr = {
  notifications: {
    loading: 'Chargement…',
    settings: {
      title: 'Réglages des notifications',
      back: 'Retour aux notifications',
      channels: 'Par quel moyen être prévenu·e',
      inAppAlways: "Dans l'application, vous voyez toujours toutes vos notifications.",
      kind: 'Notification',
      channel: { email: 'E-mail', push: 'Push' },
      kinds: {
        certificate: { issued: 'Certificat délivré' },
        task: { reviewed: 'Travail évalué' },
        announcement: { posted: 'Nouvelle annonce' },
      },
      emailMode: 'E-mails',
      modes: { immediate: 'À chaque notification', digest: 'Un résumé par jour', off: 'Aucun e-mail' },
      digestHour: 'Heure du résumé',
      quietHours: 'Heures calmes',
      quietHint: 'Pendant ces heures, ni e-mail ni push.',
      quietOn: 'Activer les heures calmes',
      quietFrom: 'De',
      quietUntil: "Jusqu'à",
      timeZone: 'Fuseau horaire',
      save: 'Enregistrer',
      saved: 'Réglages enregistrés.',
    },
  },
};

const defaults: NotificationSettings = {
  kinds: [
    { kind: 'certificate.issued', email: true, push: true },
    { kind: 'task.reviewed', email: true, push: true },
    { kind: 'announcement.posted', email: true, push: true },
  ],
  emailMode: 'immediate',
  digestHour: 18,
  quietHoursStart: '22:00',
  quietHoursEnd: '07:00',
  timeZone: 'Africa/Casablanca',
};

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
  fixture.detectChanges();
  await fixture.whenStable();
}

// The first page of a run compiles Angular's templates: a generous cap for a busy machine.
jest.setTimeout(30000);

describe('the notification settings page', () => {
  let fixture: ComponentFixture<NotificationSettingsPage>;
  let http: HttpTestingController;
  let host: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        NotificationSettingsPage,
        TranslocoTestingModule.forRoot({
          langs: { fr },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationSettingsPage);
    host = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne((r) => r.url === API && r.method === 'GET').flush(defaults);
    await settle(fixture);
  });
  afterEach(() => http.verify());

  const checkbox = (name: string) => host.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  const change = async (el: HTMLInputElement | HTMLSelectElement, value?: string | boolean) => {
    if (typeof value === 'boolean') (el as HTMLInputElement).checked = value;
    else if (value !== undefined) el.value = value;
    el.dispatchEvent(new Event('change'));
    await settle(fixture);
  };

  it('shows a table of kinds × channels in the reader’s language, with the current choices', () => {
    const rows = [...host.querySelectorAll('.tc-kinds tbody tr')];
    expect(rows.map((r) => r.querySelector('th')?.textContent?.trim())).toEqual([
      'Certificat délivré',
      'Travail évalué',
      'Nouvelle annonce',
    ]);
    expect([...host.querySelectorAll('.tc-kinds thead th')].map((th) => th.textContent?.trim())).toEqual([
      'Notification',
      'E-mail',
      'Push',
    ]);
    expect(checkbox('task.reviewed-email').checked).toBe(true);
    expect(checkbox('task.reviewed-email').getAttribute('aria-label')).toBe('Travail évalué — E-mail');
    expect(host.querySelector<HTMLInputElement>('input[name="quietHoursStart"]')?.value).toBe('22:00');
    expect(host.querySelector<HTMLSelectElement>('select[name="timeZone"]')?.value).toBe('Africa/Casablanca');
  });

  it('saves what the person changed: a kind off by e-mail, a daily digest at 8, no quiet hours, another zone', async () => {
    await change(checkbox('task.reviewed-email'), false);
    await change(host.querySelector<HTMLInputElement>('input[name="emailMode"][value="digest"]')!, true);
    const hour = host.querySelector<HTMLSelectElement>('select[name="digestHour"]')!;
    expect(hour).not.toBeNull();
    await change(hour, '8');
    await change(checkbox('quiet'), false);
    expect(host.querySelector('input[name="quietHoursStart"]')).toBeNull();
    await change(host.querySelector<HTMLSelectElement>('select[name="timeZone"]')!, 'Europe/Paris');

    host.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const put = http.expectOne((r) => r.url === API && r.method === 'PUT');
    const sent = put.request.body as NotificationSettings;
    expect(sent.kinds.find((k) => k.kind === 'task.reviewed')).toEqual({
      kind: 'task.reviewed',
      email: false,
      push: true,
    });
    expect(sent).toMatchObject({
      emailMode: 'digest',
      digestHour: 8,
      quietHoursStart: null,
      quietHoursEnd: null,
      timeZone: 'Europe/Paris',
    });
    put.flush(sent);
    await settle(fixture);
    expect(host.querySelector('[role="status"]')?.textContent).toContain('Réglages enregistrés.');
  });

  it('greys out the e-mail column when e-mail is off', async () => {
    await change(host.querySelector<HTMLInputElement>('input[name="emailMode"][value="off"]')!, true);
    expect(checkbox('certificate.issued-email').disabled).toBe(true);
    expect(checkbox('certificate.issued-push').disabled).toBe(false);
  });
});
