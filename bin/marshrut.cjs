#!/usr/bin/env node
// Dates in the local runtime follow the script's time zone, as they do in Apps Script.
process.env.TZ = process.env.TZ || 'Europe/Moscow';

// A run at 53k staff allocates millions of short-lived cells, rows and answers: in V8's default 16 MB young
// generation they are copied and promoted over and over, and a third of the intake went to collections. A 64 MB one
// halves that (bench «import»). The run holds the whole workbook, which only grows: V8's default lets the heap reach
// up to four times what survived the last full collection before the next one (peak 2.5 GB for ~1 GB of data at 53k
// staff); growing it by half at most keeps the peak near what the data needs, at the cost of more (concurrent)
// collections. V8 takes both only at start-up, so the CLI starts itself once more with them.
const YOUNG = '--max-semi-space-size=';
const GROWTH = '--heap-growing-percent=50';
if (process.execArgv.some((a) => a.startsWith(YOUNG))) {
  require('../dist/cli.cjs');
} else {
  const { spawnSync } = require('node:child_process');
  const args = [...process.execArgv, `${YOUNG}64`, GROWTH, __filename, ...process.argv.slice(2)];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 1;
}
