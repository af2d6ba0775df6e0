/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
  globalSetup: '<rootDir>/tests/globalSetup.ts',
  transform: {
    '^.+\\.tsx?$': 'ts-jest',
  },
};
