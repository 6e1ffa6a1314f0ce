import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { cohort } from '../trainer-home/trainer-home.fixtures';
import { CohortListPage, filterCohorts, folded } from './cohort-list.page';

const COHORTS = [
  cohort('k-1', { name: 'Médina de Fès', territoryName: { fr: 'Fès-Meknès', ar: 'فاس مكناس' } }),
  cohort('k-2', { name: 'Oujda printemps', status: 'planned', territoryName: { fr: "L'Oriental" } }),
  cohort('k-3', { name: 'Oujda automne', status: 'closed', territoryName: { fr: "L'Oriental" } }),
];

describe('filterCohorts', () => {
  it('folds case and accents', () => {
    expect(folded('  MÉDINA ')).toBe('medina');
  });

  it('finds by name, course or territory in any language, and by status', () => {
    const ids = (q: string, s: '' | 'planned' | 'running' | 'closed' = '') =>
      filterCohorts(COHORTS, q, s).map((c) => c.id);
    expect(ids('medina')).toEqual(['k-1']);
    expect(ids('oriental')).toEqual(['k-2', 'k-3']);
    expect(ids('فاس')).toEqual(['k-1']);
    expect(ids('numérique')).toEqual(['k-1', 'k-2', 'k-3']);
    expect(ids('oujda', 'closed')).toEqual(['k-3']);
    expect(ids('', 'running')).toEqual(['k-1']);
    expect(ids('rabat')).toEqual([]);
  });
});

describe('CohortListPage', () => {
  it('narrows the list as the trainer types, and says how many are shown', async () => {
    TestBed.configureTestingModule({
      imports: [
        CohortListPage,
        TranslocoTestingModule.forRoot({
          langs: { fr: {} },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CohortListPage);
    const host = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/cohorts').flush(COHORTS);
    fixture.detectChanges();
    const names = () => [...host.querySelectorAll('.tc-cohort-name')].map((a) => a.textContent?.trim());
    expect(names()).toEqual(['Médina de Fès', 'Oujda printemps', 'Oujda automne']);

    const search = host.querySelector<HTMLInputElement>('input[type="search"]');
    if (!search) throw new Error('no search field');
    search.value = 'oujda';
    search.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(names()).toEqual(['Oujda printemps', 'Oujda automne']);
    expect(host.querySelector('.tc-shown')?.textContent).toContain('cohorts.listFilter.count');

    search.value = 'rabat';
    search.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(names()).toEqual([]);
    expect(host.textContent).toContain('cohorts.listFilter.none');
    http.verify();
  });

  it('duplicates a cohort from its row, named in the page language, and opens the copy', async () => {
    TestBed.configureTestingModule({
      imports: [
        CohortListPage,
        TranslocoTestingModule.forRoot({
          langs: { fr: { cohorts: { duplicate: { name: '{{ name }} (copie)' } } } },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(CohortListPage);
    const host = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/cohorts').flush(COHORTS);
    fixture.detectChanges();

    const buttons = host.querySelectorAll<HTMLButtonElement>('button.tc-duplicate');
    expect(buttons).toHaveLength(3);
    buttons[1]?.click();
    fixture.detectChanges();
    const req = http.expectOne('/api/v1/cohorts/k-2/duplicate');
    expect([req.request.method, req.request.body]).toEqual(['POST', { name: 'Oujda printemps (copie)' }]);
    expect(
      [...host.querySelectorAll<HTMLButtonElement>('button.tc-duplicate')].every((b) => b.disabled),
    ).toBe(true);
    req.flush({ ...COHORTS[1], id: 'k-9', name: 'Oujda printemps (copie)' });
    expect(navigate).toHaveBeenCalledWith(['/cohorts', 'k-9']);
    http.verify();
  });

  it('opens the wizard at once when asked to create (`?create`, from the home page)', () => {
    TestBed.configureTestingModule({
      imports: [
        CohortListPage,
        TranslocoTestingModule.forRoot({
          langs: { fr: {} },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const opened = (create?: string) => {
      const fixture = TestBed.createComponent(CohortListPage);
      if (create !== undefined) fixture.componentRef.setInput('create', create);
      fixture.detectChanges();
      return !!(fixture.nativeElement as HTMLElement).querySelector('tc-new-cohort-wizard');
    };
    expect(opened()).toBe(false);
    expect(opened('')).toBe(true);
  });
});
