import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * The controls of one row of the outline (a module or a lesson): move up, move down, extra actions
 * (projected), and delete with an inline confirmation. Labels name the item for screen readers.
 */
@Component({
  selector: 'tc-item-controls',
  imports: [MatButtonModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'tc-controls' },
  template: `
    <button
      mat-icon-button
      type="button"
      [disabled]="first() || busy()"
      (click)="up.emit()"
      [attr.aria-label]="upLabel()"
    >
      ↑
    </button>
    <button
      mat-icon-button
      type="button"
      [disabled]="last() || busy()"
      (click)="down.emit()"
      [attr.aria-label]="downLabel()"
    >
      ↓
    </button>
    <ng-content />
    @if (confirming()) {
      <button
        mat-flat-button
        type="button"
        class="tc-danger"
        [disabled]="busy()"
        (click)="confirmDelete.emit()"
      >
        {{ 'courses.outline.confirmDelete' | transloco }}
      </button>
      <button mat-button type="button" (click)="cancelDelete.emit()">
        {{ 'common.cancel' | transloco }}
      </button>
    } @else {
      <button mat-button type="button" (click)="askDelete.emit()" [attr.aria-label]="deleteLabel()">
        {{ 'courses.outline.delete' | transloco }}
      </button>
    }
  `,
  styles: `
    .tc-danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ItemControlsComponent {
  readonly first = input.required<boolean>();
  readonly last = input.required<boolean>();
  readonly busy = input.required<boolean>();
  readonly confirming = input.required<boolean>();
  readonly upLabel = input.required<string>();
  readonly downLabel = input.required<string>();
  readonly deleteLabel = input.required<string>();
  readonly up = output<void>();
  readonly down = output<void>();
  readonly askDelete = output<void>();
  readonly confirmDelete = output<void>();
  readonly cancelDelete = output<void>();
}
