import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { TRAINER_SCOPE } from '../data-access/trainer-scope';
import { course } from '../trainer-home/trainer-home.fixtures';
import { NewCohortWizardComponent } from './new-cohort-wizard.component';

describe('NewCohortWizardComponent', () => {
  /** The wizard, with the trainer's territories (none: the default, the whole tree). */
  function configure(scope?: string[]) {
    TestBed.configureTestingModule({
      imports: [
        NewCohortWizardComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr: {} },
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
        ...(scope ? [{ provide: TRAINER_SCOPE, useValue: signal(scope) }] : []),
      ],
    });
  }

  /** Types a field's value as a person would. */
  function type(host: HTMLElement, field: string, value: string): void {
    const input = host.querySelector<HTMLInputElement>(`input[formcontrolname="${field}"]`);
    if (!input) throw new Error(`no field ${field}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function atStepTwo() {
    configure();
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NewCohortWizardComponent);
    const host = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http
      .expectOne((r) => r.url === '/api/v1/courses' && r.params.get('scope') === 'published')
      .flush([course('c-1', { title: { fr: 'Numérique au quotidien.' } })]);
    fixture.detectChanges();
    const errors = () => [...host.querySelectorAll('mat-error')].map((e) => e.textContent?.trim());
    expect(errors()).toEqual([]);

    const loader = TestbedHarnessEnvironment.loader(fixture);
    const [courseSelect] = await loader.getAllHarnesses(MatSelectHarness);
    await courseSelect.open();
    await courseSelect.clickOptions({ text: 'Numérique au quotidien.' });
    host.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, host, errors };
  }

  it('shows no "required" on the second step before a field was touched', async () => {
    const { host, errors } = await atStepTwo();
    expect(host.querySelector('input[formcontrolname="name"]')).not.toBeNull();
    expect(errors()).toEqual([]);
  });

  it('shows "required" on a field once it was left empty, and on every empty field after a submit', async () => {
    const { fixture, host, errors } = await atStepTwo();
    const name = host.querySelector<HTMLInputElement>('input[formcontrolname="name"]');
    name?.dispatchEvent(new Event('focus'));
    name?.dispatchEvent(new Event('blur'));
    fixture.detectChanges();
    expect(errors()).toEqual(['common.required']);

    host.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    fixture.detectChanges();
    expect(errors()).toEqual(['common.required', 'common.required']);
  });

  it('marks the French course title as a text of its own direction', async () => {
    const { host } = await atStepTwo();
    const title = host.querySelector('.tc-chosen [tctext]');
    expect(title?.textContent).toBe('Numérique au quotidien.');
    expect(title?.getAttribute('dir')).toBe('auto');
  });

  function withScope(scope: string[]) {
    configure(scope);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NewCohortWizardComponent);
    fixture.autoDetectChanges();
    return { http, fixture, host: fixture.nativeElement as HTMLElement };
  }

  it("chooses the only published course at its latest version, and starts at the trainer's territory", async () => {
    const { http, fixture, host } = withScope(['oriental']);
    http
      .expectOne((r) => r.url === '/api/v1/courses')
      .flush([course('c-1', { title: { fr: 'Numérique' }, latestVersion: 3 })]);
    await fixture.whenStable();
    // Nothing to choose on step 1: "Next" goes on at once, the focus on the cohort's name.
    host.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    const name = host.querySelector<HTMLInputElement>('input[formcontrolname="name"]');
    expect(document.activeElement).toBe(name);
    expect(name?.getAttribute('aria-describedby')).toContain('tc-new-cohort-step2');

    // The territory starts at the trainer's region, already chosen, never at the top of the tree.
    http.expectNone('/api/v1/territories');
    const oriental = {
      id: 'oriental',
      parentId: 'morocco',
      level: 'region',
      code: 'MA-02',
      name: { fr: "L'Oriental" },
      childCount: 1,
      ancestors: [],
    };
    http.match('/api/v1/territories/oriental').forEach((r) => r.flush(oriental));
    http.match((r) => r.params.get('parentId') === 'oriental').forEach((r) => r.flush([]));
    await fixture.whenStable();

    type(host, 'name', 'Oujda printemps');
    type(host, 'endsOn', '2099-06-30');
    host.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const created = http.expectOne((r) => r.method === 'POST' && r.url === '/api/v1/cohorts');
    expect(created.request.body).toEqual(
      expect.objectContaining({ courseId: 'c-1', courseVersion: 3, territoryId: 'oriental' }),
    );
  });

  it('leaves the territory to choose, among their own, when the trainer has several', async () => {
    const { http, fixture, host } = withScope(['oriental', 'fes']);
    http.expectOne((r) => r.url === '/api/v1/courses').flush([course('c-1'), course('c-2')]);
    await fixture.whenStable();
    const [courseSelect] = await TestbedHarnessEnvironment.loader(fixture).getAllHarnesses(MatSelectHarness);
    await courseSelect.open();
    await courseSelect.clickOptions({ text: 'Cours c-2' });
    host.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();

    http.expectNone('/api/v1/territories');
    const region = (id: string) => ({
      id,
      parentId: 'morocco',
      level: 'region',
      code: null,
      name: { fr: id },
      childCount: 0,
      ancestors: [],
    });
    http.expectOne('/api/v1/territories/oriental').flush(region('oriental'));
    http.expectOne('/api/v1/territories/fes').flush(region('fes'));
    await fixture.whenStable();
    type(host, 'name', 'Fès');
    type(host, 'endsOn', '2099-06-30');
    host.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    http.expectNone((r) => r.method === 'POST');
    expect(host.textContent).toContain('cohorts.fields.territoryRequired');
  });
});
