/** Only the integration project needs DynamoDB Local (and so Java); unit, conversation and packaging tests run without it. */
const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  ...extra,
});

module.exports = {
  projects: [
    project('unit'),
    project('conversation'),
    project('packaging'),
    project('integration', {
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    }),
  ],
  testTimeout: 30000,
};
