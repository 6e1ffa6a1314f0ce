import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { PASSWORD_MIN_LENGTH, type FieldError } from '@tc/shared/contracts';
import { validationProblem } from '@tc/shared/api';
import { normalizeEmail } from './crypto.util';

/** argon2id hashing (the library's defaults: 64 MiB, 3 passes, 4 lanes) and the password rules. */
@Injectable()
export class PasswordService {
  /** A hash of a random password, verified against when the account does not exist, so timing says nothing. */
  private dummyHash: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash('an unused password that nobody has');
      await argon2.verify(await this.dummyHash, password);
      return false;
    }
    return argon2.verify(hash, password);
  }

  /** Throws a 400 problem naming `password` when the rules are not met. */
  assertAcceptable(password: string, email: string): void {
    const errors: FieldError[] = [];
    if (password.length < PASSWORD_MIN_LENGTH) {
      errors.push({
        field: 'password',
        message: `password must be at least ${PASSWORD_MIN_LENGTH} characters`,
        code: 'too-short',
        params: { min: PASSWORD_MIN_LENGTH },
      });
    }
    if (normalizeEmail(password) === normalizeEmail(email)) {
      errors.push({
        field: 'password',
        message: 'password must not be your e-mail address',
        code: 'password-is-email',
      });
    }
    if (errors.length) throw validationProblem(errors);
  }
}
