import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Notification, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, intlLocale, problemOf } from '@tc/shared/ui';
import { NotificationsService } from '../data-access/notifications.service';
import { PushToggleComponent } from '../push-toggle/push-toggle.component';

/** First strong isolate … pop directional isolate: a person's text keeps its own direction in a sentence. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/**
 * `/notifications`: the person's notifications, newest first, written in their language from each one's
 * kind and parameters; unread ones stand out. Opening one marks it read and goes to its subject;
 * "mark all read" clears the bell.
 */
@Component({
  selector: 'tc-notifications-page',
  imports: [NgTemplateOutlet, RouterLink, TranslocoPipe, ProblemMessageComponent, PushToggleComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notifications.page.html',
  styleUrl: './notifications.page.scss',
})
export class NotificationsPage implements OnInit {
  private readonly api = inject(NotificationsService);
  protected readonly lang = inject(LanguageService).lang;

  protected readonly items = signal<Notification[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly anyUnread = computed(() => this.items().some((n) => !n.readAt));
  private readonly dates = computed(
    () => new Intl.DateTimeFormat(intlLocale(this.lang()), { dateStyle: 'medium', timeStyle: 'short' }),
  );

  ngOnInit(): void {
    this.load(null);
  }

  protected more(): void {
    this.load(this.nextCursor());
  }

  /** The text's key: its kind, and for a review its decision. */
  protected textKey(n: Notification): string {
    return n.kind === 'task.reviewed'
      ? `notifications.kinds.task.reviewed.${n.params.decision === 'pass' ? 'pass' : 'revise'}`
      : `notifications.kinds.${n.kind}`;
  }

  /** The text's parameters in the reader's language. */
  protected paramsOf(n: Notification): Record<string, string> {
    const inLang = (titles: Record<string, string> = {}) =>
      titles[this.lang()]?.trim() || Object.values(titles).find((t) => t.trim()) || '';
    return {
      course: isolate(inLang(n.params.courseTitle)),
      lesson: isolate(inLang(n.params.lessonTitle)),
      title: isolate(inLang(n.params.announcementTitle)),
      // A thread's title is one text, in the language its author wrote it.
      thread: isolate(n.params.threadTitle ?? ''),
      module: isolate(inLang(n.params.moduleTitle)),
      date: isolate(n.params.dueOn ? dueDate(n.params.dueOn, intlLocale(this.lang())) : ''),
      // An organisation's name, as its coach registered it.
      organisation: isolate(n.params.organisationName ?? ''),
      // A trainer's nudge: their words, as written.
      message: isolate(n.params.message ?? ''),
    };
  }

  /** Where a notification leads: its subject's page. */
  protected linkOf(n: Notification): string[] | null {
    // A round waiting for review: the trainer's review queue of the cohort.
    if (n.kind === 'task.waiting')
      return n.params.cohortId ? ['/cohorts', n.params.cohortId, 'reviews'] : null;
    switch (n.subject.type) {
      case 'enrolment':
        return ['/learn', n.subject.id];
      case 'announcement':
        return n.params.cohortId ? ['/cohorts', n.params.cohortId, 'announcements'] : null;
      case 'thread':
        return n.params.cohortId ? ['/cohorts', n.params.cohortId, 'threads', n.subject.id] : null;
      case 'organisation':
        return ['/field/organisations', n.subject.id];
      // About the reader's own account (kept or anonymised for want of use): their profile, where
      // they see what is kept, take it away or ask for its erasure.
      case 'account':
        return ['/profile'];
      case 'submission':
        return n.params.enrolmentId && n.params.lessonKey
          ? ['/learn', n.params.enrolmentId, 'lessons', n.params.lessonKey]
          : null;
      default:
        return null;
    }
  }

  protected when(n: Notification): string {
    return this.dates().format(new Date(n.createdAt));
  }

  /** Opened: read (the link then goes to its subject). */
  protected open(n: Notification): void {
    if (n.readAt) return;
    const readAt = new Date().toISOString();
    this.items.update((all) => all.map((x) => (x.id === n.id ? { ...x, readAt } : x)));
    this.api.markRead(n.id).subscribe({ error: () => undefined });
  }

  protected markAll(): void {
    const newest = this.items()[0];
    if (!newest) return;
    this.api.markAllRead(newest.id).subscribe({
      next: () => {
        const readAt = new Date().toISOString();
        this.items.update((all) => all.map((x) => (x.readAt ? x : { ...x, readAt })));
      },
      error: (e: unknown) => this.problem.set(problemOf(e)),
    });
  }

  private load(cursor: string | null): void {
    this.loading.set(true);
    this.problem.set(null);
    this.api.page(cursor).subscribe({
      next: (page) => {
        this.items.update((all) => (cursor ? [...all, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.problem.set(problemOf(e));
        this.loading.set(false);
      },
    });
  }
}

/** A deadline (`YYYY-MM-DD`, a day in UTC) as the reader's language writes a date. */
function dueDate(day: string, lang: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
