#!/usr/bin/env node
// Dates in the local runtime follow the script's time zone, as they do in Apps Script.
process.env.TZ = process.env.TZ || 'Europe/Moscow';

// A run at 53k staff allocates millions of short-lived cells, rows and answers: in V8's default 16 MB young
// generation they are copied and promoted over and over, and a third of the intake went to collections. A 64 MB one
// halved that (bench «import»); 96 MB spares the recompute too, whose read (100 MB a call at 100k staff) lives through
// the call and was copied by each scavenge: one process each, 5 calls at 100k, median 981 ms at 64 MB → 716 at 96
// (681 at 128, 539 at 256: the young generation, up to 3 semi-spaces, weighs against the 1.5 GB goal — `marshrut run`
// at 53k peaked at 1 381 MB with 64, 1 395 with 96, 1 394–1 520 with 128). Past a 2 GB heap limit V8 lets the old
// generation grow to 4× what survived the last full collection before the next one: the intake's garbage took the
// run to 2.15 GB RSS over ~0.6 GB live. Half as much again (heap growing 50 %) keeps the peak near what the data
// needs without a lower heap limit (53k staff, one build, back to back: 50 % → peak 1 359 / 1 413 MB, intake 9.2 /
// 8.5 s; 70 % → 1 401 / 1 532 MB; 100 % → 1 653 MB, 7.8 s). V8 takes both only at start-up, so the CLI starts itself once more with them (v8-flags.json: the bench's
// sections run with them too, timing the runtime as the CLI runs it).
const FLAGS = require('./v8-flags.json');
if (FLAGS.every((flag) => process.execArgv.includes(flag))) {
  require('../dist/cli.cjs');
} else {
  const { spawnSync } = require('node:child_process');
  const args = [...process.execArgv, ...FLAGS, __filename, ...process.argv.slice(2)];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 1;
}
