import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import { ProgressSyncService } from '../data-access/progress-sync/progress-sync.service';
import { SyncStatusComponent } from './sync-status.component';

const FR = {
  learning: {
    offline: {
      offline: 'Hors ligne',
      waiting: 'En attente de synchronisation : {{ count }}',
      allSynced: 'Tout est synchronisé',
      lastSynced: 'dernière synchronisation à {{ time }}',
      retrying: 'nouvel essai bientôt',
      rejected: 'Non acceptés par le serveur : {{ count }}',
    },
  },
};

describe('SyncStatusComponent', () => {
  function render(state: { online?: boolean; pending?: number; counted?: boolean; at?: string | null }) {
    const sync = {
      online: signal(state.online ?? true),
      pending: signal(state.pending ?? 0),
      counted: signal(state.counted ?? false),
      failing: signal(false),
      lastSyncedAt: signal(state.at ?? null),
      rejections: signal([]),
    };
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { fr: FR },
          translocoConfig: { defaultLang: 'fr', availableLangs: ['fr'] },
          preloadLangs: true,
        }),
      ],
      providers: [
        { provide: ProgressSyncService, useValue: sync },
        { provide: LanguageService, useValue: { lang: signal('fr') } },
      ],
    });
    const fixture = TestBed.createComponent(SyncStatusComponent);
    fixture.detectChanges();
    const words = (fixture.nativeElement as HTMLElement).querySelector('.tc-words') as HTMLElement;
    return { words, text: () => words.textContent?.replace(/\s+$/, '') };
  }

  it('shows the last sync alone with no separator before it', () => {
    const { words, text } = render({ at: '2026-12-06T10:42:00Z' });
    expect(text()).toMatch(/^dernière synchronisation à \S/);
    expect(words.querySelectorAll('.tc-sep')).toHaveLength(0);
  });

  it('puts a separator only between parts, tied to the part before it so no line starts with it', () => {
    const { words, text } = render({ online: false, pending: 3, at: '2026-12-06T10:42:00Z' });
    expect(text()).toMatch(
      /^Hors ligne\u00a0· En attente de synchronisation : 3\u00a0· dernière synchronisation à \S/,
    );
    const seps = Array.from(words.querySelectorAll('.tc-sep'));
    expect(seps).toHaveLength(2);
    expect(seps.every((s) => s.getAttribute('aria-hidden') === 'true')).toBe(true);
  });
});
