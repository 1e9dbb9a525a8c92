/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    // tsconfig.jest.json adds isolatedModules: each file is transpiled alone, without building a
    // type-checked program per worker; `npm run typecheck` (tsc) does the type checking.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
  },
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores, which on the project's 2-core machines means
  // one: run a worker per core (the parent process only schedules).
  maxWorkers: '100%',
};
