import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort } from '@tc/shared/contracts';
import { CohortStore } from '../data-access/cohort.store';
import { CohortDetailPage } from './cohort-detail.page';
import { flushEmptyRoster } from './roster/roster.testing';

const fr = {
  cohorts: {
    revoke: { title: 'Révoquer un certificat' },
    reissue: { title: 'Rééditer un certificat' },
    upgrade: {
      title: 'Nouvelle version du cours',
      done: 'Passée de la version {{ from }} à la version {{ to }}',
    },
  },
};

const cohort = {
  id: 'k-1',
  name: 'Oujda',
  status: 'running',
  courseTitle: { fr: 'Cours' },
  courseVersion: 2,
  territoryName: { fr: 'Oriental', ar: 'الشرق', en: 'Oriental' },
  startsOn: '2027-01-10',
  endsOn: '2027-03-31',
  trainers: [],
  enrolledCount: 0,
  deadlines: [],
  modules: [],
  joinCode: null,
  newerVersions: [],
} as unknown as Cohort;

describe('CohortDetailPage', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [
        CohortDetailPage,
        TranslocoTestingModule.forRoot({
          langs: { fr },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), CohortStore],
    });
    const store = TestBed.inject(CohortStore);
    store.set(cohort);
    const fixture = TestBed.createComponent(CohortDetailPage);
    fixture.componentRef.setInput('id', 'k-1');
    fixture.detectChanges();
    const headings = () =>
      [...(fixture.nativeElement as HTMLElement).querySelectorAll('h2')].map((h) => h.textContent?.trim());
    return { fixture, store, headings };
  }

  it('offers certificate revocation and re-issue on a cohort that runs the latest version', () => {
    const { headings } = setup();
    expect(headings()).toEqual(expect.arrayContaining(['Révoquer un certificat', 'Rééditer un certificat']));
    expect(headings()).not.toContain('Nouvelle version du cours');
  });

  it('keeps the version card, with its report, after a move to the latest version', () => {
    const { fixture, store, headings } = setup();
    store.lastUpgrade.set({
      from: 1,
      to: 2,
      changes: { added: [], removed: [], changed: [], modulesAdded: [], modulesRemoved: [] },
    });
    fixture.detectChanges();
    expect(headings()).toContain('Nouvelle version du cours');
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('#tc-upgrade-report-h')?.textContent,
    ).toContain('Passée de la version 1 à la version 2');
  });

  it('puts the people first: their tabs before the cards, the roster shown', () => {
    const { fixture } = setup();
    const page = fixture.nativeElement as HTMLElement;
    const tabs = page.querySelector('mat-tab-group');
    const firstCard = page.querySelector('.tc-grid');
    expect(tabs && firstCard && tabs.compareDocumentPosition(firstCard)).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect([...page.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('aria-selected'))).toEqual([
      'true',
      'false',
      'false',
    ]);
    expect(page.querySelector('mat-tab-group tc-roster')).not.toBeNull();
  });

  it('opens the e-mail tab from the empty roster, its address field focused', async () => {
    const { fixture } = setup();
    fixture.autoDetectChanges();
    const http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    flushEmptyRoster(http, 'k-1');
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    page.querySelector<HTMLButtonElement>('.tc-nobody button')?.click();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
    expect([...page.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('aria-selected'))).toEqual([
      'false',
      'true',
      'false',
    ]);
    const field = page.querySelector('tc-enrol-emails textarea');
    expect(field).not.toBeNull();
    expect(document.activeElement).toBe(field);
  });
});
