import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ActionLink } from '@tc/shared/contracts';

/**
 * A single-use link created for someone (invitation, password reset): either "it was e-mailed",
 * or, without a mail server, the link itself with a copy button for the admin to pass on.
 */
@Component({
  selector: 'tc-action-link',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let l = link();
    @if (l.emailed) {
      <p role="status">{{ 'common.link.emailed' | transloco }}</p>
    }
    @if (l.url) {
      <div class="tc-link-row">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ label() | transloco }}</mat-label>
          <input matInput readonly [value]="l.url" dir="ltr" />
          <mat-hint>{{ 'common.link.passOn' | transloco }}</mat-hint>
        </mat-form-field>
        <button mat-stroked-button type="button" (click)="copy(l.url)">
          {{ (copied() ? 'common.link.copied' : 'common.link.copy') | transloco }}
        </button>
      </div>
    }
  `,
  styles: `
    .tc-link-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    mat-form-field { flex: 1 1 16rem; }
  `,
})
export class ActionLinkComponent {
  private readonly clipboard = inject(Clipboard);
  readonly link = input.required<ActionLink>();
  /** Translation key of the field's label. */
  readonly label = input('common.link.label');
  protected readonly copied = signal(false);

  protected copy(url: string): void {
    this.copied.set(this.clipboard.copy(url));
  }
}
