import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM around the issuer keys' secret halves: `v1.<iv>.<tag>.<ciphertext>` (base64url), the
 * key's id as additional data so a row's secret cannot be moved to another row.
 */
export class KeyVault {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The credential key secret must be 32 bytes.');
  }

  seal(plain: string, keyId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(keyId));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string, keyId: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Not a sealed issuer key.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      // GCM's own message ("unable to authenticate data") says nothing an operator can act on.
      throw new Error(
        `The credential issuer key ${keyId} cannot be opened with this sealing key: CREDENTIAL_KEY_SECRET ` +
          '(or the credential-key.secret file in DATA_DIR) is not the one it was sealed with. Restore that ' +
          'secret; a new one cannot open the keys that signed the credentials already issued.',
      );
    }
  }
}
