import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { TranslocoPipe } from '@jsverse/transloco';
import type { OwnConsentPurpose } from '@tc/shared/contracts';

/** Asks before a consent is withdrawn, saying what goes with it; closes with `true` to go ahead. */
@Component({
  selector: 'tc-withdraw-consent-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'profile.consents.confirmTitle' | transloco }}</h2>
    <mat-dialog-content>
      <p>
        <strong>{{ 'consents.purposes.' + purpose | transloco }}</strong>
      </p>
      <p>{{ 'profile.consents.confirm.' + purpose | transloco }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button type="button" class="tc-danger" [mat-dialog-close]="true">
        {{ 'profile.consents.confirmButton' | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .tc-danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class WithdrawConsentDialog {
  protected readonly purpose = inject<OwnConsentPurpose>(MAT_DIALOG_DATA);
}
