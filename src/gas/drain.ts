// Draining the workbook's intake queue (core/intake/queue.ts) from Apps Script: the scheduler's «drain» job (every
// tick), the form-submit trigger of an add-on (a small batch, when it gets the lock at once) and the CLI call this.
import { DEFAULT_BATCH, drain, type DrainOptions, type DrainRun } from '../core/intake/queue';
import { readSettings, SETTING } from '../core/settings';
import { formRegistry, syncFormChoices } from './forms';
import { SheetsResponseQueue } from './responseQueue';
import { scriptLock, systemClock } from './services';
import { snapshotOf, SheetsWorkbookPort } from './workbookPort';
import { intakeStopped, recordIntakeStopped, recordWorkbookCells } from './workbookHealth';
import { CellLimitError } from '../core/workbookHealth';
import type { Workbook } from '../core/workbook';

export const SOURCE_FORM = 'Форма';
/** Answers taken in by one drain after which the workbook's cells are counted again (1 + 2 calls per sheet). */
const REMEASURE_AFTER = 500;

export interface DrainLimits {
  /** At most this many answers per batch, whatever «Настройки» says. */
  readonly maxBatch?: number;
  readonly budgetMs?: DrainOptions['budgetMs'];
}

/**
 * Drains the workbook's queue: the lock is held by this execution or by one that drains before releasing. When
 * the time budget stops it with answers still waiting, the next drain (the scheduler's next tick, or an add-on's
 * next answer) goes on: no trigger of its own is created.
 */
export function drainWorkbook(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, limits: DrainLimits = {}): DrainRun {
  const props = PropertiesService.getDocumentProperties();
  const snapshot = snapshotOf(spreadsheet);
  const registry = formRegistry(spreadsheet, snapshot);
  const setting = Number(readSettings(snapshot.table('settings')).get(SETTING.drainBatch)) || DEFAULT_BATCH;
  const batchSize = Math.max(1, Math.floor(Math.min(setting, limits.maxBatch ?? setting)));
  const queue = new SheetsResponseQueue(spreadsheet, registry, props);
  // A run that took in many answers grew the sheets: «Ячеек в книге» (and the sidebars' banner) is measured again.
  const afterRun = (workbook: Workbook, received: number) =>
    (received >= REMEASURE_AFTER || (received > 0 && intakeStopped() !== null)) && recordWorkbookCells(spreadsheet, workbook);
  let run: DrainRun;
  try {
    run = drain(
      { workbook: new SheetsWorkbookPort(spreadsheet), lock: scriptLock, clock: systemClock, actor: SOURCE_FORM, queue },
      systemClock,
      { afterRun, batchSize, ...(limits.budgetMs === undefined ? {} : { budgetMs: limits.budgetMs }) },
    );
  } catch (error) {
    // The batch was refused before any cell was written and stays queued; people are told where they look.
    if (error instanceof CellLimitError) recordIntakeStopped(spreadsheet, error);
    throw error;
  }
  if (run.choices) syncFormChoices(spreadsheet, 'participation', registry, run.choices);
  return run;
}
