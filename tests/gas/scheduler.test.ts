// The single scheduler trigger over the due-jobs table (issue 16 §2), on the local runtime's services.
import { createLocalRuntime } from '../../src/local/runtime';
import { loadBundle } from '../../src/local/sandbox';
import {
  installSchedulerTrigger,
  registerJob,
  requestJob,
  runSchedulerTick,
  scheduledJobs,
  SCHEDULER_HANDLER,
} from '../../src/gas/scheduler';

const START = new Date(Date.UTC(2025, 1, 1, 4, 0));

function runtime(addon: boolean) {
  const rt = createLocalRuntime({ now: () => START, activeUserEmail: 'a@klin.example', addon });
  Object.assign(globalThis, rt.globals);
  const ss = (rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).create('Книга');
  (rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).setActiveSpreadsheet(ss);
  return rt;
}

const runs: string[] = [];
registerJob('test.once', (row) => (runs.push(`once:${row.state ?? ''}`), { next: null }));
registerJob('test.every', (_row, now) => (runs.push('every'), { next: now + 3_600_000 }));

beforeEach(() => {
  runs.length = 0;
});

test('a requested job runs once at the first tick after it is due and leaves the table', () => {
  runtime(false);
  requestJob('test.once', START.getTime() + 60_000, 'x');
  expect(runSchedulerTick(START.getTime()).ran).toEqual([]);
  expect(runSchedulerTick(START.getTime() + 600_000).ran).toEqual(['test.once']);
  expect(runSchedulerTick(START.getTime() + 1_200_000).ran).toEqual([]);
  expect(runs).toEqual(['once:x']);
  expect(scheduledJobs()).toEqual({});
});

test('a periodic job keeps its row with the next due time it returned', () => {
  runtime(false);
  requestJob('test.every', START.getTime());
  runSchedulerTick(START.getTime());
  expect(scheduledJobs()['test.every']!.due).toBe(START.getTime() + 3_600_000);
  expect(runs).toEqual(['every']);
});

test.each([
  ['template', false, [10, 20, 30, 40, 50, 60]],
  ['addon', true, [60]],
] as const)(
  '%s: one scheduler trigger per user: its scheduler trigger fires at the expected minutes of an hour',
  (mode, addon, minutes) => {
    const rt = runtime(addon);
    // The handler as Google calls it: a stand-in bundle counts the runs on the runtime's clock.
    const sb = loadBundle(`var n = 0; function ${SCHEDULER_HANDLER}() { n++; } function count() { return n; }`, rt);
    expect(installSchedulerTrigger(mode)).toBe(true);
    expect(installSchedulerTrigger(mode)).toBe(false); // one per user per document
    const fired: number[] = [];
    for (let m = 5; m <= 60; m += 5) {
      const before = sb.call('count') as number;
      rt.triggers.fireTimeTriggers(new Date(START.getTime() + m * 60_000));
      if ((sb.call('count') as number) > before) fired.push(m);
    }
    expect(fired).toEqual(minutes);
  },
);

test("in an add-on the fake refuses the template's 10-minute trigger (Google would)", () => {
  runtime(true);
  expect(() => installSchedulerTrigger('template')).toThrow('more frequently than once per hour');
});
