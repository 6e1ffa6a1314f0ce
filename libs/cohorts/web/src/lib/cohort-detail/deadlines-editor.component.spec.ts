import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort } from '@tc/shared/contracts';
import { CohortStore } from '../data-access/cohort.store';
import { DeadlinesEditorComponent } from './deadlines-editor.component';

const fr = {
  cohorts: {
    deadlines: {
      modes: { none: 'Aucune', date: 'À une date', days: 'Jours après le début' },
      resolved: 'À terminer le {{ date }}',
      afterStart: '{{ days }} jour(s) après le début',
      noDeadline: 'Sans échéance',
    },
  },
};

const cohort = {
  id: 'k-1',
  startsOn: '2027-01-10',
  modules: [{ key: 'm1', title: { fr: 'Un' }, dueOn: null }],
  deadlines: [],
} as unknown as Cohort;

describe('DeadlinesEditorComponent', () => {
  it('shows the date a number of days after the start stands for while it is typed, before saving', async () => {
    TestBed.configureTestingModule({
      imports: [
        DeadlinesEditorComponent,
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
    const fixture = TestBed.createComponent(DeadlinesEditorComponent);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const due = () => el.querySelector('.tc-due')?.textContent?.replace(/\s+/g, ' ').trim();
    expect(due()).toBe('Sans échéance');

    const mode = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatSelectHarness);
    await mode.open();
    await mode.clickOptions({ text: 'Jours après le début' });
    const days = el.querySelector<HTMLInputElement>('input[formcontrolname="days"]');
    if (!days) throw new Error('no number of days');
    days.value = '14';
    days.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(due()).toMatch(/^À terminer le .*24.*2027 \(14 jour\(s\) après le début\)$/);
    // Nothing was saved: the store's cohort has no deadline yet.
    expect(TestBed.inject(CohortStore).cohort()?.deadlines).toEqual([]);
  });
});
