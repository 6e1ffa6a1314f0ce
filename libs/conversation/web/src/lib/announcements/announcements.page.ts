import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Announcement, AnnouncementPage, ProblemDetails } from '@tc/shared/contracts';
import {
  LanguageService,
  ProblemMessageComponent,
  TextDirDirective,
  intlLocale,
  problemOf,
} from '@tc/shared/ui';
import { firstValueFrom } from 'rxjs';
import { AnnouncementsService } from '../data-access/announcements.service';
import { copyKey } from '../offline/conversation-store';
import { injectKeptCopies } from '../offline/kept-copy';
import { shownLocale } from '../data-access/shown-text';

const PAGE_SIZE = 20;

/**
 * A cohort's announcements, pinned first, then newest. Its coaches read them (opening the page marks
 * what it shows as read; "new" stays on what was unread until the page is left); its trainers also see
 * what is scheduled, who read each, and edit, pin or delete.
 */
@Component({
  selector: 'tc-announcements-page',
  imports: [RouterLink, TranslocoPipe, MatButtonModule, ProblemMessageComponent, TextDirDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './announcements.page.html',
  styleUrl: './announcements.page.scss',
})
export class AnnouncementsPage {
  private readonly api = inject(AnnouncementsService);
  private readonly kept = injectKeptCopies();
  protected readonly lang = inject(LanguageService).lang;
  readonly cohortId = input.required<string>();

  protected readonly page = signal<AnnouncementPage | null>(null);
  protected readonly items = signal<Announcement[]>([]);
  /** Unread when the page opened: marked read at once, still shown as new here. */
  protected readonly fresh = signal<ReadonlySet<string>>(new Set());
  protected readonly loading = signal(false);
  protected readonly busy = signal<string | null>(null);
  protected readonly deleting = signal<string | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** When the list shown is the copy kept on this device (offline), else null. */
  protected readonly savedAt = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.cohortId();
      untracked(() => void this.load(id, null));
    });
  }

  protected locale(a: Announcement) {
    return shownLocale(a, this.lang());
  }

  protected when(iso: string): string {
    return new Intl.DateTimeFormat(intlLocale(this.lang()), {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
  }

  protected more(): void {
    const cursor = this.page()?.nextCursor;
    if (cursor) void this.load(this.cohortId(), cursor);
  }

  protected async pin(a: Announcement): Promise<void> {
    await this.act(a.id, async () => {
      await firstValueFrom(this.api.pin(this.cohortId(), a.id, !a.pinned));
      await this.load(this.cohortId(), null);
    });
  }

  protected async remove(a: Announcement): Promise<void> {
    await this.act(a.id, async () => {
      await firstValueFrom(this.api.remove(this.cohortId(), a.id));
      this.deleting.set(null);
      this.items.update((items) => items.filter((i) => i.id !== a.id));
    });
  }

  private async act(id: string, work: () => Promise<void>): Promise<void> {
    this.busy.set(id);
    this.problem.set(null);
    try {
      await work();
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.busy.set(null);
    }
  }

  private async load(cohortId: string, cursor: string | null): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const request = this.api.page(cohortId, { cursor: cursor ?? undefined, limit: PAGE_SIZE });
      // The first page is kept on the device for offline reading (see `conversation-store.ts`).
      const loaded = cursor
        ? { value: await firstValueFrom(request), savedAt: null }
        : await this.kept(copyKey('announcements', cohortId), request);
      const page = loaded.value;
      this.page.set(page);
      this.savedAt.set(loaded.savedAt);
      // A copy read offline: nothing is marked read (the next visit online does it).
      if (loaded.savedAt) {
        this.items.set(page.items);
        return;
      }
      this.items.update((items) => (cursor ? [...items, ...page.items] : page.items));
      const unread = page.items.filter((a) => a.read === false).map((a) => a.id);
      if (unread.length) {
        this.fresh.update((s) => new Set([...s, ...unread]));
        // Opening the list reads what it shows; a failure leaves them unread for the next visit.
        await Promise.all(
          unread.map((id) => firstValueFrom(this.api.read(cohortId, id)).catch(() => undefined)),
        );
      }
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
