// `npm run bench`: the product's performance, measured through the built bundle in the local runtime — service
// calls (the quota and latency that matter in Google) and local time. Each section is one module of ./bench.
import { benchTrigger } from './trigger';

const sizes = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map(Number);
const sections: [string, () => string][] = [['trigger', () => benchTrigger(sizes)]];
const only = process.env.BENCH_ONLY?.split(',');

for (const [name, run] of sections) {
  if (only && !only.includes(name)) continue;
  process.stdout.write(`${run()}\n\n`);
}
