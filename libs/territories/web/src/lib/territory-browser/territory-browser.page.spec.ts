import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ProblemDetails, TerritoryDetail } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { CAN_EDIT_TERRITORIES } from '../data-access/territory-editing';
import { TerritoryBrowserPage } from './territory-browser.page';

const BERKANE: TerritoryDetail = {
  id: 'berkane',
  parentId: 'oriental',
  level: 'province',
  code: 'MA-BER',
  name: { fr: 'Berkane', ar: 'بركان', en: 'Berkane' },
  childCount: 0,
  ancestors: [],
};

describe('TerritoryBrowserPage: names and codes by level', () => {
  async function setup(current: TerritoryDetail = BERKANE) {
    TestBed.configureTestingModule({
      imports: [
        TerritoryBrowserPage,
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              territories: { admin: { add: 'Add', edit: 'Edit', oneName: 'One name at least' } },
              common: { save: 'Save', required: 'Required' },
            },
          },
          translocoConfig: {
            availableLangs: ['en'],
            defaultLang: 'en',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LanguageService, useValue: { lang: signal('en') } },
        { provide: CAN_EDIT_TERRITORIES, useValue: signal(true) },
      ],
    });
    const fixture = TestBed.createComponent(TerritoryBrowserPage);
    fixture.componentRef.setInput('id', current.id);
    fixture.detectChanges();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(`/api/v1/territories/${current.id}`).flush(current);
    http
      .expectOne((r) => r.url === '/api/v1/territories' && r.params.get('parentId') === current.id)
      .flush([]);
    await fixture.whenStable();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const click = async (text: string) => {
      [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)?.click();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    const type = (name: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(
        `input[formcontrolname="${name}"]`,
      ) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      el.querySelector('form')?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { fixture, http, el, click, type, submit };
  }

  it('adds a commune with one name and a local code; the other languages are left to fall back', async () => {
    const { http, el, click, type, submit } = await setup();
    await click('Add');
    await submit();
    // No name at all: said under the first name, nothing sent.
    expect(el.textContent).toContain('One name at least');
    http.expectNone('/api/v1/territories');
    type('fr', ' Aïn Reggada ');
    type('code', 'ma-ber-003');
    await submit();
    const req = http.expectOne({ method: 'POST', url: '/api/v1/territories' });
    expect(req.request.body).toEqual({
      parentId: 'berkane',
      level: 'commune',
      code: 'MA-BER-003',
      name: { fr: 'Aïn Reggada', ar: '', en: '' },
    });
  });

  it("requires every name above the commune, and shows the server's words under the field they are about", async () => {
    const { fixture, http, el, click, type, submit } = await setup();
    await click('Edit');
    type('en', '');
    await submit();
    http.expectNone(`/api/v1/territories/${BERKANE.id}`);
    expect(el.querySelectorAll('mat-error')).toHaveLength(1);
    type('en', 'Berkane');
    type('code', 'MA-BER-1');
    await submit();
    const problem: ProblemDetails = {
      type: 'https://example.org/problems/validation',
      title: 'Invalid request',
      status: 400,
      code: 'validation',
      errors: [{ field: 'code', message: 'A province takes an ISO 3166-2 code', code: 'invalid-format' }],
    };
    http
      .expectOne(`/api/v1/territories/${BERKANE.id}`)
      .flush(problem, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    fixture.detectChanges();
    // The server's words about the code, under the code field (in place of the hint).
    const codeField = el.querySelector('.tc-code') as HTMLElement;
    expect(codeField.querySelector('.tc-error')?.textContent?.trim()).toBeTruthy();
    expect(codeField.textContent).not.toContain('territories.admin.codeHint');
    // Said once, beside its field, not again in the list above the buttons.
    expect(el.querySelector('tc-problem-message li')).toBeNull();
  });
});
