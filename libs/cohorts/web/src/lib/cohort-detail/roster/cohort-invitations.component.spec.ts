import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort, CohortInvitationList, CohortInvitationStatus } from '@tc/shared/contracts';
import { CohortStore } from '../../data-access/cohort.store';
import { CohortInvitationsComponent } from './cohort-invitations.component';

const fr = {
  common: { link: { copy: 'Copier le lien' }, cancel: 'Annuler' },
  cohorts: {
    invitations: {
      title: 'Invitations ({{ count }})',
      count: {
        sent: '{{ count }} envoyée(s)',
        opened: '{{ count }} ouverte(s)',
        accepted: '{{ count }} acceptée(s)',
        expired: '{{ count }} expirée(s)',
      },
      state: { sent: 'Envoyée', opened: 'Ouverte', accepted: 'Acceptée', expired: 'Expirée' },
      newLink: 'Nouveau lien',
      newLinkLabel: 'Nouveau lien pour {{ email }}',
      newLinkField: "Nouveau lien d'invitation",
      resend: 'Renvoyer',
      resendLabel: "Renvoyer l'invitation de {{ email }}",
      withdraw: "Annuler l'invitation",
      withdrawLabel: "Annuler l'invitation de {{ email }}",
      replaced: "L'ancien lien ne fonctionne plus.",
      export: 'Exporter les liens (CSV)',
      exportConfirm: '{{ count }} nouveaux liens',
      exportYes: 'Créer et exporter {{ count }} lien(s)',
      exported: '{{ count }} lien(s) exporté(s) dans le fichier.',
      csv: { name: 'Nom', email: 'Adresse e-mail', link: 'Lien', expiresAt: 'Expire le' },
      resendAll: 'Renvoyer les invitations en attente',
    },
  },
};

const cohort = { id: 'k-1', name: 'Oujda', courseVersion: 1, newerVersions: [] } as unknown as Cohort;
const invitation = (
  id: string,
  email: string,
  state: CohortInvitationStatus['state'],
): CohortInvitationStatus => ({
  id,
  email,
  name: null,
  state,
  invitedAt: '2027-01-10T09:00:00Z',
  sentAt: '2027-01-10T09:00:00Z',
  openedAt: state === 'opened' ? '2027-01-11T09:00:00Z' : null,
  acceptedAt: state === 'accepted' ? '2027-01-12T09:00:00Z' : null,
  expiresAt: '2027-01-17T09:00:00Z',
});
const list = (linksMailed: boolean): CohortInvitationList => ({
  linksMailed,
  invitations: [
    invitation('i-1', 'amal@coop.ma', 'sent'),
    invitation('i-2', 'badr@coop.ma', 'opened'),
    invitation('i-3', 'chama@coop.ma', 'expired'),
    invitation('i-4', 'driss@coop.ma', 'accepted'),
  ],
});

describe('CohortInvitationsComponent', () => {
  async function setup(linksMailed: boolean) {
    TestBed.configureTestingModule({
      imports: [
        CohortInvitationsComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), CohortStore],
    });
    TestBed.inject(CohortStore).set(cohort);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CohortInvitationsComponent);
    document.body.appendChild(fixture.nativeElement);
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne('/api/v1/cohorts/k-1/invitations').flush(list(linksMailed));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const item = (email: string) =>
      [...el.querySelectorAll('li')].find((li) => li.textContent?.includes(email)) as HTMLElement;
    const byLabel = (label: string) =>
      el.querySelector(`button[aria-label="${label}"]`) as HTMLButtonElement | null;
    return { fixture, http, el, item, byLabel };
  }

  it('lists every invitation with its state; only those not accepted can get a new link or be taken back', async () => {
    const { el, item, byLabel } = await setup(false);
    expect(el.querySelector('h3')?.textContent).toContain('Invitations (4)');
    expect(el.textContent).toContain('1 envoyée(s)');
    expect(el.textContent).toContain('1 ouverte(s)');
    expect(el.textContent).toContain('1 acceptée(s)');
    expect(el.textContent).toContain('1 expirée(s)');
    expect(item('amal@coop.ma').textContent).toContain('Envoyée');
    expect(item('badr@coop.ma').textContent).toContain('Ouverte');
    expect(item('chama@coop.ma').textContent).toContain('Expirée');
    expect(item('driss@coop.ma').textContent).toContain('Acceptée');
    expect(byLabel('Nouveau lien pour chama@coop.ma')).not.toBeNull();
    expect(byLabel('Nouveau lien pour driss@coop.ma')).toBeNull();
    expect(byLabel("Annuler l'invitation de driss@coop.ma")).toBeNull();
    expect(el.textContent).toContain('Exporter les liens (CSV)');
  });

  it('shows a new link under its invitation, focused, and says the old one stopped working', async () => {
    const { fixture, http, item, byLabel } = await setup(false);
    byLabel('Nouveau lien pour chama@coop.ma')?.click();
    const req = http.expectOne('/api/v1/cohorts/k-1/invitations/i-3/resend');
    expect(req.request.method).toBe('POST');
    req.flush({
      invitation: { ...invitation('i-3', 'chama@coop.ma', 'sent'), sentAt: '2027-01-20T09:00:00Z' },
      link: {
        url: 'https://tc.example.org/links/new-token',
        expiresAt: '2027-01-27T09:00:00Z',
        emailed: false,
      },
    });
    fixture.detectChanges();
    await fixture.whenStable();
    const row = item('chama@coop.ma');
    expect(row.textContent).toContain('Envoyée');
    expect(row.textContent).toContain("L'ancien lien ne fonctionne plus.");
    const field = row.querySelector('input') as HTMLInputElement;
    expect(field.value).toBe('https://tc.example.org/links/new-token');
    expect(document.activeElement).toBe(field);
  });

  it('exports new links of the open invitations, after a confirmation, as a semicolon CSV file', async () => {
    const saved: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      saved.push(blob);
      return 'blob:export';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    // The download itself (jsdom does not navigate).
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { fixture, http, el } = await setup(false);
    const button = (name: string) =>
      [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
    button('Exporter les liens (CSV)').click();
    fixture.detectChanges();
    // Nothing issued before the confirmation.
    http.expectNone('/api/v1/cohorts/k-1/invitations/resend');
    button('Créer et exporter 3 lien(s)').click();
    const req = http.expectOne('/api/v1/cohorts/k-1/invitations/resend');
    expect(req.request.body).toEqual({ invitationIds: ['i-1', 'i-2', 'i-3'] });
    req.flush({
      links: [
        {
          invitationId: 'i-1',
          email: 'amal@coop.ma',
          name: 'Amal',
          url: 'https://tc.example.org/links/t1',
          expiresAt: '2027-01-27T09:00:00Z',
          emailed: false,
        },
      ],
    });
    fixture.detectChanges();
    expect(saved).toHaveLength(1);
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved[0] as Blob);
    });
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[1]).toMatch(
      /^Amal;amal@coop\.ma;https:\/\/tc\.example\.org\/links\/t1;2027-01-2\d /,
    );
    expect(el.querySelector('[role=status]')?.textContent).toContain('1 lien(s) exporté(s)');
  });

  it('with a mail server, offers to resend by e-mail, not to export links', async () => {
    const { el, byLabel } = await setup(true);
    expect(byLabel("Renvoyer l'invitation de amal@coop.ma")).not.toBeNull();
    expect(el.textContent).not.toContain('Exporter les liens');
    expect(el.textContent).toContain('Renvoyer les invitations en attente');
  });
});
