import { Injectable, inject } from '@angular/core';
import { AuthService } from '@tc/identity/web';
import type { Organisation } from '@tc/shared/contracts';
import { firstValueFrom, type Observable } from 'rxjs';
import { FieldworkApiService } from '../data-access/fieldwork-api.service';
import { FIELD_STORE, copyKey } from './field-store';

/** How many organisations' logs are kept ahead (a coach's own log rarely holds more). */
const LOGS_AHEAD = 50;

/**
 * Keeps on the device, while the link is up, what the coach will need offline and has not opened
 * yet: the code of the log's pages and forms, their provinces and communes, the DigComp list, their
 * courses' lessons, and each of their
 * organisations' logs. Once per session and one request at a time, after the list is shown, so it
 * never competes with what the coach is reading; skipped when the browser asks to save data.
 */
@Injectable({ providedIn: 'root' })
export class FieldPrefetchService {
  private readonly api = inject(FieldworkApiService);
  private readonly store = inject(FIELD_STORE);
  private readonly auth = inject(AuthService);
  private readonly done = new Set<string>();
  private codeKept = false;

  async warm(organisations: readonly Organisation[]): Promise<void> {
    const me = this.auth.me();
    const nav: (Navigator & { connection?: { saveData?: boolean } }) | null =
      typeof navigator === 'undefined' ? null : navigator;
    if (!me || !nav || !nav.onLine || nav.connection?.saveData) return;
    const keep = async <T>(key: string, request: Observable<T>): Promise<T | null> => {
      if (this.done.has(key)) return null;
      try {
        const value = await firstValueFrom(request);
        await this.store.keep(me.id, key, value);
        this.done.add(key);
        return value;
      } catch {
        return null;
      }
    };
    const scope = [
      ...new Set([
        ...me.roles.filter((r) => r.role === 'coach').map((r) => r.territoryId),
        ...(me.territoryId ? [me.territoryId] : []),
      ]),
    ];
    for (const id of scope) {
      const t = await keep(copyKey('territory', id), this.api.territory(id));
      if (t && t.level !== 'province' && t.level !== 'commune') {
        const provinces = await keep(copyKey('children', id), this.api.territoryChildren(id));
        for (const p of provinces ?? []) {
          if (p.childCount > 0) await keep(copyKey('children', p.id), this.api.territoryChildren(p.id));
        }
      } else if (t?.level === 'province' && t.childCount > 0) {
        await keep(copyKey('children', id), this.api.territoryChildren(id));
      }
    }
    if (!this.codeKept) {
      this.codeKept = true;
      await warmAppCache();
    }
    await keep(copyKey('competences'), this.api.competences());
    const enrolments = await keep(copyKey('enrolments'), this.api.enrolments());
    for (const e of (enrolments ?? []).filter((x) => x.status === 'active')) {
      await keep(copyKey('enrolment', e.enrolmentId), this.api.enrolment(e.enrolmentId));
    }
    for (const o of organisations.filter((x) => x.access !== 'supervisor').slice(0, LOGS_AHEAD)) {
      await keep(copyKey('log', o.id), this.api.log(o.id));
    }
  }
}

/**
 * Makes sure the service worker holds the code the field log needs offline: its pages and forms and
 * the chart (loaded now if they were not yet), and every script and stylesheet this page loaded
 * before the worker took control (the worker keeps lazy files only when they pass through it). The
 * learner's offline library does the same for the course player.
 */
async function warmAppCache(): Promise<void> {
  await Promise.all([
    import('../pages/organisation-log/organisation-log.page'),
    import('../pages/organisation-form/organisation-form.page'),
    import('../pages/check-form/check-form.page'),
    import('../pages/visit-form/visit-form.page'),
    import('../pages/milestone-form/milestone-form.page'),
    import('../ui/echarts'),
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
