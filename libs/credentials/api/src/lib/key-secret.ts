import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CredentialsModuleOptions, ResolvedCredentialsOptions } from './credentials.options';

/** The sealing key: the environment's, else the data folder's file (made on first start), else a fresh one. */
export function resolveKeySecret(options: CredentialsModuleOptions): ResolvedCredentialsOptions {
  const publicUrl = options.publicUrl.replace(/\/$/, '');
  if (options.keySecret) return { publicUrl, keySecret: Buffer.from(options.keySecret, 'base64') };
  const file = options.keySecretFile;
  if (!file) return { publicUrl, keySecret: randomBytes(32) };
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // `wx`: two processes starting at once cannot both write one.
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  const keySecret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (keySecret.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key.`);
  if (options.warnAboutFile) {
    // The path only: never the key.
    new Logger('Credentials').warn(
      `CREDENTIAL_KEY_SECRET is not set: the credential issuer's keys are sealed with a key kept in ${file}. Set CREDENTIAL_KEY_SECRET (base64, 32 bytes) before production.`,
    );
  }
  return { publicUrl, keySecret };
}
