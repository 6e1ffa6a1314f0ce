import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CertificateVerification } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { of } from 'rxjs';
import { LearningService } from '../data-access/learning.service';
import { squash, verification } from './testing';
import { VerifyCertificatePage } from './verify-certificate.page';

const appTexts = (lang: 'fr' | 'ar'): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(__dirname, `../../../../../../apps/web/public/i18n/${lang}.json`), 'utf8'));

const certificate = (extra: Partial<CertificateVerification> = {}): CertificateVerification => ({
  code: 'ABCDEF123456',
  status: 'valid',
  holderName: 'Salma Ouazzani',
  courseTitle: { fr: 'Le numérique au service des territoires' },
  courseVersion: 1,
  issuedAt: '2026-12-07T09:00:00.000Z',
  territoryName: { fr: 'Oriental', ar: 'الشرق', en: 'Oriental' },
  reissuedAt: null,
  revokedAt: null,
  revocationReason: null,
  credential: verification(),
  ...extra,
});

async function render(c: CertificateVerification, lang: 'fr' | 'ar' = 'fr'): Promise<HTMLElement> {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({
    imports: [
      VerifyCertificatePage,
      TranslocoTestingModule.forRoot({
        langs: { [lang]: appTexts(lang) },
        translocoConfig: { availableLangs: [lang], defaultLang: lang },
        preloadLangs: true,
      }),
    ],
    providers: [
      provideRouter([]),
      { provide: LanguageService, useValue: { lang: signal(lang) } },
      { provide: LearningService, useValue: { verify: () => of(c) } },
    ],
  });
  const fixture = TestBed.createComponent(VerifyCertificatePage);
  fixture.componentRef.setInput('code', c.code);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const checks = (host: HTMLElement) =>
  [...host.querySelectorAll('.tc-credential li')].map(
    (li) => `${squash(li.querySelector('strong'))}: ${squash(li.querySelector('.tc-outcome'))}`,
  );

describe('VerifyCertificatePage: the credential under the certificate', () => {
  it('lists the credential’s five checks, all passed, under the certificate’s status', async () => {
    const host = await render(certificate());
    expect(squash(host.querySelector('.tc-valid'))).toBe('Ce certificat est valide.');
    expect(squash(host.querySelector('.tc-credential h2'))).toBe('Justificatif numérique (Open Badges 3.0)');
    expect(checks(host)).toEqual([
      'Format: Réussi',
      'Signature: Réussi',
      'Émetteur: Réussi',
      'Statut (révocation): Réussi',
      'Période de validité: Réussi',
    ]);
    expect(host.querySelector('a[href="/verify"]')).not.toBeNull();
  });

  it('shows a revoked certificate’s credential with its status check failed: revoked', async () => {
    const host = await render(
      certificate({
        status: 'revoked',
        revokedAt: '2026-12-08T09:00:00.000Z',
        revocationReason: 'Erreur de saisie',
        credential: verification({ status: { outcome: 'failed', code: 'revoked' } }),
      }),
    );
    expect(squash(host.querySelector('.tc-revoked'))).toContain('Motif : Erreur de saisie');
    expect(checks(host)[3]).toBe('Statut (révocation): Échoué');
    expect(squash(host.querySelectorAll('.tc-credential li')[3])).toContain("L'émetteur l'a révoqué.");
    expect(squash(host.querySelector('.tc-credential .tc-verdict'))).toBe(
      'Ce justificatif ne passe pas toutes les vérifications.',
    );
  });

  it('shows no credential section for a certificate issued before credentials', async () => {
    const host = await render(certificate({ credential: null }));
    expect(squash(host.querySelector('.tc-valid'))).toBe('Ce certificat est valide.');
    expect(host.querySelector('.tc-credential')).toBeNull();
  });

  it('words the checks in Arabic', async () => {
    const host = await render(certificate(), 'ar');
    expect(squash(host.querySelector('.tc-credential h2'))).toBe('الشهادة الرقمية (Open Badges 3.0)');
    expect(checks(host)[0]).toBe('الصيغة: نجح');
  });
});
