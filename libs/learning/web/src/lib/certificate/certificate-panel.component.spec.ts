import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { MyCertificate } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { type Observable, Subject, of } from 'rxjs';
import { LearningService } from '../data-access/learning.service';
import { CertificatePanelComponent } from './certificate-panel.component';

const appTexts = (lang: 'fr' | 'ar'): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(__dirname, `../../../../../../apps/web/public/i18n/${lang}.json`), 'utf8'));

const LINKEDIN =
  'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Num%C3%A9rique&certId=ABCDEF123456';
const mine = (extra: Partial<MyCertificate> = {}): MyCertificate => ({
  code: 'ABCDEF123456',
  issuedAt: '2026-12-07T09:00:00.000Z',
  status: 'valid',
  verifyUrl: 'http://127.0.0.1:3416/verify/ABCDEF123456',
  pdfUrl: '/api/v1/enrolments/enr-1/certificate.pdf',
  credential: {
    jsonUrl: '/api/v1/enrolments/enr-1/credential.json',
    svgUrl: '/api/v1/enrolments/enr-1/credential.svg',
    pngUrl: '/api/v1/enrolments/enr-1/credential.png',
    linkedInUrl: LINKEDIN,
  },
  ...extra,
});

let fixture: ComponentFixture<CertificatePanelComponent>;
let host: HTMLElement;
let credentialFile: jest.Mock<Observable<Blob>, [string]>;
let saved: string[];

async function render(
  c: MyCertificate,
  file: () => Observable<Blob> = () => of(new Blob(['{}'])),
  lang: 'fr' | 'ar' = 'fr',
) {
  TestBed.resetTestingModule();
  credentialFile = jest.fn(() => file());
  TestBed.configureTestingModule({
    imports: [
      CertificatePanelComponent,
      TranslocoTestingModule.forRoot({
        langs: { [lang]: appTexts(lang) },
        translocoConfig: { availableLangs: [lang], defaultLang: lang },
        preloadLangs: true,
      }),
    ],
    providers: [
      provideRouter([]),
      { provide: LanguageService, useValue: { lang: signal(lang) } },
      { provide: LearningService, useValue: { certificate: () => of(c), credentialFile } },
    ],
  });
  fixture = TestBed.createComponent(CertificatePanelComponent);
  fixture.componentRef.setInput('enrolmentId', 'enr-1');
  host = fixture.nativeElement as HTMLElement;
  await fixture.whenStable();
}

const squash = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (name: string) =>
  [...host.querySelectorAll('button')].find((b) => squash(b) === name) as HTMLButtonElement | undefined;

beforeEach(() => {
  saved = [];
  Object.assign(URL, { createObjectURL: () => 'blob:test', revokeObjectURL: jest.fn() });
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
});
afterEach(() => jest.restoreAllMocks());

describe('CertificatePanelComponent: the portable credential', () => {
  it('offers the JSON, the PNG and SVG badges and LinkedIn beside the PDF, and says what they are for', async () => {
    await render(mine());
    const group = host.querySelector('[role="group"]');
    expect(squash(group?.querySelector('h3'))).toBe('Version numérique signée (Open Badges)');
    expect(squash(group?.querySelector('p'))).toMatch(/^Une preuve qui voyage : .*sans nous le demander\./);
    expect([...host.querySelectorAll('button')].map(squash)).toEqual([
      'Télécharger le certificat (PDF)',
      'Télécharger le justificatif (JSON)',
      'Télécharger le badge (PNG)',
      'Télécharger le badge (SVG)',
    ]);
    const linkedIn = group?.querySelector('a');
    expect(linkedIn?.getAttribute('href')).toBe(LINKEDIN);
    expect(linkedIn?.getAttribute('target')).toBe('_blank');
    expect(linkedIn?.getAttribute('rel')).toBe('noopener');
    expect(squash(linkedIn)).toBe("Ajouter à LinkedIn (s'ouvre dans un nouvel onglet)");
  });

  it('hides all of it for a certificate issued before credentials', async () => {
    await render(mine({ credential: null }));
    expect(host.querySelector('[role="group"]')).toBeNull();
    expect([...host.querySelectorAll('button')].map(squash)).toEqual(['Télécharger le certificat (PDF)']);
    expect(host.textContent).not.toContain('LinkedIn');
  });

  it('fetches each file behind the sign-in and saves it under the certificate’s code', async () => {
    await render(mine());
    button('Télécharger le justificatif (JSON)')?.click();
    button('Télécharger le badge (PNG)')?.click();
    button('Télécharger le badge (SVG)')?.click();
    await fixture.whenStable();
    expect(credentialFile.mock.calls.map(([url]) => url)).toEqual([
      '/api/v1/enrolments/enr-1/credential.json',
      '/api/v1/enrolments/enr-1/credential.png',
      '/api/v1/enrolments/enr-1/credential.svg',
    ]);
    expect(saved).toEqual([
      'credential-ABCDEF123456.json',
      'badge-ABCDEF123456.png',
      'badge-ABCDEF123456.svg',
    ]);
  });

  it('says it is downloading on the button pressed and holds the others until done', async () => {
    const answer = new Subject<Blob>();
    await render(mine(), () => answer);
    button('Télécharger le badge (PNG)')?.click();
    await fixture.whenStable();
    expect(button('Téléchargement…')).toBeDefined();
    expect(button('Télécharger le justificatif (JSON)')?.disabled).toBe(true);
    expect(button('Télécharger le certificat (PDF)')?.disabled).toBe(true);
    answer.next(new Blob(['png']));
    answer.complete();
    await fixture.whenStable();
    expect(button('Télécharger le badge (PNG)')?.disabled).toBe(false);
    expect(saved).toEqual(['badge-ABCDEF123456.png']);
  });

  it('says what went wrong when a file cannot be fetched (offline), and lets the coach try again', async () => {
    const offline = new Subject<Blob>();
    await render(mine(), () => offline);
    button('Télécharger le justificatif (JSON)')?.click();
    offline.error(new HttpErrorResponse({ status: 0 }));
    await fixture.whenStable();
    expect(host.querySelector('tc-problem-message [role="alert"]')).not.toBeNull();
    expect(button('Télécharger le justificatif (JSON)')?.disabled).toBe(false);
    expect(saved).toEqual([]);
  });

  it('speaks Arabic', async () => {
    await render(mine(), undefined, 'ar');
    expect([...host.querySelectorAll('[role="group"] button')].map(squash)).toEqual([
      'تنزيل الشهادة الرقمية (JSON)',
      'تنزيل الشارة (PNG)',
      'تنزيل الشارة (SVG)',
    ]);
    expect(squash(host.querySelector('[role="group"] a'))).toBe(
      'إضافة إلى LinkedIn (تُفتح في علامة تبويب جديدة)',
    );
  });
});
