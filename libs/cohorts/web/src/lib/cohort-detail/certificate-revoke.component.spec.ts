import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { CertificateRevokeComponent } from './certificate-revoke.component';

describe('CertificateRevokeComponent', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [
        CertificateRevokeComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr: { cohorts: { revoke: { done: 'révoqué : {{ code }}' } } } },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(CertificateRevokeComponent);
    fixture.detectChanges();
    return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
  }

  function fill(el: HTMLElement, code: string, reason: string): void {
    const input = el.querySelector('input') as HTMLInputElement;
    const textarea = el.querySelector('textarea') as HTMLTextAreaElement;
    input.value = code;
    input.dispatchEvent(new Event('input'));
    textarea.value = reason;
    textarea.dispatchEvent(new Event('input'));
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
  }

  it('posts the code (normalised) and the reason, then says it is done', () => {
    const { fixture, http, el } = setup();
    fill(el, ' k7m3qx9pta2b ', '  Réponses partagées ');
    const req = http.expectOne('/api/v1/certificates/K7M3QX9PTA2B/revoke');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ reason: 'Réponses partagées' });
    req.flush({ code: 'K7M3QX9PTA2B', status: 'revoked', holderName: 'Salma Ouazzani' });
    fixture.detectChanges();
    expect(el.querySelector('[role=status]')?.textContent).toContain('révoqué : K7M3QX9PTA2B');
    http.verify();
  });

  it('sends nothing without a reason', () => {
    const { http, el } = setup();
    fill(el, 'K7M3QX9PTA2B', '');
    http.expectNone('/api/v1/certificates/K7M3QX9PTA2B/revoke');
  });
});
