import { ChangeDetectionStrategy, Component, InjectionToken, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { SwUpdate, type VersionReadyEvent } from '@angular/service-worker';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, map } from 'rxjs';

/** Reloads the page (the new version's files then load); replaced in specs. */
export const RELOAD_PAGE = new InjectionToken<() => void>('RELOAD_PAGE', {
  providedIn: 'root',
  factory: () => () => location.reload(),
});

/** The lesson player, quizzes included: a coach reading or answering is never interrupted. */
const IN_A_LESSON = /^\/learn\/[^/]+\/lessons\/[^/?#]+/;

/**
 * "A new version is available — Reload", once the service worker has the next version ready. It
 * never reloads by itself and stays hidden while a lesson or a quiz is open (answers in progress
 * would be lost): it shows once the coach leaves the player. A polite status: screen readers hear
 * it without losing their place; nothing takes the focus.
 */
@Component({
  selector: 'tc-update-banner',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tc-update" role="status">
      @if (shown()) {
        <p>{{ 'app.update.ready' | transloco }}</p>
        <button type="button" (click)="reload()">{{ 'app.update.reload' | transloco }}</button>
        <button type="button" class="tc-later" (click)="dismissed.set(true)">
          {{ 'app.update.later' | transloco }}
        </button>
      }
    </div>
  `,
  styles: `
    .tc-update:not(:empty) {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.5rem 1rem;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    p {
      margin: 0;
      flex: 1 1 12rem;
    }
    button {
      min-block-size: 44px;
      padding-inline: 1rem;
      font: inherit;
      border-radius: 4px;
      cursor: pointer;
      border: 1px solid currentColor;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
    }
    button.tc-later {
      background: transparent;
      color: inherit;
    }
    button:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
  `,
})
export class UpdateBannerComponent {
  private readonly updates = inject(SwUpdate);
  private readonly reloadPage = inject(RELOAD_PAGE);
  private readonly router = inject(Router);

  private readonly ready = signal(false);
  protected readonly dismissed = signal(false);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => e.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  protected readonly shown = computed(
    () => this.ready() && !this.dismissed() && !IN_A_LESSON.test(this.url()),
  );

  constructor() {
    if (!this.updates.isEnabled) return;
    this.updates.versionUpdates
      .pipe(
        filter((e): e is VersionReadyEvent => e.type === 'VERSION_READY'),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.ready.set(true);
        this.dismissed.set(false);
      });
  }

  protected async reload(): Promise<void> {
    // The page's own files come from the version it started with until it reloads.
    await this.updates.activateUpdate().catch(() => false);
    this.reloadPage();
  }
}
