import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every environment variable the API reads, validated at boot (documented in docs/configuration.md). */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  MEDIA_DIR: z.string().optional(),
  EVIDENCE_DIR: z.string().optional(),
  EVIDENCE_QUOTA_MB: z.coerce.number().int().min(1).max(10_000).default(200),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(200).default(10),
  PUBLIC_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//i, 'must be an http:// or https:// URL')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL: z.coerce
    .number()
    .int()
    .min(3600)
    .default(14 * 24 * 3600),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Coaching territorial <no-reply@localhost>'),
  CORS_ORIGINS: z.string().optional(),
  TRUST_PROXY: bool.default('false'),
  DEMO_SEED: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  SIGN_IN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  SIGN_IN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  SIGN_IN_LIMIT_WINDOW: z.coerce.number().int().min(1).default(900),
  // Sessions (seconds): a refresh-token family unused this long, or this old, must sign in again.
  SESSION_IDLE_TIMEOUT: z.coerce
    .number()
    .int()
    .min(300)
    .default(7 * 24 * 3600),
  SESSION_ABSOLUTE_TIMEOUT: z.coerce
    .number()
    .int()
    .min(3600)
    .default(30 * 24 * 3600),
  // Lockout: after this many failed passwords in a row, the account waits BASE seconds, doubled at
  // each further lockout up to MAX.
  SIGN_IN_LOCKOUT_AFTER: z.coerce.number().int().min(1).max(100).default(5),
  SIGN_IN_LOCKOUT_BASE: z.coerce.number().int().min(1).default(60),
  SIGN_IN_LOCKOUT_MAX: z.coerce.number().int().min(1).default(3600),
  // Redis for what several API processes must share (sign-in limits); absent: kept in memory.
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().max(64).default('tc:'),
  OBSERVATORY_K: z.coerce.number().int().min(2).max(100).default(5),
  // How often an idle job-queue worker asks for jobs, seconds (pg-boss's floor is 0.5).
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(300).default(2),
  // When the deadline-reminder scan runs (cron, UTC); `off`: never. Default every 15 minutes, off in tests.
  REMINDER_SCAN_CRON: z
    .string()
    .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be a cron expression (5 fields) or off')
    .optional(),
  // Whom the help page tells people to contact; unset: it sends them to their trainer or administrator.
  SUPPORT_EMAIL: z.string().email('must be an e-mail address').optional(),
  SUPPORT_PHONE: z
    .string()
    .regex(/^\+?[0-9][0-9 .()-]{3,22}[0-9]$/, 'must be a phone number (digits, spaces, + . ( ) -)')
    .optional(),
  // Retention (privacy's daily run): years without activity before an account is warned, then
  // anonymised after the warning's days; years raw progress events are kept; days expired or used
  // links, sign-in failure counts and finished jobs are kept. Years empty or 0: kept without limit.
  PRIVACY_INACTIVE_YEARS: z.coerce.number().int().min(0).max(50).default(3),
  PRIVACY_INACTIVE_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  PRIVACY_PROGRESS_EVENTS_YEARS: z.coerce.number().int().min(0).max(50).default(5),
  PRIVACY_TOKENS_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PRIVACY_SIGN_IN_FAILURES_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  PRIVACY_JOB_HISTORY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // The privacy page: whom to contact about one's data (default SUPPORT_EMAIL), the operator's own
  // notice (a folder of fr.md, ar.md, en.md; unset: the app's texts), and the days a "download my
  // data" archive stays before it is deleted.
  PRIVACY_CONTACT_EMAIL: z.string().email('must be an e-mail address').optional(),
  PRIVACY_NOTICE_DIR: z.string().optional(),
  PRIVACY_EXPORT_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  // Days after which a person's request to be erased is carried out if no admin has confirmed it;
  // unset: only an admin of their territory carries it out.
  PRIVACY_ERASURE_DELAY_DAYS: z.coerce.number().int().min(1).max(365).optional(),
  // What an erasure does to the person's certificates: keep (valid, holder erased) or revoke them.
  PRIVACY_ERASURE_CERTIFICATES: z.enum(['keep', 'revoke']).default('keep'),
  // Shutdown (ms): readiness turns 503 and the port stays open DRAIN ms (for a load balancer to notice),
  // then in-flight requests get up to GRACE ms before their connections are closed.
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  // Web Push's VAPID key pair (web-push's generateVAPIDKeys, base64url); unset: generated once and
  // kept in the database. The subject tells the push services who runs this server.
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (43 characters)')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: address or an https:// URL')
    .optional(),
  // Accept push endpoints on http://127.0.0.1 / localhost (a local push service): specs, development.
  PUSH_ALLOW_LOCAL: bool.default('false'),
  // Seals the Open Badges issuer's secret keys in the database (AES-256-GCM): base64 of 32 random bytes.
  CREDENTIAL_KEY_SECRET: z
    .string()
    .refine(
      (v) => /^[A-Za-z0-9+/]{43}=?$/.test(v) && Buffer.from(v, 'base64').length === 32,
      'must be 32 random bytes in base64 (openssl rand -base64 32)',
    )
    .optional(),
});

