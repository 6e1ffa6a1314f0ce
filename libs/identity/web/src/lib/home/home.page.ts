import { NgComponentOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  type Type,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ROLES, type Role } from '@tc/shared/contracts';
import { LocalizedNamePipe } from '@tc/shared/ui';
import { AuthService } from '../auth/auth.service';
import {
  HOME_SECTIONS,
  HOME_SECTIONS_PATIENCE,
  type HomeSection,
  HomeSectionProgress,
} from './home-sections';

/**
 * Greets the person, lists their roles with the territory of each and what awaits them in each, then
 * the sections other domains add for their roles (a coach's enrolments).
 */
@Component({
  selector: 'tc-home-page',
  imports: [NgComponentOutlet, TranslocoPipe, LocalizedNamePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (me(); as m) {
      <section class="tc-page">
        <h1>{{ 'home.greeting' | transloco: { name: m.displayName } }}</h1>
        <h2>{{ 'home.rolesTitle' | transloco }}</h2>
        @if (m.roles.length) {
          <ul class="tc-roles">
            @for (a of m.roles; track a.id) {
              <li>
                <strong>{{ 'roles.' + a.role | transloco }}</strong>
                <span>{{
                  'home.scopedTo' | transloco: { territory: (a.territoryName | localizedName) }
                }}</span>
              </li>
            }
          </ul>
        } @else {
          <p>{{ 'home.noRole' | transloco }}</p>
        }
        <!-- What each role offers, then the sections: those load their code and data after the
             first render and grow at the page's end, moving nothing that is already shown. A
             section that grows in steps keeps those after it hidden until it is whole. -->
        @for (role of offers(); track role) {
          <article class="tc-offer">
            <h3>{{ 'home.offer.' + role + '.title' | transloco }}</h3>
            <p>{{ 'home.offer.' + role + '.text' | transloco }}</p>
          </article>
        }
        @for (section of sections(); track $index) {
          <div [hidden]="$index > lastShown()">
            <ng-container *ngComponentOutlet="section.component; injector: section.injector" />
          </div>
        }
      </section>
    }
  `,
  styles: `
    .tc-roles {
      list-style: none;
      padding: 0;
      margin: 0 0 1rem;
      display: grid;
      gap: 0.5rem;
    }
    .tc-roles li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: baseline;
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
    }
    .tc-offer {
      border-inline-start: 4px solid var(--mat-sys-primary);
      padding-inline-start: 0.75rem;
      margin-block: 1rem;
    }
    .tc-offer h3 {
      margin: 0 0 0.25rem;
      font-size: 1rem;
    }
    .tc-offer p {
      margin: 0;
    }
    h2 {
      font-size: 1.125rem;
    }
  `,
})
export class HomePage {
  private readonly auth = inject(AuthService);
  protected readonly me = this.auth.me;
  /** Each role once, in the platform's order. */
  protected readonly roles = computed(() => ROLES.filter((r) => this.auth.roles().includes(r)));
  /** The loaded sections meant for the person's roles, each with the injector giving its progress. */
  protected readonly sections = signal<LoadedSection[]>([]);
  /** Whether the sections after a growing one stopped waiting for it. */
  private readonly patienceOver = signal(false);
  /** The last section shown: the first growing one not yet whole, else all. */
  protected readonly lastShown = computed(() => {
    if (this.patienceOver()) return Infinity;
    const waiting = this.sections().findIndex((s) => s.grows && !s.progress.settled());
    return waiting === -1 ? Infinity : waiting;
  });
  /** Roles whose explanation a section stands in for (set before it loads: nothing jumps). */
  private readonly replaced = signal<readonly Role[]>([]);
  /** The roles whose explanation is shown. */
  protected readonly offers = computed(() => this.roles().filter((r) => !this.replaced().includes(r)));

  constructor() {
    const all = inject(HOME_SECTIONS);
    const injector = inject(Injector);
    const patienceMs = inject(HOME_SECTIONS_PATIENCE);
    let patience: ReturnType<typeof setTimeout> | undefined;
    inject(DestroyRef).onDestroy(() => clearTimeout(patience));
    effect(() => {
      const mine = this.auth.roles();
      const wanted = all.filter((s) => s.roles === 'any' || s.roles.some((r) => mine.includes(r)));
      untracked(() => this.replaced.set(wanted.flatMap((s) => (s.replaces ? [s.replaces] : []))));
      Promise.all(wanted.map((s) => s.load())).then(
        (components) => {
          const sections = components.map((c, i) => loaded(wanted[i], c, injector));
          this.sections.set(sections);
          // The wait starts once the sections are there to be drawn.
          clearTimeout(patience);
          this.patienceOver.set(false);
          if (sections.some((s) => s.grows))
            patience = setTimeout(() => this.patienceOver.set(true), patienceMs);
        },
        () => {
          this.sections.set([]);
          this.replaced.set([]);
        },
      );
    });
  }
}

interface LoadedSection {
  component: Type<unknown>;
  grows: boolean;
  progress: HomeSectionProgress;
  injector: Injector;
}

function loaded(section: HomeSection, component: Type<unknown>, parent: Injector): LoadedSection {
  const progress = new HomeSectionProgress();
  return {
    component,
    grows: !!section.grows,
    progress,
    injector: Injector.create({ providers: [{ provide: HomeSectionProgress, useValue: progress }], parent }),
  };
}
