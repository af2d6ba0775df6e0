// The installable triggers Google calls for answers. A form response is only marked as waiting (constant work: no
// register is read, no FormApp call); the scheduler's «drain» job processes everything waiting at every tick (10
// minutes as a template, hourly as an add-on). An add-on's tick is too rare for a teacher to wait for, so there the
// form-submit trigger also drains, when it gets the script lock at once — see core/intake/queue.ts.
import type { DrainRun } from '../../core/intake/queue';
import { SHEETS } from '../../core/schema/sheets';
import { drainWorkbook } from '../drain';
import { syncFormChoices } from '../forms';
import { submitDrains, tickWithin } from '../installMode';
import { markKey, needsMark, rowAfterStoppedMove } from '../responseQueue';
import { JOB, registerJob } from '../scheduler';
import { servesAsOwner } from '../triggers';
import { active } from './context';

/** Answers per batch of a form-submit trigger's drain, and its time: a burst is taken in by whoever holds the lock. */
export const SUBMIT_BATCH = 50;
export const SUBMIT_BUDGET_MS = 60_000;

/** Drains what waits, now: `marshrut run` and the benchmark drain once through it, as the scheduler's job does. */
export function runDrain(): DrainRun {
  return drainWorkbook(active());
}

// Every tick: whatever waits (a missed trigger, a lock taken by another run, an error, a batch left over) is drained.
registerJob(JOB.drain, (_row, now) => ({ next: now, result: runDrain() }));

/**
 * The event Google passes an installable trigger. Run from the script editor (Run ▸ the function) a handler gets
 * none: said in Russian with what to do instead, not «Cannot read properties of undefined».
 */
function triggerEvent<E extends { range?: unknown }>(e: E | undefined, handler: string, when: string, instead: string): E {
  if (e && e.range) return e;
  throw new Error(`${handler} запускает сам Google — ${when}. Вручную его запускать не нужно: ${instead}.`);
}

/**
 * Installable form-submit trigger of the spreadsheet (one for all four forms). A new answer lands below the
 * response sheet's watermark and waits there by itself; an edited one (a row a drain has read) gets a mark. As an
 * add-on it then drains small batches if the script lock is free right now (tryLock(0)): the holder already takes in
 * what arrives while it drains, and the hourly tick mops up what slips between. A trigger left to a previous owner
 * removes itself and marks nothing (the owner's own trigger does).
 */
export function onResponseTrigger(event: GoogleAppsScript.Events.SheetsOnFormSubmit): DrainRun | null {
  const e = triggerEvent(
    event,
    'onResponseTrigger',
    'при каждом ответе формы',
    `ответы, которые ждут, «Маршрут» разберёт сам ${tickWithin()}`,
  );
  if (!servesAsOwner()) return null;
  const sheet = e.range.getSheet();
  const sheetId = sheet.getSheetId();
  const props = PropertiesService.getDocumentProperties();
  const stored = props.getProperties();
  // The row as the queue will count it: a stopped archive's rows may still be above it.
  const row = rowAfterStoppedMove(stored, sheet, e.range.getRow());
  if (row !== null && needsMark(stored, sheetId, row))
    props.setProperty(markKey(sheetId, row, `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`), '');
  if (!submitDrains()) return null;
  // Taken before anything is read: a trigger that finds the lock held costs no sheet read.
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(0)) return null;
  try {
    return drainWorkbook(active(), { maxBatch: SUBMIT_BATCH, budgetMs: SUBMIT_BUDGET_MS });
  } finally {
    lock.releaseLock(); // the drain released it already unless it threw first
  }
}

/** Installable on-edit trigger: a changed ОО list or event register refreshes the forms' dropdowns. */
export function onSheetEditTrigger(event: GoogleAppsScript.Events.SheetsOnEdit): void {
  const e = triggerEvent(
    event,
    'onSheetEditTrigger',
    'при правке листа',
    'чтобы обновить списки в формах, выберите «Маршрут → Обновить списки в формах»',
  );
  if (!servesAsOwner()) return;
  const name = e.range.getSheet().getName();
  if (name === SHEETS.organizations.name || name === SHEETS.events.name) syncFormChoices(e.source);
}
