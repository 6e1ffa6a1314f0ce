module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // The app's own specs, and the domains' integration specs (`libs/*/api/src/integration`): those boot
  // the whole app, which this project registers for them before each spec file.
  roots: ['<rootDir>/src', '<rootDir>/../../libs'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/../../libs/*/api/src/integration/**/*.spec.ts'],
  setupFiles: ['<rootDir>/src/testing/register-app.ts'],
  // Names the run: the integration specs' template databases are made once per run and dropped after.
  globalSetup: '<rootDir>/src/testing/test-run-setup.cjs',
  globalTeardown: '<rootDir>/src/testing/test-run-teardown.cjs',
  // Integration specs create a database, run migrations and hash passwords (argon2id) before they start.
  testTimeout: 60000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/api',
};
