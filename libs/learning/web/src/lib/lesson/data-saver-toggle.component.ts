import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { DataSaver } from '../data-access/data-saver';

/**
 * The "Data saver" switch: a real button (Tab, then Space or Enter) with `role="switch"`, its state
 * said by screen readers (aria-checked) and shown in words and by the track, not by colour alone.
 * The sentence under it says what happens to images now (off: they load by themselves, and how to
 * change that). Its words never break inside (the lesson page lets long words break anywhere).
 */
@Component({
  selector: 'tc-data-saver-toggle',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tc-data-saver">
      <button
        type="button"
        role="switch"
        class="tc-switch"
        [attr.aria-checked]="saver.on()"
        aria-describedby="tc-data-saver-hint"
        (click)="saver.toggle()"
      >
        <span class="tc-track" aria-hidden="true"><span class="tc-thumb"></span></span>
        <span>{{ 'learning.dataSaver.label' | transloco }}</span>
        <span class="tc-state" aria-hidden="true">{{
          (saver.on() ? 'learning.dataSaver.on' : 'learning.dataSaver.off') | transloco
        }}</span>
      </button>
      <p id="tc-data-saver-hint" class="tc-hint">
        {{ (saver.on() ? 'learning.dataSaver.hint' : 'learning.dataSaver.hintOff') | transloco }}
      </p>
    </div>
  `,
  styles: `
    .tc-data-saver {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      column-gap: 0.75rem;
      overflow-wrap: normal;
    }
    .tc-switch {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-block-size: 44px;
      padding-block: 0.25rem;
      padding-inline: 0.5rem;
      border: 0;
      border-radius: 8px;
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    .tc-switch:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .tc-track {
      position: relative;
      inline-size: 2.5rem;
      block-size: 1.375rem;
      border: 2px solid var(--mat-sys-outline);
      border-radius: 999px;
      background: var(--mat-sys-surface-container-highest);
      flex: none;
    }
    .tc-thumb {
      position: absolute;
      inset-block-start: 2px;
      inset-inline-start: 2px;
      inline-size: 0.875rem;
      block-size: 0.875rem;
      border-radius: 50%;
      background: var(--mat-sys-outline);
    }
    [aria-checked='true'] .tc-track {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary);
    }
    [aria-checked='true'] .tc-thumb {
      inset-inline-start: calc(100% - 0.875rem - 2px);
      background: var(--mat-sys-on-primary);
    }
    .tc-state {
      font-weight: 600;
      white-space: nowrap;
    }
    .tc-hint {
      margin: 0;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DataSaverToggleComponent {
  protected readonly saver = inject(DataSaver);
}
