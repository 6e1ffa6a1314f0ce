import { Injectable, inject, signal } from '@angular/core';
import type { LearnerCourse, Locale, MyEnrolment } from '@tc/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { LearningService } from './learning.service';
import { type OfflineCourse, indexedDbAvailable, learningDb } from './offline-db';
import { SYNC_USER } from './progress-sync/sync-tokens';

/** What the coach's pages show of an offline copy. */
export interface OfflineCopy {
  savedAt: string;
  bytes: number;
}

/** The same-origin media a course shows: lesson images and PDFs, images in texts, the cover. */
export function mediaUrlsOf(course: LearnerCourse, origin: string): string[] {
  const urls = new Set<string>();
  const add = (raw: string | null | undefined) => {
    if (!raw) return;
    try {
      const url = new URL(raw, origin);
      if (url.origin === origin) urls.add(url.pathname + url.search);
    } catch {
      // Not a URL: nothing to fetch.
    }
  };
  add(course.course.coverImageUrl);
  for (const m of course.course.modules) {
    for (const l of m.lessons) {
      // An image: the phone-size variant its page asks for first (`src`), not the original.
      if (l.media && l.media.type !== 'video') add(l.media.image?.src ?? l.media.url);
      for (const html of [l.html, l.media?.transcriptHtml]) {
        for (const match of (html ?? '').matchAll(/<img\b[^>]*\ssrc="([^"]+)"/gi)) add(match[1]);
      }
    }
  }
  return [...urls];
}

/**
 * Courses the coach made available offline, kept in IndexedDB: the course as the coach sees it
 * (lessons, quizzes without their answers, which the server never sends before an attempt) and
 * its media, fetched once so that the service worker keeps them. The learning data-access layer
 * falls back to these copies when the network fails; a copy is refreshed whenever the course
 * loads online. The list of enrolments kept for the home page offline is each person's own (by
 * user id): someone else signing in on the same phone never sees it.
 */
@Injectable({ providedIn: 'root' })
export class OfflineLibrary {
  private readonly api = inject(LearningService);
  private readonly user = inject(SYNC_USER);
  private readonly copies = signal<Record<string, OfflineCopy>>({});
  /** Enrolments being saved. */
  readonly saving = signal<ReadonlySet<string>>(new Set());
  readonly available = indexedDbAvailable();

  /** The offline copies, by enrolment id. */
  readonly all = this.copies.asReadonly();

  constructor() {
    void this.refreshList();
  }

  /** Fetches the course and its media and keeps them. */
  async enable(enrolmentId: string, locale: Locale): Promise<void> {
    this.saving.update((s) => new Set(s).add(enrolmentId));
    try {
      const course = await firstValueFrom(this.api.course(enrolmentId, locale));
      const mediaUrls = mediaUrlsOf(course, location.origin);
      let mediaBytes = 0;
      for (const url of mediaUrls) {
        // Through the service worker, which keeps the answer; a missing file is not fatal.
        const res = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
        if (res?.ok) mediaBytes += (await res.blob()).size;
      }
      await this.save(course, locale, mediaUrls, mediaBytes);
      await warmAppCache();
    } finally {
      this.saving.update((s) => {
        const next = new Set(s);
        next.delete(enrolmentId);
        return next;
      });
    }
  }

  async remove(enrolmentId: string): Promise<void> {
    const db = await learningDb();
    await db.delete('courses', enrolmentId);
    await this.refreshList();
  }

  /** The kept copy of a course (any language: better than nothing offline). */
  async course(enrolmentId: string): Promise<LearnerCourse | null> {
    if (!this.available) return null;
    const db = await learningDb();
    return (await db.get('courses', enrolmentId))?.course ?? null;
  }

  /** A course loaded online: its kept copy (if any) follows it. */
  async update(course: LearnerCourse, locale: Locale): Promise<void> {
    if (!this.copies()[course.enrolmentId]) return;
    const db = await learningDb();
    const before = await db.get('courses', course.enrolmentId);
    if (!before) return;
    const mediaBytes = before.bytes - jsonBytes(before.course);
    await this.save(course, locale, before.mediaUrls, Math.max(0, mediaBytes));
  }

  /** The signed-in person's enrolments as last seen online (for the home page offline). */
  async enrolments(): Promise<MyEnrolment[] | null> {
    const user = this.user();
    if (!this.available || user === null) return null;
    const db = await learningDb();
    return (await db.get('enrolments', user)) ?? null;
  }

  async keepEnrolments(list: MyEnrolment[]): Promise<void> {
    const user = this.user();
    if (!this.available || user === null) return;
    const db = await learningDb();
    await db.put('enrolments', list, user);
  }

  private async save(course: LearnerCourse, locale: Locale, mediaUrls: string[], mediaBytes: number) {
    const copy: OfflineCourse = {
      enrolmentId: course.enrolmentId,
      locale,
      course,
      savedAt: new Date().toISOString(),
      bytes: jsonBytes(course) + mediaBytes,
      mediaUrls,
    };
    const db = await learningDb();
    await db.put('courses', copy);
    await this.refreshList();
  }

  private async refreshList(): Promise<void> {
    if (!this.available) return;
    try {
      const db = await learningDb();
      const all = await db.getAll('courses');
      this.copies.set(
        Object.fromEntries(all.map((c) => [c.enrolmentId, { savedAt: c.savedAt, bytes: c.bytes }])),
      );
    } catch {
      this.copies.set({});
    }
  }
}

/**
 * Makes sure the service worker holds the code the offline pages need: the pages of the player
 * (loaded now if they were not yet) and every script and stylesheet this page loaded before the
 * worker took control (the worker keeps lazy files only when they pass through it).
 */
async function warmAppCache(): Promise<void> {
  await Promise.all([
    import('../learner-home/learner-home.page'),
    import('../course/course.page'),
    import('../lesson/lesson.page'),
  ]).catch(() => undefined);
  const sw = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  if (!sw) return;
  if (!sw.controller) {
    // A first visit: the worker may be installing; it takes control of the page once active.
    await Promise.race([
      new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true })),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
  }
  if (!sw.controller) return;
  const own = performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name))
    .filter((u) => u.origin === location.origin && /\.(js|css)$/.test(u.pathname))
    .map((u) => u.pathname);
  await Promise.all([...new Set(own)].map((path) => fetch(path).catch(() => null)));
}

function jsonBytes(value: unknown): number {
  return new Blob([JSON.stringify(value)]).size;
}
