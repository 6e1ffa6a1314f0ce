import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/** The signed-in person's menu: profile, sign out. */
@Component({
  selector: 'tc-user-menu',
  imports: [MatButtonModule, MatMenuModule, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-button
      type="button"
      class="tc-user-button"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'userMenu.open' | transloco: { name: name() }"
    >
      <span class="tc-initial" aria-hidden="true">{{ initial() }}</span>
      <span class="tc-name">{{ name() }}</span>
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      <a mat-menu-item routerLink="/profile">{{ 'userMenu.profile' | transloco }}</a>
      <button mat-menu-item type="button" (click)="signOut.emit()">{{ 'userMenu.signOut' | transloco }}</button>
    </mat-menu>
  `,
  styles: `
    .tc-user-button { color: inherit; max-inline-size: 14rem; }
    .tc-initial {
      display: inline-flex; align-items: center; justify-content: center;
      inline-size: 28px; block-size: 28px; border-radius: 50%;
      background: var(--mat-sys-on-primary); color: var(--mat-sys-primary);
      font-weight: 600; margin-inline-end: 0.5rem;
    }
    .tc-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    @media (max-width: 719.98px) {
      .tc-name { display: none; }
      .tc-initial { margin-inline-end: 0; }
    }
  `,
})
export class UserMenuComponent {
  readonly name = input.required<string>();
  readonly signOut = output<void>();
  protected readonly initial = computed(() => (this.name().trim()[0] ?? '?').toUpperCase());
}
