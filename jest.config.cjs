// Two projects: every test as a template workbook («Шаблон», build/), and the end-to-end flows again as an Editor
// add-on («Дополнение», dist/addon/: the same code under the add-on's trigger rules), so CI runs each flow in both
// install modes (issue 16 §4). tests/support/e2eBuild.ts reads the mode from MARSHRUT_TEST_MODE.
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': 'ts-jest',
  },
};

/** The flows that run in both modes: intake, digests, the region and its resume, the schedule itself, the web app. */
const BOTH_MODES = [
  'e2e/intake',
  'e2e/digests',
  'e2e/region',
  'e2e/regionResume',
  'e2e/regionDigest',
  'e2e/schedule',
  'ui/dashboardBundle',
];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/tests/globalSetup.ts',
  projects: [
    { ...base, displayName: 'template', setupFiles: ['<rootDir>/tests/setup-env.ts'] },
    {
      ...base,
      displayName: 'addon',
      setupFiles: ['<rootDir>/tests/setup-env.ts', '<rootDir>/tests/setup-addon.ts'],
      testMatch: BOTH_MODES.map((name) => `<rootDir>/tests/${name}.test.ts`),
    },
  ],
};
