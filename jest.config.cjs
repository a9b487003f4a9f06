/** One jest run for the whole workspace: workspace imports resolve to sources, so tests need no build. */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: { '^@bio/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/libs/inference/test/support/onnxruntime-jest-realm.ts'],
};
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/*/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts'] },
  ],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
