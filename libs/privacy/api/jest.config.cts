module.exports = {
  displayName: 'privacy-api',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // The integration specs in src/integration boot the whole app: the API's jest project runs them.
  testPathIgnorePatterns: ['/node_modules/', '/src/integration/'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/privacy/api',
};
