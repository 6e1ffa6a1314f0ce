import { defineConfig, devices } from '@playwright/test';
import { workspaceRoot } from '@nx/devkit';

/** The built API serving the built web app, fresh embedded database with demo data (`npm run serve:e2e`). */
const baseURL = process.env['BASE_URL'] ?? 'http://127.0.0.1:3100';

const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/.playwright/apps/web-e2e/test-output',
  fullyParallel: false,
  workers: 1,
  retries: process.env['CI'] ? 1 : 0,
  forbidOnly: !!process.env['CI'],
  reporter: [
    ['list'],
    ['html', { outputFolder: '../../dist/.playwright/apps/web-e2e/playwright-report', open: 'never' }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions,
  },
  webServer: {
    command: 'npm run serve:e2e',
    url: 'http://127.0.0.1:3100/api/health',
    reuseExistingServer: !process.env['CI'],
    cwd: workspaceRoot,
    timeout: 120000,
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
  ],
});
