// ESLint (flat config, typescript-eslint). Beyond the recommended rules, the hexagon's rule as lint: src/core is pure
// TypeScript — no Apps Script service, no Node module, nothing from the adapters or the local runtime.
import tseslint from 'typescript-eslint';

/** The Apps Script services src/gas adapts (src/core names none of them). */
export const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'FormApp',
  'MailApp',
  'GmailApp',
  'PropertiesService',
  'LockService',
  'ScriptApp',
  'HtmlService',
  'CacheService',
  'Session',
  'Utilities',
  'DriveApp',
  'Logger',
  'Charts',
  'UrlFetchApp',
  'ContentService',
  'DocumentApp',
  'CardService',
  'Browser',
  'ScriptProperties',
];

export const coreRules = {
  'no-restricted-globals': [
    'error',
    ...APPS_SCRIPT_GLOBALS.map((name) => ({
      name,
      message: 'src/core is pure: Apps Script services are reached through src/gas (ports.ts).',
    })),
    ...['process', 'Buffer', 'require', 'module', '__dirname', 'setTimeout', 'setInterval'].map((name) => ({
      name,
      message: 'src/core runs in Apps Script: Node globals do not exist there.',
    })),
  ],
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { regex: '^node:', message: 'src/core runs in Apps Script: no Node module.' },
        { regex: '^(fs|path|os|vm|util|stream|crypto|child_process|zlib)(/|$)', message: 'src/core runs in Apps Script: no Node module.' },
        { regex: '(^|/)(gas|local)(/|$)', message: 'src/core imports no adapter and nothing of the local runtime.' },
      ],
    },
  ],
  // The time comes through the Clock port: the local runtime and the tests set it, a workbook's rules follow it.
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'src/core reads the time from its Clock port, not new Date().',
    },
    {
      selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
      message: 'src/core reads the time from its Clock port, not Date.now().',
    },
  ],
};

export default tseslint.config(
  { ignores: ['build/', 'dist/', 'out/', 'coverage/', 'node_modules/', 'src/ui/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // The CLI's launcher is CommonJS by its extension: require is its only import.
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['src/core/**/*.ts'], rules: coreRules },
);
