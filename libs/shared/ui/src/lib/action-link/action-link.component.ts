import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ActionLink } from '@tc/shared/contracts';

let nextId = 0;

/**
 * A single-use link created for someone (invitation, password reset): either "it was e-mailed",
 * or, without a mail server, the link itself with a copy button for the admin to pass on.
 */
@Component({
  selector: 'tc-action-link',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let l = link();
    @if (l.emailed) {
      <p role="status">{{ 'common.link.emailed' | transloco }}</p>
    }
    @if (l.url) {
      <div class="tc-link">
        <label [for]="inputId">{{ label() | transloco }}</label>
        <div class="tc-link-row">
          <input
            [id]="inputId"
            type="url"
            readonly
            [value]="l.url"
            dir="ltr"
            [attr.aria-describedby]="inputId + '-hint'"
          />
          <button type="button" class="tc-copy" (click)="copy(l.url)">
            {{ (copied() ? 'common.link.copied' : 'common.link.copy') | transloco }}
          </button>
        </div>
        <small [id]="inputId + '-hint'">{{ 'common.link.passOn' | transloco }}</small>
      </div>
    }
  `,
  styles: `
    .tc-link {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin-block: 0.5rem;
    }
    label {
      font-weight: 500;
    }
    .tc-link-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    input {
      flex: 1 1 14rem;
      min-inline-size: 0;
      font: inherit;
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      background: var(--mat-sys-surface-container-lowest);
      color: inherit;
    }
    .tc-copy {
      font: inherit;
      cursor: pointer;
      min-block-size: 40px;
      padding-inline: 1rem;
      border-radius: 20px;
      border: 1px solid var(--mat-sys-outline);
      background: transparent;
      color: var(--mat-sys-primary);
    }
    small {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ActionLinkComponent {
  private readonly clipboard = inject(Clipboard);
  readonly link = input.required<ActionLink>();
  /** Translation key of the field's label. */
  readonly label = input('common.link.label');
  protected readonly inputId = `tc-action-link-${nextId++}`;
  protected readonly copied = signal(false);

  protected copy(url: string): void {
    this.copied.set(this.clipboard.copy(url));
  }
}
