import { ConfigError, loadConfig } from './config';

describe('configuration from the environment, validated at boot', () => {
  it('defaults to the embedded database in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('pglite');
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.demoSeed).toBe(true);
    expect(config.accessTokenTtl).toBe(900);
    expect(config.corsOrigins).toEqual([]);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tc' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:5432/tc' });
  });

  it('fails with every bad variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT:/);
      expect(message).toMatch(/DATABASE_URL: must be a postgres/);
      expect(message).toMatch(/SMTP_URL:/);
    }
  });

  it('requires a JWT secret in production, and creates no demo accounts there unless asked', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required/);
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://a.example',
    };
    expect(loadConfig(production).demoSeed).toBe(false);
    expect(loadConfig({ ...production, DEMO_SEED: 'true' }).demoSeed).toBe(true);
  });

  it('requires in production a PUBLIC_URL that is http(s) and not this machine (certificates and links point there)', () => {
    const secret = 'x'.repeat(40);
    const production = { NODE_ENV: 'production', JWT_SECRET: secret };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/PUBLIC_URL: required when NODE_ENV=production/);
    for (const url of [
      'http://localhost:3000',
      'https://LOCALHOST',
      'http://127.0.0.1:8080/',
      'http://127.1.2.3',
      'http://[::1]:3000',
      'http://[::ffff:127.0.0.1]',
      'http://app.localhost',
      'ftp://academy.example.org',
    ]) {
      expect(() => loadConfig({ ...production, PUBLIC_URL: url })).toThrow(/PUBLIC_URL:/);
    }
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://academy.example.org' }).publicUrl).toBe(
      'https://academy.example.org',
    );
    expect(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_URL: must be an http/);
    // Outside production the default (this machine) stays.
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3100' }).publicUrl).toBe('http://127.0.0.1:3100');
  });

  it("takes the help page's contact as configured, none by default, and refuses a malformed one", () => {
    expect(loadConfig({}).support).toEqual({ email: null, phone: null });
    expect(
      loadConfig({ SUPPORT_EMAIL: 'aide@programme.example.ma', SUPPORT_PHONE: '+212 5 37 00-00.00' }).support,
    ).toEqual({ email: 'aide@programme.example.ma', phone: '+212 5 37 00-00.00' });
    expect(() => loadConfig({ SUPPORT_EMAIL: 'not an address' })).toThrow(/SUPPORT_EMAIL: must be an e-mail/);
    for (const phone of ['call us', '12', '+212 5 37 <b>', 'tel:+212537000000'])
      expect(() => loadConfig({ SUPPORT_PHONE: phone })).toThrow(/SUPPORT_PHONE: must be a phone number/);
  });

  it('reads CORS origins as a list', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('takes a VAPID key pair whole or not at all, and a push subject from PUBLIC_URL or MAIL_FROM', () => {
    const publicKey =
      'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
    const privateKey = 'tUxbf-DLMw8fbKz-2mtpy4TaPmNNvsKmWvqmAOZgyiM';
    expect(loadConfig({}).push).toEqual({
      vapidKeys: null,
      subject: 'mailto:no-reply@localhost',
      allowLoopbackEndpoints: false,
    });
    expect(loadConfig({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }).push.vapidKeys).toEqual(
      {
        publicKey,
        privateKey,
      },
    );
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: publicKey })).toThrow(/set both/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: privateKey })).toThrow(
      /VAPID_PUBLIC_KEY: must be a base64url/,
    );
    expect(loadConfig({ PUBLIC_URL: 'https://academy.example.org' }).push.subject).toBe(
      'https://academy.example.org',
    );
    expect(loadConfig({ MAIL_FROM: 'Académie <contact@academy.example.org>' }).push.subject).toBe(
      'mailto:contact@academy.example.org',
    );
    expect(() => loadConfig({ VAPID_SUBJECT: 'http://academy.example.org' })).toThrow(/VAPID_SUBJECT/);
    expect(loadConfig({ PUSH_ALLOW_LOCAL: 'true' }).push.allowLoopbackEndpoints).toBe(true);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(32),
        PUBLIC_URL: 'https://academy.example.org',
        PUSH_ALLOW_LOCAL: 'true',
      }),
    ).toThrow(/PUSH_ALLOW_LOCAL: not allowed/);
  });

  it('seals the credential keys with CREDENTIAL_KEY_SECRET: required in production on PostgreSQL, else a file in DATA_DIR', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      PUBLIC_URL: 'https://academy.example.org',
      DATABASE_URL: 'postgres://db/tc',
    };
    expect(() => loadConfig(production)).toThrow(/CREDENTIAL_KEY_SECRET: required when NODE_ENV=production/);
    const secret = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...production, CREDENTIAL_KEY_SECRET: secret }).credentials).toEqual({
      publicUrl: 'https://academy.example.org',
      keySecret: secret,
      keySecretFile: null,
      warnAboutFile: false,
    });
    expect(() => loadConfig({ CREDENTIAL_KEY_SECRET: 'c2hvcnQ=' })).toThrow(
      /CREDENTIAL_KEY_SECRET: must be 32/,
    );
    // PGlite, even in production: the secret in a 0600 file beside the data.
    const { DATABASE_URL: _none, ...embedded } = production;
    expect(loadConfig({ ...embedded, DATA_DIR: '/srv/tc' }).credentials).toMatchObject({
      keySecret: null,
      keySecretFile: '/srv/tc/credential-key.secret',
      warnAboutFile: false,
    });
    // PostgreSQL outside production: the file, with a warning at start.
    expect(loadConfig({ DATABASE_URL: 'postgres://db/tc', DATA_DIR: '/srv/tc' }).credentials).toMatchObject({
      keySecretFile: '/srv/tc/credential-key.secret',
      warnAboutFile: true,
    });
  });
});
