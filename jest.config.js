/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Tests live in test/, except those of src/fake-excel, which sit beside the code they test.
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testTimeout: 60000,
};
