import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import type { ProblemDetails } from '@tc/shared/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemOf } from './problem';
import { ProblemTexts } from './problem-texts';

/** The interface's own texts, as the app loads them. */
const texts = (lang: string) =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../../../../apps/web/public/i18n', `${lang}.json`), 'utf8'),
  ) as Record<string, unknown>;

const FSI = '\u2068';
const PDI = '\u2069';
/** Without the direction isolates round the values, to compare words. */
const plain = (text: string | null) => text?.replace(/[\u2068\u2069]/g, '');

describe('ProblemTexts', () => {
  let problems: ProblemTexts;
  let transloco: TranslocoService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { fr: texts('fr'), ar: texts('ar'), en: texts('en') },
          translocoConfig: { availableLangs: ['fr', 'ar', 'en'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
    });
    problems = TestBed.inject(ProblemTexts);
    transloco = TestBed.inject(TranslocoService);
  });

  it('names a field by its label, not its path', () => {
    expect(problems.label('modules[0].lessons[1].body.fr')).toBe('Module 1 › Leçon 2 › Texte (français)');
    expect(problems.label('modules[1].lessons[0].quiz.questions[2].options[0].text.ar')).toBe(
      'Module 2 › Leçon 1 › Quiz › Question 3 › Option 1 › Texte (arabe)',
    );
    expect(problems.label('deadlines[1].moduleKey')).toBe('Échéance 2 › Module');
    expect(problems.label('line 501: territoryCode')).toBe('Ligne 501 › code du territoire');
    expect(problems.label('body')).toBe('Contenu envoyé');
    transloco.setActiveLang('ar');
    expect(problems.label('modules[0].lessons[1].body.fr')).toBe('الوحدة 1 › الدرس 2 › النص (الفرنسية)');
  });

  it('shows a step it has no label for as it is, isolated from the text around it', () => {
    expect(problems.label('answers.q7')).toBe(`Réponses › ${FSI}q7${PDI}`);
  });

  it('says a field error in the page language, with its parameters', () => {
    expect(problems.message({ code: 'too-long', params: { max: 200 }, message: 'x' })).toBe(
      'Trop long : au plus 200 caractères.',
    );
    expect(problems.message({ code: 'lesson-text-missing', params: { locale: 'fr' } })).toBe(
      "Cette leçon n'a pas de texte dans la langue par défaut (français).",
    );
    transloco.setActiveLang('ar');
    expect(problems.message({ code: 'lesson-text-missing', params: { locale: 'fr' } })).toBe(
      'لا يتضمن هذا الدرس نصًا باللغة الافتراضية (الفرنسية).',
    );
    transloco.setActiveLang('en');
    expect(plain(problems.message({ code: 'not-allowed', params: { allowed: ['fr', 'ar', 'en'] } }))).toBe(
      'Not an accepted value; possible values: fr, ar, or en.',
    );
  });

  it('puts the value at fault before the text when the text does not say it', () => {
    expect(problems.message({ code: 'invalid-email', params: { value: 'not-an-email', line: 3 } })).toBe(
      `« ${FSI}not-an-email${PDI} » — Adresse e-mail invalide.`,
    );
    expect(
      plain(problems.message({ code: 'duplicate-in-file', params: { value: 'a@b.ma', firstLine: 4 } })),
    ).toBe('« a@b.ma » — Déjà présente à la ligne 4 du fichier.');
  });

  it('formats numbers as the page language does', () => {
    expect(problems.message({ code: 'csv-too-many-rows', params: { max: 20000 } })).toBe(
      'Au plus 20\u202f000 lignes par fichier.',
    );
  });

  it('falls back to the server’s words for a code it has no text for', () => {
    expect(problems.message({ code: 'no-such-code' as never, message: 'As the server said' })).toBe(
      'As the server said',
    );
  });

  it('locates a field error by its label', () => {
    expect(
      problems.located({
        field: 'modules[0].title.fr',
        code: 'module-title-missing',
        params: { locale: 'fr' },
      }),
    ).toBe('Module 1 › Titre (français) : Le titre manque dans la langue par défaut (français).');
  });

  it('says a whole problem by its code, the network and the server by their own words', () => {
    const problem: ProblemDetails = {
      type: 'x/publish-invalid',
      title: 'The draft cannot be published yet',
      status: 422,
      code: 'publish-invalid',
      params: { count: 2 },
      detail: '2 problem(s) to fix before publishing.',
    };
    expect(problems.summary(problem)).toBe(
      'Le cours ne peut pas encore être publié : 2 point(s) à corriger.',
    );
    expect(problems.summary(problemOf(new HttpErrorResponse({ status: 0 })))).toBe(
      'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
    );
    expect(problems.summary(problemOf(new HttpErrorResponse({ status: 502, error: '<html>' })))).toBe(
      'Le service est momentanément indisponible. Réessayez dans quelques secondes.',
    );
  });

  it('reads the text of the error of one form field', () => {
    const problem: ProblemDetails = {
      type: 'x/validation',
      title: 'Invalid request',
      status: 400,
      code: 'validation',
      errors: [{ field: 'email', message: 'email must be an email', code: 'invalid-email' }],
    };
    expect(problems.field(problem, 'email')).toBe('Adresse e-mail invalide.');
    expect(problems.field(problem, 'name')).toBeNull();
  });
});
