import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { course } from '../trainer-home/trainer-home.fixtures';
import { NewCohortWizardComponent } from './new-cohort-wizard.component';

describe('NewCohortWizardComponent', () => {
  async function atStepTwo() {
    TestBed.configureTestingModule({
      imports: [
        NewCohortWizardComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr: {} },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
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
});
