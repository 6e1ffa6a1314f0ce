import { TestBed } from '@angular/core/testing';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import type { ProblemDetails } from '@tc/shared/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProblemMessageComponent } from './problem-message.component';

const texts = (lang: string) =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../../../../apps/web/public/i18n', `${lang}.json`), 'utf8'),
  ) as Record<string, unknown>;

const refused: ProblemDetails = {
  type: 'https://coaching-territorial.example.org/problems/publish-invalid',
  title: 'The draft cannot be published yet',
  status: 422,
  code: 'publish-invalid',
  params: { count: 2 },
  detail: '2 problem(s) to fix before publishing.',
  errors: [
    {
      field: 'modules[0].lessons[1].body.fr',
      message: 'This text lesson has no text in fr.',
      code: 'lesson-text-missing',
      params: { locale: 'fr' },
    },
    {
      field: 'title.fr',
      message: 'The course needs a title',
      code: 'title-missing',
      params: { locale: 'fr' },
    },
  ],
};

describe('ProblemMessageComponent', () => {
  async function render(lang: string, fields: string[] = []): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [
        ProblemMessageComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr: texts('fr'), ar: texts('ar') },
          translocoConfig: { availableLangs: ['fr', 'ar'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
    });
    TestBed.inject(TranslocoService).setActiveLang(lang);
    const fixture = TestBed.createComponent(ProblemMessageComponent);
    fixture.componentRef.setInput('problem', refused);
    fixture.componentRef.setInput('fields', fields);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('says the problem and each field at fault in the page language, by the field’s label', async () => {
    const host = await render('fr');
    expect(host.querySelector('p')?.textContent?.trim()).toBe(
      'Le cours ne peut pas encore être publié : 2 point(s) à corriger.',
    );
    expect([...host.querySelectorAll('li')].map((li) => li.textContent?.trim())).toEqual([
      "Module 1 › Leçon 2 › Texte (français) : Cette leçon n'a pas de texte dans la langue par défaut (français).",
      "Titre (français) : Le cours n'a pas de titre dans sa langue par défaut (français).",
    ]);
    expect(host.textContent).not.toContain('modules[0]');
  });

  it('speaks Arabic on an Arabic page, and leaves out the fields the form shows beside their inputs', async () => {
    const host = await render('ar', ['title.fr']);
    expect(host.querySelector('p')?.textContent?.trim()).toBe('لا يمكن نشر الدورة بعد: 2 نقطة يجب تصحيحها.');
    expect([...host.querySelectorAll('li')].map((li) => li.textContent?.trim())).toEqual([
      'الوحدة 1 › الدرس 2 › النص (الفرنسية): لا يتضمن هذا الدرس نصًا باللغة الافتراضية (الفرنسية).',
    ]);
  });
});
