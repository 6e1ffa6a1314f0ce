import { FormControl, FormGroup } from '@angular/forms';
import { passwordRules } from './password.validators';

function check(password: string, confirm: string, email = 'amina@example.org') {
  const group = new FormGroup(
    { password: new FormControl(password), confirm: new FormControl(confirm) },
    { validators: passwordRules(() => email) },
  );
  return group.errors;
}

describe('passwordRules', () => {
  it('accepts 10 characters or more, matching, not the e-mail', () => {
    expect(check('0123456789', '0123456789')).toBeNull();
  });

  it('rejects fewer than 10 characters', () => {
    expect(check('012345678', '012345678')).toEqual({ tooShort: true });
  });

  it('rejects the e-mail address as password, whatever its case', () => {
    expect(check('Amina@Example.org', 'Amina@Example.org')).toEqual({ sameAsEmail: true });
  });

  it('rejects a confirmation that differs', () => {
    expect(check('0123456789', '0123456780')).toEqual({ mismatch: true });
  });
});
