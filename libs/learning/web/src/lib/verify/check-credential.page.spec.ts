import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CredentialVerification } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { type Observable, of, throwError } from 'rxjs';
import { LearningService } from '../data-access/learning.service';
import { CheckCredentialPage } from './check-credential.page';
import { squash, verification } from './testing';

const appTexts = (lang: 'fr' | 'ar'): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(__dirname, `../../../../../../apps/web/public/i18n/${lang}.json`), 'utf8'));

const credential = {
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialSubject: { name: 'S' },
};

let fixture: ComponentFixture<CheckCredentialPage>;
let host: HTMLElement;
let verify: jest.Mock<Observable<CredentialVerification>, [Record<string, unknown>]>;

async function render(
  answer: () => Observable<CredentialVerification> = () => of(verification()),
  lang: 'fr' | 'ar' = 'fr',
) {
  TestBed.resetTestingModule();
  verify = jest.fn(() => answer());
  TestBed.configureTestingModule({
    imports: [
      CheckCredentialPage,
      TranslocoTestingModule.forRoot({
        langs: { [lang]: appTexts(lang) },
        translocoConfig: { availableLangs: [lang], defaultLang: lang },
        preloadLangs: true,
      }),
    ],
    providers: [
      provideRouter([]),
      { provide: LanguageService, useValue: { lang: signal(lang) } },
      { provide: LearningService, useValue: { verifyCredential: verify } },
    ],
  });
  fixture = TestBed.createComponent(CheckCredentialPage);
  host = fixture.nativeElement as HTMLElement;
  await fixture.whenStable();
}

/** Lets the file be read (FileReader answers on a later task) and the page redraw. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 5));
    await fixture.whenStable();
  }
}

async function choose(file: File): Promise<void> {
  const input = host.querySelector<HTMLInputElement>('#tc-credential-file');
  if (!input) throw new Error('no file input');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
  await settle();
}

async function paste(text: string): Promise<void> {
  const area = host.querySelector<HTMLTextAreaElement>('#tc-credential-text');
  if (!area) throw new Error('no text area');
  area.value = text;
  area.dispatchEvent(new Event('input'));
  await fixture.whenStable();
  host.querySelector<HTMLButtonElement>('form button[type="submit"]')?.click();
  await settle();
}

describe('CheckCredentialPage', () => {
  it('labels its file input and text area', async () => {
    await render();
    expect(squash(host.querySelector('label[for="tc-credential-file"]'))).toBe(
      'Choisir le fichier du justificatif',
    );
    expect(host.querySelector('#tc-credential-file')?.getAttribute('aria-describedby')).toBe(
      'tc-credential-file-hint',
    );
    expect(squash(host.querySelector('label[for="tc-credential-text"]'))).toBe(
      'Ou collez le JSON du justificatif',
    );
    expect(host.querySelector<HTMLButtonElement>('form button[type="submit"]')?.disabled).toBe(true);
  });

  it('sends the credential of a chosen JSON file and shows each check and the summary, focused', async () => {
    await render();
    await choose(
      new File([JSON.stringify(credential)], 'credential-ABCDEF123456.json', { type: 'application/json' }),
    );
    expect(verify).toHaveBeenCalledWith(credential);
    const heading = host.querySelector('h2[tabindex="-1"]');
    expect(squash(heading)).toBe('Résultat de la vérification');
    expect(document.activeElement).toBe(heading);
    expect(squash(host.querySelector('.tc-source'))).toBe('Fichier : credential-ABCDEF123456.json');
    expect(squash(host.querySelector('tc-credential-checks .tc-verdict'))).toBe(
      'Ce justificatif est authentique et valide.',
    );
    expect(host.querySelectorAll('tc-credential-checks li')).toHaveLength(5);
    expect(squash(host.querySelector('tc-credential-checks dl'))).toContain('Salma Ouazzani');
  });

  it('reads the credential baked in a PNG badge before sending it', async () => {
    await render();
    const text = new TextEncoder().encode(JSON.stringify(credential));
    const data = [...new TextEncoder().encode('openbadgecredential'), 0, 0, 0, 0, 0, ...text];
    const n = data.length;
    const bytes = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      (n >>> 24) & 255,
      (n >>> 16) & 255,
      (n >>> 8) & 255,
      n & 255,
      ...new TextEncoder().encode('iTXt'),
      ...data,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      ...new TextEncoder().encode('IEND'),
      0,
      0,
      0,
      0,
    ]);
    await choose(new File([bytes], 'badge.png', { type: 'image/png' }));
    expect(verify).toHaveBeenCalledWith(credential);
  });

  it('says in words that a file holds no credential, and sends nothing', async () => {
    await render();
    await choose(
      new File(['<svg xmlns="http://www.w3.org/2000/svg"></svg>'], 'logo.svg', { type: 'image/svg+xml' }),
    );
    expect(verify).not.toHaveBeenCalled();
    const alert = host.querySelector('[role="alert"]');
    expect(squash(alert)).toMatch(/^Ce fichier ne contient pas de justificatif Open Badges\./);
  });

  it('refuses pasted text that is not JSON, then checks pasted JSON', async () => {
    await render();
    await paste('{"type": ');
    expect(verify).not.toHaveBeenCalled();
    expect(squash(host.querySelector('[role="alert"]'))).toBe(
      "Ce texte n'est pas du JSON valide. Collez le contenu complet du fichier JSON.",
    );
    await paste(JSON.stringify(credential));
    expect(verify).toHaveBeenCalledWith(credential);
    expect(host.querySelector('.tc-source')).toBeNull();
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows a tampered credential as not verified, its signature failed', async () => {
    await render(() =>
      of(
        verification({
          signature: { outcome: 'failed', code: 'signature-invalid' },
          issuer: { outcome: 'skipped', code: 'earlier-check-failed' },
        }),
      ),
    );
    await paste(JSON.stringify(credential));
    expect(squash(host.querySelector('.tc-verdict'))).toBe(
      'Ce justificatif ne passe pas toutes les vérifications.',
    );
    expect(squash(host.querySelectorAll('tc-credential-checks li')[1])).toContain('Échoué');
  });

  it('says the network failed in the app’s own words when offline, never a raw exception', async () => {
    await render(() => throwError(() => new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' })));
    await paste(JSON.stringify(credential));
    const alert = host.querySelector('tc-problem-message [role="alert"]');
    expect(alert).not.toBeNull();
    expect(squash(alert)).not.toMatch(/Unknown Error|HttpErrorResponse|undefined/);
    expect(squash(alert).length).toBeGreaterThan(10);
  });

  it('opens a certificate by its code', async () => {
    await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const input = host.querySelector<HTMLInputElement>('#tc-certificate-code');
    if (!input) throw new Error('no code input');
    input.value = ' abcdef123456 ';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    host.querySelector<HTMLButtonElement>('.tc-code button')?.click();
    expect(navigate).toHaveBeenCalledWith(['/verify', 'ABCDEF123456']);
  });

  it('speaks Arabic', async () => {
    await render(undefined, 'ar');
    expect(squash(host.querySelector('h1'))).toBe('التحقق من شهادة رقمية');
    await choose(new File(['hello'], 'note.txt'));
    expect(squash(host.querySelector('[role="alert"]'))).toMatch(/^لا يتضمن هذا الملف شهادة Open Badges\./);
  });
});
