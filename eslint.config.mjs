// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'src/generated/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests poke at JSON responses; typing every shape there buys nothing.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The engine is a pure library: no framework, no storage, no queue, no clock, no
    // randomness, no environment (ARCHITECTURE.md, STYLE.md rule 1).
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '@prisma/*', 'bullmq', 'ioredis', 'pg', 'express', 'graphql', '@apollo/*'], message: 'The engine is framework-free.' },
            { group: ['**/modules/**', '**/platform/**', '**/generated/**', '**/cli/**'], message: 'The engine imports nothing from the service.' },
            { group: ['node:fs', 'fs', 'node:net', 'net', 'node:http', 'http', 'node:child_process', 'child_process'], message: 'The engine does no I/O; its caller hands it the input.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Inject the clock: results must be deterministic.' },
        { object: 'Math', property: 'random', message: 'Use the scenario seed: results must be deterministic.' },
        { object: 'process', property: 'env', message: 'The engine reads no environment.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Inject the clock: results must be deterministic.' },
      ],
    },
  },
);
