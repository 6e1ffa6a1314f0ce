import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

let nextId = 0;

/** The signed-in person's menu (a disclosure): profile, sign out. */
@Component({
  selector: 'tc-user-menu',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:click)': 'closeIfOutside($event)',
    '(keydown.escape)': 'close()',
  },
  template: `
    <button
      type="button"
      class="tc-trigger"
      [attr.aria-expanded]="open()"
      [attr.aria-controls]="panelId"
      [attr.aria-label]="'userMenu.open' | transloco: { name: name() }"
      (click)="open.set(!open())"
    >
      <span class="tc-initial" aria-hidden="true">{{ initial() }}</span>
      <span class="tc-name">{{ name() }}</span>
    </button>
    @if (open()) {
      <ul class="tc-panel" [id]="panelId">
        <li>
          <a routerLink="/profile" (click)="open.set(false)">{{ 'userMenu.profile' | transloco }}</a>
        </li>
        <li>
          <button type="button" (click)="open.set(false); signOut.emit()">
            {{ 'userMenu.signOut' | transloco }}
          </button>
        </li>
      </ul>
    }
  `,
  styleUrls: ['./disclosure.scss', './user-menu.component.scss'],
})
export class UserMenuComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly name = input.required<string>();
  readonly signOut = output<void>();
  protected readonly open = signal(false);
  protected readonly panelId = `tc-user-panel-${nextId++}`;
  protected readonly initial = computed(() => (this.name().trim()[0] ?? '?').toUpperCase());

  protected close(): void {
    if (!this.open()) return;
    this.open.set(false);
    this.host.nativeElement.querySelector<HTMLButtonElement>('.tc-trigger')?.focus();
  }

  protected closeIfOutside(event: Event): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node)) this.open.set(false);
  }
}
