import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort, CsvImportReport } from '@tc/shared/contracts';
import { CohortStore } from '../../data-access/cohort.store';
import { CsvImportComponent } from './csv-import.component';

const IMPORT_URL = '/api/v1/cohorts/k-1/enrolments/import';

describe('CsvImportComponent', () => {
  let http: HttpTestingController;
  let host: HTMLElement;
  let stable: () => Promise<void>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        CsvImportComponent,
        TranslocoTestingModule.forRoot({
          // The chosen file's name shows once it was read (the other keys show as themselves).
          langs: { fr: { cohorts: { import: { chosen: '{{ name }}' } } } },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), CohortStore],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(CohortStore).set({ id: 'k-1' } as Cohort);
    const fixture = TestBed.createComponent(CsvImportComponent);
    host = fixture.nativeElement as HTMLElement;
    stable = () => fixture.whenStable();
    await stable();
  });

  afterEach(() => http.verify());

  async function choose(text: string, name = 'coachs.csv'): Promise<void> {
    const input = host.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      configurable: true,
      value: [new File([text], name, { type: 'text/csv' })],
    });
    input.dispatchEvent(new Event('change'));
    // FileReader is asynchronous: wait until the file is shown as chosen.
    for (let i = 0; i < 200; i++) {
      await stable();
      if (host.querySelector('.tc-chosen')?.textContent?.includes(name)) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${name} was never read`);
  }

  const button = (label: string) =>
    [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(label)) as HTMLButtonElement;
  const tableRows = () =>
    [...host.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );

  async function respond(report: CsvImportReport): Promise<void> {
    const req = http.expectOne((r) => r.url === IMPORT_URL);
    req.flush(report);
    await stable();
  }

  it('sends the file text as a dry run, lists its problems by line and keeps the import disabled', async () => {
    const csv = 'email;full name;territory code;preferred language\nnope;A;MA-XXX;fr\n';
    await choose(csv);
    expect(button('cohorts.import.commit').disabled).toBe(true);
    button('cohorts.import.dryRun').click();
    await stable();
    const req = http.expectOne((r) => r.url === IMPORT_URL);
    expect(req.request.params.get('dryRun')).toBe('true');
    expect(req.request.body).toBe(csv);
    req.event({ type: HttpEventType.UploadProgress, loaded: 1, total: 2 });
    await stable();
    expect((host.querySelector('progress') as HTMLProgressElement).value).toBe(50);
    req.flush({
      dryRun: true,
      rows: 1,
      valid: 0,
      problems: [
        { line: 2, field: 'territoryCode', message: 'Unknown territory code MA-XXX' },
        { line: 2, field: 'email', message: 'Not an e-mail address' },
      ],
    } satisfies CsvImportReport);
    await stable();
    expect(tableRows()).toEqual([
      ['2', 'cohorts.import.columns.email', 'Not an e-mail address'],
      ['2', 'cohorts.import.columns.territoryCode', 'Unknown territory code MA-XXX'],
    ]);
    expect(button('cohorts.import.commit').disabled).toBe(true);
  });

  it('allows the import after a clean dry run, and commits with dryRun=false', async () => {
    await choose('email;full name;territory code;preferred language\na@example.org;A;MA-BER;fr\n');
    button('cohorts.import.dryRun').click();
    await stable();
    await respond({ dryRun: true, rows: 1, valid: 1, problems: [] });
    expect(tableRows()).toEqual([]);
    const commit = button('cohorts.import.commit');
    expect(commit.disabled).toBe(false);
    commit.click();
    await stable();
    const req = http.expectOne((r) => r.url === IMPORT_URL);
    expect(req.request.params.get('dryRun')).toBe('false');
    req.flush({
      dryRun: false,
      rows: 1,
      valid: 1,
      problems: [],
      result: { enrolled: [], alreadyEnrolled: [], alreadyInvited: [], invalid: [], invited: [] },
    });
    await stable();
    expect(host.textContent).toContain('cohorts.import.done');
    // The store fetches the cohort again (its enrolled count changed).
    http.expectOne('/api/v1/cohorts/k-1').flush({ id: 'k-1' });
  });

  it('shows the rows of a refused commit (422) in the same table', async () => {
    await choose('email;full name;territory code;preferred language\na@example.org;A;MA-BER;fr\n');
    button('cohorts.import.dryRun').click();
    await stable();
    await respond({ dryRun: true, rows: 1, valid: 1, problems: [] });
    button('cohorts.import.commit').click();
    await stable();
    http
      .expectOne((r) => r.url === IMPORT_URL)
      .flush(
        {
          type: 'csv-import-refused',
          title: 'Import refused',
          status: 422,
          errors: [{ field: 'line 2: territoryCode', message: 'Territory removed meanwhile' }],
        },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await stable();
    expect(tableRows()).toEqual([
      ['2', 'cohorts.import.columns.territoryCode', 'Territory removed meanwhile'],
    ]);
    expect(button('cohorts.import.commit').disabled).toBe(true);
  });

  it('forgets the last report when another file is chosen', async () => {
    await choose('email\na@example.org\n');
    button('cohorts.import.dryRun').click();
    await stable();
    await respond({ dryRun: true, rows: 1, valid: 1, problems: [] });
    expect(button('cohorts.import.commit').disabled).toBe(false);
    await choose('email\nb@example.org\n', 'autre.csv');
    expect(button('cohorts.import.commit').disabled).toBe(true);
  });
});
