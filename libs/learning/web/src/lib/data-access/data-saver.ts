import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { SYNC_USER } from './progress-sync/sync-tokens';

const KEY = 'tc-data-saver';

/** Whether the browser says the person asked to save data (Chrome's "Lite mode", Save-Data). */
function browserSavesData(): boolean {
  const nav = globalThis.navigator as (Navigator & { connection?: { saveData?: boolean } }) | undefined;
  return nav?.connection?.saveData === true;
}

/**
 * "Data saver": lesson media (images) are not loaded until the coach asks for each one. Kept on
 * this device, per person (a shared phone keeps each coach's choice), in localStorage; until a coach
 * chooses, it follows the browser's own Save-Data setting.
 */
@Injectable({ providedIn: 'root' })
export class DataSaver {
  private readonly userId = inject(SYNC_USER);
  /** Bumped on every change here or in another tab, so that `on` reads storage again. */
  private readonly version = signal(0);
  /** Choices kept in memory when storage is refused (private windows, full quota). */
  private readonly memory = new Map<string, boolean>();

  /** Whether data saver is on for the signed-in coach. */
  readonly on = computed(() => {
    this.version();
    const id = this.userId();
    return id === null ? false : (this.read(id) ?? browserSavesData());
  });

  constructor() {
    if (typeof window === 'undefined') return;
    const onStorage = (event: StorageEvent) => {
      if (event.key?.startsWith(`${KEY}:`)) this.version.update((n) => n + 1);
    };
    window.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', onStorage));
  }

  set(on: boolean): void {
    const id = this.userId();
    if (id === null) return;
    this.memory.set(id, on);
    try {
      localStorage.setItem(`${KEY}:${id}`, on ? 'on' : 'off');
    } catch {
      // Kept in memory for this visit.
    }
    this.version.update((n) => n + 1);
  }

  toggle(): void {
    this.set(!this.on());
  }

  private read(id: string): boolean | null {
    try {
      const stored = localStorage.getItem(`${KEY}:${id}`);
      if (stored === 'on' || stored === 'off') return stored === 'on';
    } catch {
      // Storage refused: what was chosen in this visit, if anything.
    }
    return this.memory.get(id) ?? null;
  }
}
