// Executions as Apps Script runs them: each script call is one execution that owns its locks until it ends; a
// test can run a second execution inside the first (B sees A holding the lock), stop an execution halfway as Google
// does at 6 minutes, and give service calls a latency on the runtime clock.
import { createLocalRuntime } from '../../src/local/runtime';
import { loadBundle } from '../../src/local/sandbox';

const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';
const STOPPED = 'Exceeded maximum execution time';

const SCRIPT = `
  var sheet = function () { return SpreadsheetApp.getActive().getSheets()[0]; };
  function batch(n) {
    var lock = LockService.getScriptLock();
    lock.waitLock(30000);
    try {
      for (var i = 1; i <= n; i++) sheet().getRange(i, 1).setValue('строка ' + i);
    } finally {
      sheet().getRange(1, 2).setValue('конец');
      lock.releaseLock();
    }
  }
  function grabAndLeave() { LockService.getScriptLock().waitLock(1000); }
  function tryLock() { return LockService.getScriptLock().tryLock(0); }
  function waitLock(ms) { LockService.getScriptLock().waitLock(ms); return 'got it'; }
  function hasLock() { var l = LockService.getScriptLock(); return [l.tryLock(0), l.hasLock()].join(); }
  function clockMs() { return Date.now(); }
  function calls(n) { for (var i = 0; i < n; i++) SpreadsheetApp.getActive().getName(); return Date.now(); }
`;

function setup() {
  let now = new Date(2025, 2, 10, 12, 0, 0).getTime();
  const rt = createLocalRuntime({ now: () => new Date(now), activeUserEmail: 'a@klin.example' });
  const ss = rt.spreadsheets.create('Книга');
  rt.spreadsheets.setActive(ss);
  const sb = loadBundle(SCRIPT, rt);
  return {
    rt,
    sb,
    ss,
    tick: (ms: number) => {
      now += ms;
    },
  };
}

describe('executions and the script lock', () => {
  test('each script call is one execution, logged with its user, calls and outcome', () => {
    const { rt, sb } = setup();
    sb.call('batch', 3);
    expect(() => sb.call('waitLock', 'not a number' as unknown as number)).not.toThrow();
    const [first] = rt.executions.log;
    expect(first).toMatchObject({ label: 'batch', user: 'a@klin.example', outcome: 'ok', error: null });
    expect(first!.calls).toBeGreaterThan(6);
    expect(rt.executions.current()).toBeNull();
  });

  test('a lock its execution never released is released when the execution ends', () => {
    const { rt, sb } = setup();
    sb.call('grabAndLeave');
    expect(rt.lock.held).toBe(false);
    expect(sb.call('tryLock')).toBe(true);
  });

  test('another execution while A holds the lock: tryLock fails, waitLock waits its timeout and throws', () => {
    const { rt, sb } = setup();
    const seen: unknown[] = [];
    const during = rt.executions.interleave({ into: 'batch', onLock: true }, () => {
      seen.push(sb.call('tryLock'));
      seen.push(sb.call('hasLock'));
      const before = sb.call('clockMs') as number;
      try {
        sb.call('waitLock', 5000);
      } catch (error) {
        seen.push((error as Error).message, (sb.call('clockMs') as number) - before);
      }
    });
    sb.call('batch', 2);
    expect(during).toMatchObject({ fired: true, error: null });
    expect(during.host!.label).toBe('batch');
    expect(seen).toEqual([false, 'false,false', LOCK_TIMEOUT, 5000]);
    expect(rt.executions.log.map((e) => [e.label, e.outcome])).toEqual([
      ['batch', 'ok'],
      ['tryLock', 'ok'],
      ['hasLock', 'ok'],
      ['clockMs', 'ok'],
      ['waitLock', 'error'],
      ['clockMs', 'ok'],
    ]);
    expect(sb.call('tryLock')).toBe(true); // A ended: free again
  });

  test('what the other execution throws stays with it: A carries on', () => {
    const { rt, sb, ss } = setup();
    const during = rt.executions.interleave({ into: 'batch', atCall: 4 }, () => sb.call('waitLock', 1000));
    sb.call('batch', 3);
    expect(during.error?.message).toBe(LOCK_TIMEOUT);
    expect(ss.getSheets()[0]!.getRange(1, 1, 3, 2).getValues()).toEqual([
      ['строка 1', 'конец'],
      ['строка 2', ''],
      ['строка 3', ''],
    ]);
  });

  test('at A’s Nth service call, B runs before that call; an interleaving that never fires stays armed', () => {
    const { rt, sb, ss } = setup();
    let rowsWhenB = -1;
    // batch(n) calls getScriptLock, waitLock, then getActive, getSheets, getRange, setValue per row and per «конец»,
    // then releaseLock: batch(1) makes 11 calls, and in batch(5) the 12th is the third row's getSheets.
    rt.executions.interleave({ into: 'batch', atCall: 12 }, () => {
      rowsWhenB = ss.getSheets()[0]!.getLastRow();
    });
    sb.call('batch', 1);
    expect(rowsWhenB).toBe(-1);
    sb.call('batch', 5);
    expect(rowsWhenB).toBe(2);
  });

  test('a killed execution: from its Nth call on every service call fails, so its finally cannot write', () => {
    const { rt, sb, ss } = setup();
    rt.executions.kill({ into: 'batch', atCall: 10 });
    expect(() => sb.call('batch', 10)).toThrow(STOPPED);
    const killed = rt.executions.log.at(-1)!;
    expect(killed).toMatchObject({ label: 'batch', outcome: 'killed', error: STOPPED });
    const sheet = ss.getSheets()[0]!;
    expect(sheet.getRange(1, 2).getValue()).toBe(''); // the finally block's write never happened
    expect(sheet.getLastRow()).toBeGreaterThan(0);
    expect(sheet.getLastRow()).toBeLessThan(10);
    expect(rt.lock.held).toBe(false); // Google releases the lock of a stopped script
    sb.call('batch', 2); // the kill was for one execution only
    expect(sheet.getRange(1, 2).getValue()).toBe('конец');
  });

  test('latency per service call moves the runtime clock; the 6-minute limit stops a long execution', () => {
    const { rt, sb } = setup();
    rt.executions.setLatency((member) => (member === 'Spreadsheet.getName' ? 100 : 0));
    const start = sb.call('clockMs') as number;
    expect((sb.call('calls', 50) as number) - start).toBe(5000);
    rt.executions.enforceTimeLimit();
    const inTime = sb.call('clockMs') as number;
    expect((sb.call('calls', 3600) as number) - inTime).toBe(360_000); // exactly 6 minutes: still running
    expect(() => sb.call('calls', 3602)).toThrow(STOPPED); // its 3602nd getActive comes after 360.1 s
    expect(rt.executions.log.at(-1)).toMatchObject({ label: 'calls', outcome: 'killed', calls: 2 * 3602 - 1 });
  });
});