export type AppConfig = ReturnType<typeof loadConfig>;

/** localhost (and its subdomains), 127.0.0.0/8, 0.0.0.0 and IPv6 loopback: nobody else can open them. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '0.0.0.0' ||
    host === '[::1]' ||
    host === '[::]' ||
    /^\[::ffff:(7f[0-9a-f]{2}:[0-9a-f]{1,4}|127\.[\d.]+)\]$/.test(host)
  );
}

/** Who runs this server, for the push services: PUBLIC_URL when it is https, else MAIL_FROM's address. */
function vapidSubject(publicUrl: string | undefined, mailFrom: string): string {
  if (publicUrl?.startsWith('https://')) return publicUrl;
  const address =
    /<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom)?.[1] ?? (/^\S+@\S+$/.test(mailFrom) ? mailFrom : null);
  return `mailto:${address ?? 'no-reply@localhost'}`;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production (32+ random characters)',
    );
  }
  // Links in e-mails and the certificates' QR codes must reach the platform from anyone's device.
  if (production && !e.PUBLIC_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_URL: required when NODE_ENV=production (the address people open: links in e-mails, the QR code on certificates)',
    );
  }
  if (production && e.PUBLIC_URL && isLoopback(new URL(e.PUBLIC_URL).hostname)) {
    throw new ConfigError(
      `Invalid configuration:\n  PUBLIC_URL: must not point at this machine when NODE_ENV=production (got ${e.PUBLIC_URL})`,
    );
  }
  if (!e.VAPID_PUBLIC_KEY !== !e.VAPID_PRIVATE_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both (a pair) or neither (generated and kept in the database)',
    );
  }
  // On a database server the sealed keys may be copied without the data folder: the key that opens them
  // must come from elsewhere. PGlite's data folder holds both (the secret in a 0600 file beside the data).
  if (production && e.DATABASE_URL && !e.CREDENTIAL_KEY_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  CREDENTIAL_KEY_SECRET: required when NODE_ENV=production with DATABASE_URL (base64 of 32 random bytes: openssl rand -base64 32); it seals the Open Badges signing keys',
    );
  }
  if (production && e.PUSH_ALLOW_LOCAL) {
    throw new ConfigError('Invalid configuration:\n  PUSH_ALLOW_LOCAL: not allowed when NODE_ENV=production');
  }
  const port = e.PORT;
  return {
    production,
    nodeEnv: e.NODE_ENV,
    port,
    host: e.HOST,
    database: e.DATABASE_URL
      ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
      : ({ kind: 'pglite', dataDir: resolve(e.DATA_DIR) } as const),
    dataDir: resolve(e.DATA_DIR),
    mediaDir: resolve(e.MEDIA_DIR ?? `${e.DATA_DIR}/media`),
    evidenceDir: resolve(e.EVIDENCE_DIR ?? `${e.DATA_DIR}/evidence`),
    evidenceQuotaBytes: e.EVIDENCE_QUOTA_MB * 1024 * 1024,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${port}`,
    // Without a configured secret (development), sessions survive restarts through the refresh cookie only.
    jwtSecret: e.JWT_SECRET ?? randomBytes(32).toString('base64url'),
    accessTokenTtl: e.ACCESS_TOKEN_TTL,
    refreshTokenTtl: e.REFRESH_TOKEN_TTL,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    corsOrigins: e.CORS_ORIGINS
      ? e.CORS_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : [],
    trustProxy: e.TRUST_PROXY,
    demoSeed: e.DEMO_SEED ?? !production,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST ? resolve(e.WEB_DIST) : null,
    sessionTimeouts: { idleSeconds: e.SESSION_IDLE_TIMEOUT, absoluteSeconds: e.SESSION_ABSOLUTE_TIMEOUT },
    signInLockout: {
      afterFailures: e.SIGN_IN_LOCKOUT_AFTER,
      baseSeconds: e.SIGN_IN_LOCKOUT_BASE,
      maxSeconds: Math.max(e.SIGN_IN_LOCKOUT_MAX, e.SIGN_IN_LOCKOUT_BASE),
    },
    observatoryK: e.OBSERVATORY_K,
    jobPollSeconds: e.JOB_POLL_SECONDS,
    reminderScanCron:
      e.REMINDER_SCAN_CRON === 'off'
        ? null
        : (e.REMINDER_SCAN_CRON ?? (e.NODE_ENV === 'test' ? null : '*/15 * * * *')),
    support: { email: e.SUPPORT_EMAIL ?? null, phone: e.SUPPORT_PHONE ?? null },
    shutdown: { drainMs: e.SHUTDOWN_DRAIN_MS, graceMs: e.SHUTDOWN_GRACE_MS },
    privacy: {
      contact: { email: e.PRIVACY_CONTACT_EMAIL ?? e.SUPPORT_EMAIL ?? null, phone: e.SUPPORT_PHONE ?? null },
      retention: {
        inactiveYears: e.PRIVACY_INACTIVE_YEARS || null,
        inactiveWarningDays: e.PRIVACY_INACTIVE_WARNING_DAYS,
        progressEventsYears: e.PRIVACY_PROGRESS_EVENTS_YEARS || null,
        tokensDays: e.PRIVACY_TOKENS_DAYS,
        signInFailuresDays: e.PRIVACY_SIGN_IN_FAILURES_DAYS,
        jobHistoryDays: e.PRIVACY_JOB_HISTORY_DAYS,
      },
      observatoryK: e.OBSERVATORY_K,
      noticeDir: e.PRIVACY_NOTICE_DIR ? resolve(e.PRIVACY_NOTICE_DIR) : null,
      exportDir: resolve(e.DATA_DIR, 'exports'),
      evidenceDir: resolve(e.EVIDENCE_DIR ?? `${e.DATA_DIR}/evidence`),
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${port}`,
      exportDays: e.PRIVACY_EXPORT_DAYS,
      erasureDelayDays: e.PRIVACY_ERASURE_DELAY_DAYS ?? null,
      erasureCertificates: e.PRIVACY_ERASURE_CERTIFICATES,
    },
    credentials: {
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${port}`,
      // A test run's throwaway PostgreSQL database: derived from its URL, so that every app instance a
      // spec starts on it opens the same keys (nothing there is secret).
      keySecret:
        e.CREDENTIAL_KEY_SECRET ??
        (e.NODE_ENV === 'test' && e.DATABASE_URL
          ? createHash('sha256').update(`tc-test-credentials:${e.DATABASE_URL}`).digest('base64')
          : null),
      // Without the variable: a file in the data folder.
      keySecretFile:
        e.CREDENTIAL_KEY_SECRET || (e.NODE_ENV === 'test' && e.DATABASE_URL)
          ? null
          : resolve(e.DATA_DIR, 'credential-key.secret'),
      warnAboutFile: !e.CREDENTIAL_KEY_SECRET && !!e.DATABASE_URL && e.NODE_ENV !== 'test',
    },
    push: {
      vapidKeys:
        e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
          ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
          : null,
      subject: e.VAPID_SUBJECT ?? vapidSubject(e.PUBLIC_URL, e.MAIL_FROM),
      allowLoopbackEndpoints: e.PUSH_ALLOW_LOCAL,
    },
    signInLimits: {
      perAccount: e.SIGN_IN_LIMIT_PER_ACCOUNT,
      perIp: e.SIGN_IN_LIMIT_PER_IP,
      windowSeconds: e.SIGN_IN_LIMIT_WINDOW,
      redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : null,
    },
  };
}
