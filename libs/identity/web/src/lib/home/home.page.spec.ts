import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, inject } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import { AuthService } from '../auth/auth.service';
import { sessionFor } from '../auth/testing';
import { HOME_SECTIONS, HOME_SECTIONS_PATIENCE, HomeSectionProgress } from './home-sections';
import { HomePage } from './home.page';

@Component({ selector: 'tc-test-enrolments', template: '<h2>Mes cours</h2>' })
class Enrolments {}

/** A section that grows as its data come; the test says when it is whole. */
@Component({ selector: 'tc-test-today', template: '<h2>Aujourd’hui</h2>' })
class Today {
  static progress: HomeSectionProgress | null = null;
  constructor() {
    Today.progress = inject(HomeSectionProgress);
  }
}

function setUp(sections: unknown[], roles: string[] = ['coach'], patienceMs = 60_000): HTMLElement {
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
      { provide: HOME_SECTIONS_PATIENCE, useValue: patienceMs },
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

  describe('a section that grows in steps', () => {
    const sections = [
      { roles: ['coach'], grows: true, load: () => Promise.resolve(Today) },
      { roles: ['coach'], load: () => Promise.resolve(Enrolments) },
    ];
    const shown = (host: HTMLElement, selector: string) => {
      const section = host.querySelector(selector);
      return !!section && !section.closest('[hidden]');
    };

    it('keeps the sections after it hidden until it is whole, so its growth pushes none of them', async () => {
      const host = setUp(sections);
      await settled();
      expect(shown(host, 'tc-test-today')).toBe(true);
      // Drawn (its data are fetched meanwhile) but not shown.
      expect(host.querySelector('tc-test-enrolments')).not.toBeNull();
      expect(shown(host, 'tc-test-enrolments')).toBe(false);

      Today.progress!.settle();
      await settled();
      expect(shown(host, 'tc-test-enrolments')).toBe(true);
    });

    it('shows them anyway once its patience ran out', async () => {
      const host = setUp(sections, ['coach'], 20);
      await settled();
      expect(shown(host, 'tc-test-enrolments')).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 40));
      await fixture.whenStable();
      expect(shown(host, 'tc-test-enrolments')).toBe(true);
    });
  });
});
