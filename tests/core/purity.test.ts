// The hexagon's rule: src/core is pure TypeScript — it imports nothing from the adapters, the local runtime or Node,
// and touches no Apps Script global. The rule lives in eslint.config.mjs (no-restricted-globals/-imports, which
// read code, not comments); this test runs it over src/core and proves it bites.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const PURITY = new Set(['no-restricted-globals', 'no-restricted-imports', 'no-restricted-syntax']);
type Result = { file: string; messages: { ruleId: string | null; line: number; message: string }[] };

const lint = (input: { files?: string[]; texts?: { code: string; file: string }[] }): Result[] =>
  JSON.parse(execFileSync('node', [join(ROOT, 'tests/support/lint.mjs')], { cwd: ROOT, input: JSON.stringify(input), encoding: 'utf8' }));
const purity = (r: Result) => r.messages.filter((m) => PURITY.has(m.ruleId ?? ''));

const SNIPPETS = [
  { code: 'export const a = () => SpreadsheetApp.getActive();\n', file: 'src/core/x.ts', expected: ['no-restricted-globals'] },
  { code: 'export const s = () => Session.getActiveUser();\n', file: 'src/core/a/x.ts', expected: ['no-restricted-globals'] },
  {
    code: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    file: 'src/core/x.ts',
    expected: ['no-restricted-imports'],
  },
  {
    code: "import { scriptLock } from '../gas/services';\nexport const l = scriptLock;\n",
    file: 'src/core/x.ts',
    expected: ['no-restricted-imports'],
  },
  {
    code: "import { fakes } from '../../local/runtime';\nexport const r = fakes;\n",
    file: 'src/core/a/x.ts',
    expected: ['no-restricted-imports'],
  },
  { code: 'export const t = () => new Date();\n', file: 'src/core/x.ts', expected: ['no-restricted-syntax'] },
  { code: 'export const t = () => Date.now();\n', file: 'src/core/a/x.ts', expected: ['no-restricted-syntax'] },
  // Allowed: a core import, a date made from a value, a service named in a comment, and the adapters using services.
  { code: "import { Workbook } from '../workbook';\nexport const w = Workbook;\n", file: 'src/core/a/x.ts', expected: [] },
  { code: '// SpreadsheetApp.flush() is called by the adapter\nexport const n = 1;\n', file: 'src/core/x.ts', expected: [] },
  { code: 'export const d = (ms: number) => new Date(ms);\n', file: 'src/core/x.ts', expected: [] },
  { code: 'export const a = () => SpreadsheetApp.getActive();\n', file: 'src/gas/x.ts', expected: [] },
];

describe('src/core purity (ESLint)', () => {
  jest.setTimeout(120_000);
  const results = lint({ files: ['src/core/**/*.ts'], texts: SNIPPETS.map(({ code, file }) => ({ code, file: join(ROOT, file) })) });
  const snippets = results.slice(-SNIPPETS.length);
  const core = results.slice(0, -SNIPPETS.length);

  it('no file of src/core breaks it', () => {
    expect(core.length).toBeGreaterThan(50);
    expect(core.flatMap((r) => purity(r).map((m) => `${r.file}:${m.line} ${m.message}`))).toEqual([]);
  });

  it.each(SNIPPETS.map((s, i) => [s.file, s.code.split('\n')[0], i] as const))('%s: %s', (_file, _line, i) => {
    expect(purity(snippets[i]!).map((m) => m.ruleId)).toEqual(SNIPPETS[i]!.expected);
  });
});
