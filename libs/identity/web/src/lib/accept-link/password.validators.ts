import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { PASSWORD_MIN_LENGTH } from '@tc/shared/contracts';

/**
 * The server's password rule, checked before sending: at least PASSWORD_MIN_LENGTH characters,
 * not the e-mail address; and the confirmation must match.
 */
export function passwordRules(email: () => string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const password = String(group.get('password')?.value ?? '');
    const confirm = String(group.get('confirm')?.value ?? '');
    const errors: ValidationErrors = {};
    if (password.length < PASSWORD_MIN_LENGTH) errors['tooShort'] = true;
    if (password && password.trim().toLowerCase() === email().trim().toLowerCase())
      errors['sameAsEmail'] = true;
    if (confirm && confirm !== password) errors['mismatch'] = true;
    return Object.keys(errors).length ? errors : null;
  };
}
