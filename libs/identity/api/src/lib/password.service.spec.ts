import { ProblemException } from '@tc/shared/api';
import { PasswordService } from './password.service';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  it('hashes with argon2id and verifies', async () => {
    const hash = await passwords.hash('coopérative-2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    await expect(passwords.verify(hash, 'coopérative-2026')).resolves.toBe(true);
    await expect(passwords.verify(hash, 'cooperative-2026')).resolves.toBe(false);
  });

  it('answers false for an account without a password, after doing the same work', async () => {
    await expect(passwords.verify(null, 'anything-at-all')).resolves.toBe(false);
  });

  it.each([
    ['short', /at least 10 characters/],
    ['Coach@Example.org', /must not be your e-mail address/],
  ])('refuses %p', (password, message) => {
    try {
      passwords.assertAcceptable(password, 'coach@example.org');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      const body = (error as ProblemException).getResponse() as {
        errors: { field: string; message: string }[];
      };
      expect(body.errors[0]?.field).toBe('password');
      expect(body.errors[0]?.message).toMatch(message);
    }
  });

  it('accepts a long enough password that is not the e-mail', () => {
    expect(() => passwords.assertAcceptable('a long passphrase', 'coach@example.org')).not.toThrow();
  });
});
