// Every `marshrut …` example of README.md runs as written on the demo's data (issue 19 point 12: «Every README
// example runs as written on the demo's data (`--scope Ш2` does not exist)»). The lines of the README's bash blocks
// that start with `npx marshrut` are run in their order, in one empty folder, through bin/marshrut.cjs (what `npx
// marshrut` starts); the first is the story `npm start` tells, which writes the `out/` the others read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORY_MUNICIPALITIES } from '../../src/local/demo/story';
import { CLI, requireBuild, ROOT } from '../support/e2eBuild';

/** A command line as a POSIX shell splits it: words, "…" and '…' quoted, `#` starting a comment outside quotes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) break;
    else word = (word ?? '') + ch;
  }
  if (quote) throw new Error(`Незакрытая кавычка: ${line}`);
  if (word !== null) words.push(word);
  return words;
}

/** The README's examples: the `npx marshrut …` lines of its ```bash blocks, as argument lists after `marshrut`. */
function readmeExamples(readme: string): string[][] {
  const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => shellWords(line))
    .filter((words) => words[0] === 'npx' && words[1] === 'marshrut')
    .map((words) => words.slice(2));
}

test('the parser reads a README line as the shell does', () => {
  expect(shellWords('npx marshrut region --municipal a b --region "Московская область"   # comment "x"')).toEqual([
    'npx',
    'marshrut',
    'region',
    '--municipal',
    'a',
    'b',
    '--region',
    'Московская область',
  ]);
  expect(shellWords("run --scope 'КЛН-02' --out a#b")).toEqual(['run', '--scope', 'КЛН-02', '--out', 'a#b']);
});

describe('README.md examples on the demo', () => {
  const examples = readmeExamples(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const cwd = mkdtempSync(join(tmpdir(), 'marshrut-readme-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  beforeAll(requireBuild);

  test('the README has the examples of every command, the story first (it writes what the others read)', () => {
    expect(examples[0]).toEqual(['story', '--out', 'out']);
    expect(new Set(examples.map((args) => args[0]))).toEqual(new Set(['story', 'help', 'setup', 'run', 'region', 'demo']));
  });

  test.each(examples.map((args) => [args.join(' '), args] as const))(
    'marshrut %s → exit 0',
    (_, args) => {
      const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 600_000 });
      if (result.status !== 0) throw new Error(`exit ${result.status}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
      expect(result.stdout).not.toMatch(/^Ошибка/m);
      // A scope names an ОО of that data: the code is in its organizations.csv.
      const scope = args.indexOf('--scope');
      if (scope >= 0) {
        const data = args[args.indexOf('--data') + 1]!;
        const codes = readFileSync(join(cwd, data, 'organizations.csv'), 'utf8')
          .split(/\r?\n/)
          .slice(1)
          .map((line) => line.split(',')[0]);
        expect(codes).toContain(args[scope + 1]);
      }
    },
    900_000,
  );

  test("the story's indicators differ between its municipalities and are not met everywhere", () => {
    type Kpi = {
      indicators: { code: string; numerator: number | null; denominator: number | null; value: number | null; status: string }[];
    };
    const kpi = (slug: string) => JSON.parse(readFileSync(join(cwd, 'out', slug, 'kpi.json'), 'utf8')) as Kpi;
    const of = (slug: string, code: string) => kpi(slug).indicators.find((i) => i.code === code)!;
    const slugs = STORY_MUNICIPALITIES.map((m) => m.slug);
    // Indicator 6, schools with the mentoring model: every school but those the profile leaves without a pair
    // (the others all have a young specialist with a mentor): Дубна 3 of 3, Клин 6 of 7, Серпухов 13 of 17.
    expect(slugs.map((slug) => [of(slug, '6').numerator, of(slug, '6').denominator])).toEqual([
      [3, 3],
      [6, 7],
      [13, 17],
    ]);
    // Indicator 5, young specialists supported: a share of them has neither a mentor nor an event for the young.
    for (const slug of slugs) expect(of(slug, '5').value).toBeLessThan(100);
    // Дубна is ahead of Клин, which is ahead of Серпухов, on the diagnostic (indicator 2) and IOMs (8.1).
    for (const code of ['2', '8.1']) {
      const [dubna, klin, serpukhov] = slugs.map((slug) => of(slug, code).value!);
      expect(dubna).toBeGreaterThan(klin!);
      expect(klin).toBeGreaterThan(serpukhov!);
    }
    for (const slug of slugs) {
      const statuses = kpi(slug).indicators.map((i) => i.status);
      expect(statuses).toContain('Выполнен');
      expect(statuses).toContain('Не выполнен');
    }
  });
});
