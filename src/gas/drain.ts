// Draining the workbook's intake queue (core/intake/queue.ts) from Apps Script: the time-driven triggers, the CLI
// and the rebuild call this. The handlers' names and schedule are declared here, next to what they run.
import { DEFAULT_BATCH, drain, type DrainRun } from '../core/intake/queue';
import { readSettings, SETTING } from '../core/settings';
import { formRegistry, syncFormChoices } from './forms';
import { DRAIN_DUE, SheetsResponseQueue } from './responseQueue';
import { scriptLock, systemClock } from './services';
import { snapshotOf, SheetsWorkbookPort } from './workbookPort';
import { intakeStopped, recordIntakeStopped, recordWorkbookCells } from './workbookHealth';
import { CellLimitError } from '../core/workbookHealth';
import type { Workbook } from '../core/workbook';

export const RESPONSE_HANDLER = 'onResponseTrigger';
export const DRAIN_HANDLER = 'onDrainTrigger';
export const DRAIN_SOON_HANDLER = 'onDrainSoonTrigger';
export const DRAIN_EVERY_MINUTES = 10;
/** A prompt drain runs about a minute after the first answer of a burst; later answers of the burst join it. */
export const DRAIN_SOON_MS = 60_000;
/** A scheduled drain that has not run after this long is presumed lost: the next answer schedules another. */
export const DRAIN_DUE_STALE_MS = 10 * 60_000;
export const SOURCE_FORM = 'Форма';
/** Answers taken in by one drain after which the workbook's cells are counted again (1 + 2 calls per sheet). */
const REMEASURE_AFTER = 500;

/**
 * Drains the workbook's queue: the lock is held by this execution or by one that drains before releasing. When
 * the time budget stops it with answers still waiting, a prompt drain is scheduled to go on.
 */
export function drainWorkbook(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): DrainRun {
  const props = PropertiesService.getDocumentProperties();
  props.deleteProperty(DRAIN_DUE); // answers from now on schedule their own prompt drain
  const snapshot = snapshotOf(spreadsheet);
  const registry = formRegistry(spreadsheet, snapshot);
  const batchSize = Number(readSettings(snapshot.table('settings')).get(SETTING.drainBatch)) || DEFAULT_BATCH;
  const queue = new SheetsResponseQueue(spreadsheet, registry, props);
  // A run that took in many answers grew the sheets: «Ячеек в книге» (and the sidebars' banner) is measured again.
  const afterRun = (workbook: Workbook, received: number) =>
    (received >= REMEASURE_AFTER || (received > 0 && intakeStopped() !== null)) && recordWorkbookCells(spreadsheet, workbook);
  let run: DrainRun;
  try {
    run = drain(
      { workbook: new SheetsWorkbookPort(spreadsheet), lock: scriptLock, clock: systemClock, actor: SOURCE_FORM, queue },
      systemClock,
      { afterRun, batchSize: Math.max(1, Math.floor(batchSize)) },
    );
  } catch (error) {
    // The batch was refused before any cell was written and stays queued; people are told where they look.
    if (error instanceof CellLimitError) recordIntakeStopped(spreadsheet, error);
    throw error;
  }
  if (run.choices) syncFormChoices(spreadsheet, 'participation', registry, run.choices);
  if (run.more) {
    props.setProperty(DRAIN_DUE, String(Date.now()));
    ScriptApp.newTrigger(DRAIN_SOON_HANDLER).timeBased().after(DRAIN_SOON_MS).create();
  }
  return run;
}
