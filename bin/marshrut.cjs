#!/usr/bin/env node
// Dates in the local runtime follow the script's time zone, as they do in Apps Script.
process.env.TZ = process.env.TZ || 'Europe/Moscow';

// A run at 53k staff allocates millions of short-lived cells, rows and answers: in V8's default 16 MB young
// generation they are copied and promoted over and over, and a third of the intake went to collections. A 64 MB one
// halves that (bench «import»). V8 takes the size only at start-up, so the CLI starts itself once more with it.
// Past a 2 GB heap limit V8 lets the old generation grow to 4× what survived the last full collection before the
// next one: the intake's garbage took the run to 2.15 GB RSS over ~0.6 GB live. Twice (heap growing 100%) keeps it at
// ~1.7 GB for a few more collections (11 instead of 8 at 53k staff, no slower) and without a lower heap limit.
const YOUNG = '--max-semi-space-size=';
const GROWING = '--heap-growing-percent=100';
if (process.execArgv.some((a) => a.startsWith(YOUNG))) {
  require('../dist/cli.cjs');
} else {
  const { spawnSync } = require('node:child_process');
  const args = [...process.execArgv, `${YOUNG}64`, GROWING, __filename, ...process.argv.slice(2)];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 1;
}
