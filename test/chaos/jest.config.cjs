// `npm run test:chaos`: several built API instances behind a balancer, killed at random while clients edit.
module.exports = {
  displayName: 'chaos',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^@minga/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^@minga/collab$': '<rootDir>/../../libs/collab/src/index.ts',
    '^@minga/editor$': '<rootDir>/../../libs/editor/src/index.ts',
    '^@minga/scheduling$': '<rootDir>/../../libs/scheduling/src/index.ts',
  },
  testMatch: ['<rootDir>/**/*.spec.ts'],
  maxWorkers: 1,
  testTimeout: 10 * 60_000,
};
