// Starts the built platform for the Playwright specs: a fresh embedded database with demo data on
// 127.0.0.1:3100 (or E2E_PORT). `npx nx build api web` first (the e2e target depends on both builds).
import { rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const dataDir = resolve('tmp/e2e-data');
rmSync(dataDir, { recursive: true, force: true });
const child = spawn(process.execPath, ['dist/apps/api/apps/api/src/main.js'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: process.env.E2E_PORT ?? '3100',
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${process.env.E2E_PORT ?? '3100'}`,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    // Every spec signs in from the same address; keep the limiter out of their way (it has its own tests).
    SIGN_IN_LIMIT_PER_IP: '1000',
    SIGN_IN_LIMIT_PER_ACCOUNT: '1000',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
