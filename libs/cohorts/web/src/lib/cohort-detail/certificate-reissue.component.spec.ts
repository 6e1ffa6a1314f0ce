import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { CertificateReissueComponent } from './certificate-reissue.component';

describe('CertificateReissueComponent', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [
        CertificateReissueComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr: { cohorts: { reissue: { done: 'réédité : {{ code }} pour {{ name }}' } } } },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(CertificateReissueComponent);
    fixture.detectChanges();
    return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
  }

  function submit(el: HTMLElement, code: string): void {
    const input = el.querySelector('input') as HTMLInputElement;
    input.value = code;
    input.dispatchEvent(new Event('input'));
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
  }

  it('posts the code (normalised), then says whose certificate it is now', () => {
    const { fixture, http, el } = setup();
    submit(el, ' k7m3qx9pta2b ');
    const req = http.expectOne('/api/v1/certificates/K7M3QX9PTA2B/reissue');
    expect(req.request.method).toBe('POST');
    req.flush({ code: 'K7M3QX9PTA2B', status: 'valid', holderName: 'Salma El Idrissi' });
    fixture.detectChanges();
    expect(el.querySelector('[role=status]')?.textContent).toContain(
      'réédité : K7M3QX9PTA2B pour Salma El Idrissi',
    );
    http.verify();
  });

  it('sends nothing without a code', () => {
    const { http, el } = setup();
    submit(el, '');
    http.expectNone(() => true);
  });
});
