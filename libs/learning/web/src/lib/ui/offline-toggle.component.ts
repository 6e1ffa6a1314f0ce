import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import { formatSize } from '../data-access/dates';
import { OfflineLibrary } from '../data-access/offline-library';

/**
 * "Make available offline" for one enrolment; once done, "Available offline · 1.2 MB" and a
 * button to remove the copy. Hidden where the browser keeps nothing (no IndexedDB).
 */
@Component({
  selector: 'tc-offline-toggle',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (library.available) {
      <div
        class="tc-offline"
        role="group"
        [attr.aria-label]="'learning.offline.group' | transloco: { name: name() }"
      >
        @if (copy(); as c) {
          <p class="tc-kept">
            <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
              <path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" fill="currentColor" />
            </svg>
            <span>{{
              (size().unit === 'MB' ? 'learning.offline.availableMb' : 'learning.offline.availableKb')
                | transloco: { size: size().value }
            }}</span>
          </p>
          <button type="button" class="tc-link-button" [disabled]="busy()" (click)="remove()">
            {{ 'learning.offline.remove' | transloco }}
            <span class="tc-visually-hidden">: {{ name() }}</span>
          </button>
        } @else {
          <button type="button" class="tc-button-secondary" [disabled]="busy()" (click)="enable()">
            {{ (busy() ? 'learning.offline.saving' : 'learning.offline.make') | transloco }}
            <span class="tc-visually-hidden">: {{ name() }}</span>
          </button>
        }
        @if (failed()) {
          <p class="tc-error" role="alert">{{ 'learning.offline.failed' | transloco }}</p>
        }
      </div>
    }
  `,
  styleUrl: './offline-toggle.component.scss',
})
export class OfflineToggleComponent {
  protected readonly library = inject(OfflineLibrary);
  private readonly lang = inject(LanguageService).lang;
  readonly enrolmentId = input.required<string>();
  /** The course's title, for the buttons' accessible names. */
  readonly name = input.required<string>();

  protected readonly failed = signal(false);
  private readonly removing = signal(false);
  protected readonly copy = computed(() => this.library.all()[this.enrolmentId()] ?? null);
  protected readonly busy = computed(() => this.removing() || this.library.saving().has(this.enrolmentId()));
  protected readonly size = computed(() => formatSize(this.copy()?.bytes ?? 0, this.lang()));

  protected enable(): void {
    this.failed.set(false);
    this.library.enable(this.enrolmentId(), this.lang()).catch(() => this.failed.set(true));
  }

  protected remove(): void {
    this.removing.set(true);
    this.library
      .remove(this.enrolmentId())
      .catch(() => this.failed.set(true))
      .finally(() => this.removing.set(false));
  }
}
