import { TestBed } from '@angular/core/testing';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import { LANGUAGE_STORAGE_KEY, LanguageService } from './language.service';

describe('LanguageService', () => {
  let service: LanguageService;

  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = 'en';
    document.documentElement.dir = '';
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { fr: { hello: 'Bonjour' }, ar: { hello: 'مرحبا' }, en: { hello: 'Hello' } },
          translocoConfig: { availableLangs: ['fr', 'ar', 'en'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
    });
    service = TestBed.inject(LanguageService);
  });

  it('switches to Arabic: html lang=ar, dir=rtl, Transloco active language, remembered', () => {
    service.use('ar');

    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(service.dir()).toBe('rtl');
    expect(TestBed.inject(TranslocoService).getActiveLang()).toBe('ar');
    expect(TestBed.inject(TranslocoService).translate('hello')).toBe('مرحبا');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ar');
  });

  it('goes back to left-to-right for French and English', () => {
    service.use('ar');
    service.use('en');

    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(service.lang()).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('reads back the stored language, ignoring values that are not a locale', () => {
    expect(service.stored()).toBe('fr');
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'ar');
    expect(service.stored()).toBe('ar');
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'de');
    expect(service.stored()).toBe('fr');
  });
});
