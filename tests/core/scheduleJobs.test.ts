// The due-jobs table behind the single scheduler trigger (issue 16 §2).
import { JobRegistry, nextMonthStart, parseJobTable, scheduleJob, serializeJobTable, type JobTable } from '../../src/core/schedule/jobs';

const at = (iso: string) => Date.parse(iso);

describe('due-jobs table', () => {
  it('runs only the jobs that are due, each once per tick, and keeps what a job returns as its next row', () => {
    const registry = new JobRegistry();
    const calls: string[] = [];
    registry.register('drain', (_row, now) => (calls.push('drain'), { next: now + 600_000 }));
    registry.register('regionResume', () => (calls.push('regionResume'), { next: null }));
    let table: JobTable = {};
    table = scheduleJob(table, 'drain', at('2025-01-10T10:00:00Z'));
    table = scheduleJob(table, 'regionResume', at('2025-01-10T11:00:00Z'));
    const first = registry.tick(table, at('2025-01-10T10:05:00Z'));
    expect(first.ran).toEqual(['drain']);
    expect(first.table.drain!.due).toBe(at('2025-01-10T10:15:00Z'));
    expect(first.table.regionResume!.due).toBe(at('2025-01-10T11:00:00Z'));
    const second = registry.tick(first.table, at('2025-01-10T11:00:00Z'));
    expect(second.ran).toEqual(['drain', 'regionResume']);
    expect('regionResume' in second.table).toBe(false); // a finished resume leaves the table
    expect(calls).toEqual(['drain', 'drain', 'regionResume']);
  });

  it('keeps a failing job due for the next tick and still runs the others', () => {
    const registry = new JobRegistry();
    registry.register('a', () => {
      throw new Error('quota');
    });
    registry.register('b', () => ({ next: null, result: { drained: 3 } }));
    const table = scheduleJob(scheduleJob({}, 'a', 1), 'b', 2);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const run = registry.tick(table, 10);
    warn.mockRestore();
    // A job's account of its run comes back with the tick (a trigger's return value), never into the table.
    expect(run).toEqual({ table: { a: { due: 1 } }, ran: ['b'], failed: ['a'], results: { b: { drained: 3 } } });
  });

  it('keeps rows no handler knows (a newer bundle may) and refuses a name registered twice', () => {
    const registry = new JobRegistry();
    registry.register('x', () => ({ next: null }));
    expect(() => registry.register('x', () => ({ next: null }))).toThrow('registered twice');
    expect(registry.tick({ sizeCheck: { due: 0 } }, 5).table).toEqual({ sizeCheck: { due: 0 } });
  });

  it('asking for a job again never postpones it', () => {
    const table = scheduleJob({}, 'drain', 100);
    expect(scheduleJob(table, 'drain', 500).drain!.due).toBe(100);
    expect(scheduleJob(table, 'drain', 50).drain!.due).toBe(50);
  });

  it('reads back what it stored, and a hand-edited property as an empty table', () => {
    const table = scheduleJob({}, 'digest', 7, '2025-01');
    expect(parseJobTable(serializeJobTable(table))).toEqual(table);
    expect(parseJobTable('{"digest":{"due":"soon"}}')).toEqual({});
    expect(parseJobTable('not json')).toEqual({});
  });

  it('sends a digest month once, whichever tick (10-minute or hourly) runs it first', () => {
    // SPEC §7: the month's letters go on the 1st after 8:00 Moscow (05:00 UTC).
    const registry = new JobRegistry();
    const sent: string[] = [];
    registry.register('digest', (row, now) => {
      sent.push(new Date(row.due).toISOString());
      return { next: nextMonthStart(now) };
    });
    for (const step of [10 * 60_000, 60 * 60_000]) {
      sent.length = 0;
      let table = scheduleJob({}, 'digest', nextMonthStart(at('2025-01-20T12:00:00Z')));
      for (let now = at('2025-01-31T20:00:00Z'); now < at('2025-02-02T00:00:00Z'); now += step) table = registry.tick(table, now).table;
      expect(sent).toEqual(['2025-02-01T05:00:00.000Z']);
      expect(table.digest!.due).toBe(at('2025-03-01T05:00:00Z'));
    }
  });

  it('the next month start is 8:00 Moscow on the 1st, even from late on the last day in Moscow', () => {
    expect(new Date(nextMonthStart(at('2025-01-31T22:30:00Z'))).toISOString()).toBe('2025-02-01T05:00:00.000Z');
    expect(new Date(nextMonthStart(at('2025-02-01T04:59:00Z'))).toISOString()).toBe('2025-02-01T05:00:00.000Z');
    expect(new Date(nextMonthStart(at('2025-02-01T05:00:00Z'))).toISOString()).toBe('2025-03-01T05:00:00.000Z');
    expect(new Date(nextMonthStart(at('2025-12-15T00:00:00Z'))).toISOString()).toBe('2026-01-01T05:00:00.000Z');
  });
});
