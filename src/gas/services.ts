// Small adapters: the script lock, the clock and who is acting.
import type { Clock, LockPort } from '../core/ports';
import type { IntakeDeps } from '../core/intake/service';
import { SheetsWorkbookPort } from './workbookPort';

const LOCK_WAIT_MS = 30_000;
/** A drain waits only briefly: if another execution holds the lock, that one drains what waits before releasing. */
const DRAIN_LOCK_WAIT_MS = 5_000;

function holding<T>(lock: GoogleAppsScript.Lock.Lock, fn: () => T): T {
  try {
    return fn();
  } finally {
    SpreadsheetApp.flush(); // pending writes land before another execution may read
    lock.releaseLock();
  }
}

export const scriptLock: LockPort = {
  withLock<T>(fn: () => T): T {
    const lock = LockService.getScriptLock();
    try {
      lock.waitLock(LOCK_WAIT_MS);
    } catch {
      throw new Error('Другая операция «Маршрута» с этой книгой ещё выполняется. Повторите через минуту.');
    }
    return holding(lock, fn);
  },
  tryWithLock<T>(fn: () => T): T | null {
    const lock = LockService.getScriptLock();
    return lock.tryLock(DRAIN_LOCK_WAIT_MS) ? holding(lock, fn) : null;
  },
};

export const systemClock: Clock = { now: () => new Date() };

export function currentUserEmail(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

export function intakeDeps(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, actor: string): IntakeDeps {
  return { workbook: new SheetsWorkbookPort(spreadsheet), lock: scriptLock, clock: systemClock, actor };
}
