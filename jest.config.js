/** Two projects: `unit` needs no services (engine, CLI, pure helpers); `e2e` boots the
 * API and a worker against the real Postgres and Redis on this machine. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: false }];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/engine/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/test/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFiles: ['<rootDir>/test/support/setup-env.ts'],
      testTimeout: 60000,
    },
  ],
};
