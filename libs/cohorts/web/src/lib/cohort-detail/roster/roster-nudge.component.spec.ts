import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { NudgeResult } from '@tc/shared/contracts';
import { RosterNudgeComponent } from './roster-nudge.component';

function setup(ids: string[]) {
  TestBed.configureTestingModule({
    imports: [
      RosterNudgeComponent,
      TranslocoTestingModule.forRoot({
        langs: {
          fr: {
            cohorts: {
              nudge: {
                send: 'Envoyer une relance',
                sent: 'Coachs relancés : {{ count }}',
                picked: 'Coachs sélectionnés : {{ count }}',
                skipped: { 'nudged-recently': 'déjà relancé·e ces dernières 24 heures' },
              },
            },
          },
        },
        translocoConfig: {
          availableLangs: ['fr'],
          defaultLang: 'fr',
          missingHandler: { logMissingKey: false },
        },
      }),
    ],
    providers: [provideHttpClient(), provideHttpClientTesting()],
  });
  const fixture = TestBed.createComponent(RosterNudgeComponent);
  fixture.componentRef.setInput('cohortId', 'k-1');
  fixture.componentRef.setInput('enrolmentIds', ids);
  fixture.componentRef.setInput(
    'names',
    new Map([
      ['e-1', 'Salma'],
      ['e-2', 'Youssef'],
    ]),
  );
  fixture.detectChanges();
  return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
}

describe('RosterNudgeComponent', () => {
  it('sends the picked coaches and the trimmed message, then says who was nudged and who was skipped, and why', () => {
    const { fixture, http, el } = setup(['e-1', 'e-2']);
    expect(el.textContent).toContain('Coachs sélectionnés : 2');
    const textarea = el.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = '  Courage !  ';
    textarea.dispatchEvent(new Event('input'));
    (el.querySelector('.tc-nudge-send') as HTMLButtonElement).click();
    const req = http.expectOne('/api/v1/cohorts/k-1/nudges');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ enrolmentIds: ['e-1', 'e-2'], message: 'Courage !' });
    const result: NudgeResult = {
      nudgeId: 'n-1',
      nudged: ['e-1'],
      skipped: [{ enrolmentId: 'e-2', reason: 'nudged-recently' }],
    };
    req.flush(result);
    fixture.detectChanges();
    expect(el.textContent).toContain('Coachs relancés : 1');
    expect(el.textContent).toContain('Youssef');
    expect(el.textContent).toContain('déjà relancé·e ces dernières 24 heures');
    http.verify();
  });

  it('leaves out an empty message and shows the problem of a refused nudge (the hourly cap)', () => {
    const { fixture, http, el } = setup(['e-1']);
    (el.querySelector('.tc-nudge-send') as HTMLButtonElement).click();
    const req = http.expectOne('/api/v1/cohorts/k-1/nudges');
    expect(req.request.body).toEqual({ enrolmentIds: ['e-1'] });
    req.flush(
      { type: 'too-many-requests', code: 'too-many-requests', title: 'Too many nudges', status: 429 },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '600' } },
    );
    fixture.detectChanges();
    expect(el.querySelector('tc-problem-message')?.textContent?.trim()).not.toBe('');
    // Not sent again by itself.
    http.verify();
  });
});
