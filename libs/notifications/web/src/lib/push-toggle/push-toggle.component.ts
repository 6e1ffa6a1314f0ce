import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SwPush } from '@angular/service-worker';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { PushSubscriptionsApi } from './push-subscriptions.api';

/**
 * Where this browser stands: it cannot receive pushes (`unsupported`), the app's service worker is off
 * (`sw-off`: development builds), the person blocked notifications for the site (`denied`), or this
 * browser is subscribed (`on`) or not (`off`).
 */
export type PushState = 'unsupported' | 'sw-off' | 'denied' | 'off' | 'on';

/** Whether this browser has what Web Push needs at all. */
export function browserSupportsPush(w: Window = window): boolean {
  return 'Notification' in w && 'PushManager' in w && 'serviceWorker' in w.navigator;
}

/**
 * "Enable notifications on this device" / "Disable": subscribes this browser through Angular's
 * service worker with the server's VAPID key and registers the subscription with the API, or removes
 * both. Says why when it cannot (unsupported browser, service worker off, permission denied).
 */
@Component({
  selector: 'tc-push-toggle',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (state()) {
      @case ('unsupported') {
        <p class="tc-push-note">{{ 'notifications.push.unsupported' | transloco }}</p>
      }
      @case ('sw-off') {
        <p class="tc-push-note">{{ 'notifications.push.swDisabled' | transloco }}</p>
      }
      @case ('denied') {
        <p class="tc-push-note" role="status">{{ 'notifications.push.denied' | transloco }}</p>
      }
      @case ('on') {
        <button type="button" class="tc-push-button" [disabled]="busy()" (click)="disable()">
          {{ 'notifications.push.disable' | transloco }}
        </button>
        <p class="tc-push-note" role="status">{{ 'notifications.push.on' | transloco }}</p>
      }
      @default {
        <button type="button" class="tc-push-button" [disabled]="busy()" (click)="enable()">
          {{ 'notifications.push.enable' | transloco }}
        </button>
        <!-- Turning push on is consenting to it: these are the words the consent record keeps. -->
        <p class="tc-push-note tc-push-wording">{{ 'consents.wording.push' | transloco }}</p>
      }
    }
    @if (failed()) {
      <p class="tc-push-note" role="alert">{{ 'notifications.push.failed' | transloco }}</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      margin-block-start: 1rem;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
    }
    .tc-push-button {
      min-block-size: 44px;
      padding-inline: 1rem;
      border: 1px solid var(--mat-sys-outline, #79747e);
      border-radius: 22px;
      background: transparent;
      color: var(--mat-sys-primary, #0b57d0);
      font: inherit;
      cursor: pointer;
    }
    .tc-push-note {
      margin: 0;
      color: var(--mat-sys-on-surface-variant, #49454f);
    }
    .tc-push-wording {
      flex-basis: 100%;
      font-size: 0.875rem;
    }
  `,
})
export class PushToggleComponent implements OnInit {
  // Absent where the app provides no service worker (specs of pages that embed this one).
  private readonly swPush = inject(SwPush, { optional: true });
  private readonly api = inject(PushSubscriptionsApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<PushState>('off');
  protected readonly busy = signal(false);
  protected readonly failed = signal(false);

  ngOnInit(): void {
    if (!browserSupportsPush()) return this.state.set('unsupported');
    const swPush = this.swPush;
    if (!swPush?.isEnabled) return this.state.set('sw-off');
    if (Notification.permission === 'denied') return this.state.set('denied');
    swPush.subscription
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((s) => this.state.set(s ? 'on' : 'off'));
  }

  protected async enable(): Promise<void> {
    const swPush = this.swPush;
    if (!swPush) return;
    await this.run(async () => {
      const { publicKey } = await firstValueFrom(this.api.publicKey());
      let subscription: PushSubscription;
      try {
        subscription = await swPush.requestSubscription({ serverPublicKey: publicKey });
      } catch (e) {
        // The person said no (now or before): the browser will not ask again.
        if (Notification.permission === 'denied') return this.state.set('denied');
        throw e;
      }
      const json = subscription.toJSON();
      await firstValueFrom(
        this.api.register({
          endpoint: subscription.endpoint,
          keys: { p256dh: json.keys?.['p256dh'] ?? '', auth: json.keys?.['auth'] ?? '' },
        }),
      );
      this.state.set('on');
    });
  }

  protected async disable(): Promise<void> {
    const swPush = this.swPush;
    if (!swPush) return;
    await this.run(async () => {
      const current = await firstValueFrom(swPush.subscription);
      if (current) await firstValueFrom(this.api.remove(current.endpoint));
      await swPush.unsubscribe().catch(() => undefined); // no subscription left: nothing to undo
      this.state.set('off');
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.failed.set(false);
    try {
      await work();
    } catch {
      this.failed.set(true);
    } finally {
      this.busy.set(false);
    }
  }
}
