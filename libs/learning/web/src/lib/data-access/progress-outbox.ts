import { InjectionToken } from '@angular/core';
import type { ProgressEvent } from '@tc/shared/contracts';

/**
 * Where progress events wait until the server has them. Asynchronous so that a later version can
 * keep them in IndexedDB (the offline outbox) without changing the service that sends them.
 */
export interface ProgressOutbox {
  /** Every waiting event, oldest first. */
  all(): Promise<ProgressEvent[]>;
  add(event: ProgressEvent): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
}

/** The outbox of this page's life: events are lost if the tab closes before they are sent. */
export class MemoryProgressOutbox implements ProgressOutbox {
  private events: ProgressEvent[] = [];

  async all(): Promise<ProgressEvent[]> {
    return [...this.events];
  }

  async add(event: ProgressEvent): Promise<void> {
    if (!this.events.some((e) => e.id === event.id)) this.events.push(event);
  }

  async remove(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    this.events = this.events.filter((e) => !gone.has(e.id));
  }
}

export const PROGRESS_OUTBOX = new InjectionToken<ProgressOutbox>('PROGRESS_OUTBOX', {
  providedIn: 'root',
  factory: () => new MemoryProgressOutbox(),
});
