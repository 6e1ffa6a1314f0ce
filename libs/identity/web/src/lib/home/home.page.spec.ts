import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import { AuthService } from '../auth/auth.service';
import { sessionFor } from '../auth/testing';
import { HOME_SECTIONS } from './home-sections';
import { HomePage } from './home.page';

@Component({ selector: 'tc-test-enrolments', template: '<h2>Mes cours</h2>' })
class Enrolments {}

function setUp(sections: unknown[], roles: string[] = ['coach']): HTMLElement {
  TestBed.configureTestingModule({
    imports: [
      HomePage,
      TranslocoTestingModule.forRoot({
        langs: {
          fr: {
            home: {
              greeting: 'Bonjour, {{ name }}',
              rolesTitle: 'Vos rôles',
              scopedTo: 'pour {{ territory }}',
              offer: {
                coach: { title: 'Coach', text: 'Vous suivrez ici vos parcours.' },
                trainer: { title: 'Formateur', text: 'Vous créerez ici des cours.' },
              },
            },
            roles: { coach: 'Coach', trainer: 'Formateur' },
          },
        },
        translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        preloadLangs: true,
      }),
    ],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: LanguageService, useValue: { use: jest.fn(), lang: () => 'fr' } },
      { provide: HOME_SECTIONS, useValue: sections },
    ],
  });
  TestBed.inject(AuthService).signIn({ email: 'a@example.org', password: 'p' }).subscribe();
  TestBed.inject(HttpTestingController)
    .expectOne('/api/v1/auth/sign-in')
    .flush(sessionFor(roles as never));
  fixture = TestBed.createComponent(HomePage);
  return fixture.nativeElement as HTMLElement;
}

let fixture: ComponentFixture<HomePage>;

const settled = async () => {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
};

describe('HomePage', () => {
  it("shows what the person's roles offer before the sections, which arrive last and move nothing", async () => {
    let loaded!: (component: typeof Enrolments) => void;
    TestBed.configureTestingModule({
      imports: [
        HomePage,
        TranslocoTestingModule.forRoot({
          langs: {
            fr: {
              home: {
                greeting: 'Bonjour, {{ name }}',
                rolesTitle: 'Vos rôles',
                scopedTo: 'pour {{ territory }}',
                offer: { coach: { title: 'Coach', text: 'Vous suivrez ici vos parcours.' } },
              },
              roles: { coach: 'Coach' },
            },
          },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: LanguageService, useValue: { use: jest.fn(), lang: () => 'fr' } },
        {
          provide: HOME_SECTIONS,
          useValue: [{ roles: ['coach'], load: () => new Promise((resolve) => (loaded = resolve)) }],
        },
      ],
    });
    TestBed.inject(AuthService).signIn({ email: 'a@example.org', password: 'p' }).subscribe();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/auth/sign-in')
      .flush(sessionFor(['coach']));
    const fixture = TestBed.createComponent(HomePage);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const offer = host.querySelector('.tc-offer');
    expect(offer?.textContent).toContain('Vous suivrez ici vos parcours.');
    expect(host.querySelector('tc-test-enrolments')).toBeNull();

    loaded(Enrolments);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const section = host.querySelector('tc-test-enrolments');
    expect(section?.textContent).toBe('Mes cours');
    // The section comes after the offer: nothing already on screen is pushed down when it arrives.
    expect(offer!.compareDocumentPosition(section!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(section!.nextElementSibling).toBeNull();
  });

  it("lets a section stand in for its role's explanation from the first render, other roles keep theirs", async () => {
    let loaded!: (component: typeof Enrolments) => void;
    const host = setUp(
      [
        {
          roles: ['coach'],
          replaces: 'coach',
          load: () => new Promise((resolve) => (loaded = resolve)),
        },
      ],
      ['coach', 'trainer'],
    );
    await fixture.whenStable();
    const offers = () => [...host.querySelectorAll('.tc-offer')].map((o) => o.textContent);
    // Nothing shown and then removed: the coach's text is never on screen.
    expect(offers()).toEqual([expect.stringContaining('Vous créerez ici des cours.')]);

    loaded(Enrolments);
    await settled();
    expect(host.querySelector('tc-test-enrolments')?.textContent).toBe('Mes cours');
    expect(offers()).toEqual([expect.stringContaining('Vous créerez ici des cours.')]);
  });

  it("shows the role's explanation again when the section standing in for it cannot load", async () => {
    const host = setUp([
      { roles: ['coach'], replaces: 'coach', load: () => Promise.reject(new Error('offline')) },
    ]);
    await settled();
    expect(host.querySelector('.tc-offer')?.textContent).toContain('Vous suivrez ici vos parcours.');
  });
});
