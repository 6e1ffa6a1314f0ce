/**
 * The run's settings, read from the environment once (see main.ts for what each means), and the
 * constants that several parts of the run share.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const SECONDS = Number(process.env['LOAD_SECONDS'] ?? 300);
export const COACHES = Number(process.env['LOAD_COACHES'] ?? 200);
export const THINK_MS = Number(process.env['LOAD_THINK_MS'] ?? 2000);
export const DRAIN_SECONDS = Number(process.env['LOAD_DRAIN_SECONDS'] ?? 240);
export const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';
export const API_DIST = resolve(ROOT, process.env['LOAD_API_DIST'] ?? 'dist/apps/api');
export const JWT_SECRET = randomBytes(32).toString('base64url');
export const PASSWORD = 'demo-password-2026';
/** The per-account sign-in limit of the run, checked across both processes through nginx. */
export const ACCOUNT_LIMIT = 10;
