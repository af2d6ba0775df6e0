// `npm run bench`: the product's performance, measured through the built bundle in the local runtime — service
// calls (the quota and latency that matter in Google) and local time. Each section is one module of ./bench.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDigests } from './digests';
import { benchImport } from './importRun';
import { benchIndicators } from './indicators';
import { benchRegion } from './region';
import { benchDrain, benchTrigger } from './trigger';
import { benchExport } from './exportXlsx';
import { benchDuckdb } from './duckdb';
import { goalLine, reportGoals, type Goal } from './goals';
import V8_FLAGS from '../../../bin/v8-flags.json';

const sizesOf = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').map(Number);
const sizes = sizesOf(process.env.BENCH_SIZES, '1000,100000');
const sections: [string, () => string | Promise<string>][] = [
  ['trigger', () => benchTrigger(sizes)],
  ['drain', () => benchDrain(1000, sizesOf(process.env.BENCH_BATCHES, '1,100,10000'))],
  ['import', () => benchImport(sizesOf(process.env.BENCH_IMPORT_STAFF, '16000,53000'))],
  ['indicators', () => benchIndicators(sizesOf(process.env.BENCH_KPI_SIZES, '1000,11000,100000'))],
  ['digests', () => benchDigests((process.env.BENCH_DIGEST_SIZES ?? '1000,11000,53000:1798').split(','))],
  ['region', () => benchRegion(sizesOf(process.env.BENCH_REGION_SIZES, '10,60,200'))],
  [
    'export',
    async () => {
      const { lines, goals } = await benchExport(Number(process.env.BENCH_EXPORT_STAFF ?? 53000));
      return [...lines, ...reportGoals(goals)].join('\n');
    },
  ],
  [
    'duckdb',
    async () => {
      const { lines, goals, mismatches } = await benchDuckdb(sizesOf(process.env.BENCH_DUCKDB_SIZES, '53000,100000'));
      if (mismatches.length) {
        // A second, independent check of the engine: the run fails loudly.
        process.exitCode = 1;
        return [...lines, 'ОШИБКА: SQL и движок расходятся:', ...mismatches.map((m) => `  ${m}`)].join('\n');
      }
      return [...lines, ...reportGoals(goals)].join('\n');
    },
  ],
];
const section = sections.find(([name]) => name === process.env.BENCH_SECTION);

if (section) {
  void Promise.resolve(section[1]()).then((text) => process.stdout.write(`${text}\n\n`));
} else {
  // Each section in a process of its own: the heap one leaves behind (a 16k-staff import) would otherwise slow the
  // next one's collections and stand in its peak memory. It runs with the CLI's V8 flags (bin/v8-flags.json), so it
  // times the local runtime as `marshrut` runs it; --expose-gc lets it start each timed call on a collected heap, as
  // every Apps Script execution starts on a fresh one.
  const only = process.env.BENCH_ONLY?.split(',');
  const dir = mkdtempSync(join(tmpdir(), 'marshrut-bench-goals-'));
  const goalsFile = join(dir, 'goals.jsonl');
  try {
    for (const [name] of sections) {
      if (only && !only.includes(name)) continue;
      const env = { ...process.env, BENCH_SECTION: name, BENCH_GOALS: goalsFile };
      execFileSync(process.execPath, [...process.execArgv, ...V8_FLAGS, '--expose-gc', process.argv[1]!], { env, stdio: 'inherit' });
    }
    let goals: Goal[] = [];
    try {
      goals = readFileSync(goalsFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Goal);
    } catch {
      // no section measured a goal
    }
    if (goals.length) process.stdout.write(`Цели (issue 17), измерено в этом запуске:\n${goals.map(goalLine).join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
