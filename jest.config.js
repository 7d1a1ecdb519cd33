/** Two projects: `unit` needs no services (engine, CLI, pure helpers); `e2e` boots the
 * API and a worker against the real Postgres and Redis on this machine. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: false }];
// jose ships only ES modules: jest (CommonJS on Node 20) compiles it like our own sources.
const esmOnly = ['jose'];
const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': tsJest,
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
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
