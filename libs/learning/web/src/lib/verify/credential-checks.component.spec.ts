import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { CREDENTIAL_CHECKS, type CredentialVerification } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { CREDENTIAL_CODES, CredentialChecksComponent } from './credential-checks.component';
import { squash, verification } from './testing';

/** The application's own texts, so that the spec reads what a visitor reads. */
const appTexts = (lang: 'fr' | 'ar' | 'en'): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(__dirname, `../../../../../../apps/web/public/i18n/${lang}.json`), 'utf8'));

async function render(v: CredentialVerification, summary = false, lang: 'fr' | 'ar' = 'fr') {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({
    imports: [
      CredentialChecksComponent,
      TranslocoTestingModule.forRoot({
        langs: { [lang]: appTexts(lang) },
        translocoConfig: { availableLangs: [lang], defaultLang: lang },
        preloadLangs: true,
      }),
    ],
    providers: [{ provide: LanguageService, useValue: { lang: signal(lang) } }],
  });
  const fixture = TestBed.createComponent(CredentialChecksComponent);
  fixture.componentRef.setInput('verification', v);
  fixture.componentRef.setInput('summary', summary);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

/** Each check as "name | outcome | what it found", as the eye reads its three parts. */
const items = (host: HTMLElement) =>
  [...host.querySelectorAll('li')].map((li) =>
    [...li.querySelectorAll('strong, .tc-outcome, .tc-found')].map(squash).join(' | '),
  );
/** A description list as "term: definition" pairs. */
const pairs = (dl: Element | null) =>
  [...(dl?.querySelectorAll('dt') ?? [])].map((dt) => `${squash(dt)}: ${squash(dt.nextElementSibling)}`);

describe('CredentialChecksComponent', () => {
  it('says a credential is genuine and lists the five checks, each passed in words and with an icon', async () => {
    const host = await render(verification());
    expect(squash(host.querySelector('.tc-verdict'))).toBe('Ce justificatif est authentique et valide.');
    expect(items(host)).toEqual([
      'Format | Réussi | Un justificatif Open Badges 3.0 bien formé.',
      "Signature | Réussi | La signature est intacte : rien n'a changé depuis la signature.",
      "Émetteur | Réussi | Signé avec une clé de l'émetteur indiqué.",
      "Statut (révocation) | Réussi | L'émetteur ne l'a pas révoqué.",
      'Période de validité | Réussi | Il est en cours de validité.',
    ]);
    for (const li of host.querySelectorAll('li')) {
      expect(li.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    }
    expect(host.querySelector('dl')).toBeNull();
  });

  it('shows a revoked credential: its status check failed with "revoked"', async () => {
    const host = await render(verification({ status: { outcome: 'failed', code: 'revoked' } }));
    expect(squash(host.querySelector('.tc-verdict'))).toBe(
      'Ce justificatif ne passe pas toutes les vérifications.',
    );
    expect(items(host)[3]).toBe("Statut (révocation) | Échoué | L'émetteur l'a révoqué.");
    expect(host.querySelectorAll('li')[3].classList).toContain('tc-failed');
  });

  it('shows a tampered credential: the signature failed, the checks after it not run', async () => {
    const skipped = { outcome: 'skipped', code: 'earlier-check-failed' } as const;
    const host = await render(
      verification({
        signature: { outcome: 'failed', code: 'signature-invalid', detail: 'proof does not verify' },
        issuer: skipped,
        status: skipped,
        expiry: skipped,
      }),
    );
    expect(items(host).slice(1)).toEqual([
      'Signature | Échoué | La signature ne correspond pas : le contenu a été modifié après la signature, ou la signature est fausse.',
      'Émetteur | Non effectué | Non effectué : une vérification précédente a échoué.',
      'Statut (révocation) | Non effectué | Non effectué : une vérification précédente a échoué.',
      'Période de validité | Non effectué | Non effectué : une vérification précédente a échoué.',
    ]);
    // The detail is for the curious reading the JSON, never the reason shown.
    expect(host.textContent).not.toContain('proof does not verify');
  });

  it('shows a code it has no words for by its outcome alone', async () => {
    const host = await render(verification({ expiry: { outcome: 'failed', code: 'clock-on-fire' } }));
    expect(items(host)[4]).toBe('Période de validité | Échoué');
    expect(host.textContent).not.toContain('clock-on-fire');
  });

  it('with the summary, says who issued what to whom and when, in Arabic too', async () => {
    const fr = await render(verification(), true);
    expect(pairs(fr.querySelector('dl'))).toEqual([
      'Émetteur: Territoires connectés did:web:127.0.0.1%3A3416',
      'Intitulé du badge: Le numérique au service des territoires',
      'Titulaire: Salma Ouazzani',
      'Valide à partir du: 7 décembre 2026',
      "Valide jusqu'au: Sans date de fin",
    ]);
    const ar = await render(
      { ...verification(), summary: { ...verification().summary, issuerName: null } },
      true,
      'ar',
    );
    expect(squash(ar.querySelector('.tc-verdict'))).toBe('هذه الشهادة الرقمية أصلية وصالحة.');
    expect(items(ar)[1]).toBe('التوقيع | نجح | التوقيع سليم: لم يتغير شيء منذ التوقيع.');
    expect(pairs(ar.querySelector('dl'))).toContain('الجهة المُصدِرة: غير مذكور did:web:127.0.0.1%3A3416');
    expect(pairs(ar.querySelector('dl'))).toContain('صالحة حتى: بلا تاريخ انتهاء');
  });
});

describe('credential texts', () => {
  const lookup = (tree: unknown, path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (n, p) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[p] : undefined),
        tree,
      );

  it.each(['fr', 'ar', 'en'] as const)('words every check, outcome and code in %s', (lang) => {
    const texts = appTexts(lang);
    const keys = [
      ...CREDENTIAL_CHECKS.flatMap((c) => [`verify.credential.checks.${c}`, `verify.credential.ok.${c}`]),
      ...['passed', 'failed', 'skipped'].map((o) => `verify.credential.outcomes.${o}`),
      ...CREDENTIAL_CODES.map((c) => `verify.credential.codes.${c}`),
      ...['no-credential', 'not-json', 'not-an-object', 'too-large', 'unreadable'].map(
        (e) => `verify.check.errors.${e}`,
      ),
    ];
    expect(
      keys.filter((k) => typeof lookup(texts, k) !== 'string' || !(lookup(texts, k) as string).trim()),
    ).toEqual([]);
  });
});
