// `npm run bench`: the product's performance, measured through the built bundle in the local runtime — service
// calls (the quota and latency that matter in Google) and local time. Each section is one module of ./bench.
import { execFileSync } from 'node:child_process';
import { benchDigests } from './digests';
import { benchImport } from './importRun';
import { benchIndicators } from './indicators';
import { benchRegion } from './region';
import { benchDrain, benchTrigger } from './trigger';

const sizesOf = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').map(Number);
const sizes = sizesOf(process.env.BENCH_SIZES, '1000,100000');
const sections: [string, () => string][] = [
  ['trigger', () => benchTrigger(sizes)],
  ['drain', () => benchDrain(1000, sizesOf(process.env.BENCH_BATCHES, '1,100,10000'))],
  ['import', () => benchImport(sizesOf(process.env.BENCH_IMPORT_STAFF, '4000,16000'))],
  ['indicators', () => benchIndicators(sizesOf(process.env.BENCH_KPI_SIZES, '1000,11000,100000'))],
  ['digests', () => benchDigests(sizesOf(process.env.BENCH_DIGEST_SIZES, '1000,11000'))],
  ['region', () => benchRegion(sizesOf(process.env.BENCH_REGION_SIZES, '10,60,200'))],
];
const section = sections.find(([name]) => name === process.env.BENCH_SECTION);

if (section) {
  process.stdout.write(`${section[1]()}\n\n`);
} else {
  // Each section in a process of its own: the heap one leaves behind (a 16k-staff import) would otherwise slow the
  // next one's collections and stand in its peak memory. --expose-gc lets a section start each timed call on a
  // collected heap, as every Apps Script execution starts on a fresh one.
  const only = process.env.BENCH_ONLY?.split(',');
  for (const [name] of sections) {
    if (only && !only.includes(name)) continue;
    const env = { ...process.env, BENCH_SECTION: name };
    execFileSync(process.execPath, [...process.execArgv, '--expose-gc', process.argv[1]!], { env, stdio: 'inherit' });
  }
}
