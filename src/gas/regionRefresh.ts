// «Обновить сводку» in Apps Script: the run in progress kept in document properties, the script lock held by one
// refresh at a time, and the scheduler's «regionResume» job that carries an unfinished run on at a later tick. The
// job is requested when an execution starts — so even one Google stops at 6 minutes is continued — and removed when
// the run is over. No trigger of its own (an add-on may not have `.after()` one-shots).
import * as z from 'zod';
import { refreshRegion, type RefreshResult, type RefreshRun, type RefreshRunPort } from '../core/region/service';
import { dashboardOf, writeDashboardSheet } from './dashboardSheet';
import { cacheProgress } from './indicatorSheets';
import { spreadsheetSources } from './regionSources';
import { cancelJobHoldingLock, JOB, requestJobHoldingLock } from './scheduler';
import { currentUserEmail, scriptLock, systemClock } from './services';
import { SheetsWorkbookPort } from './workbookPort';

/** Past Google's 6 minutes: a continuation never meets the execution that requested it still running. */
export const REGION_RESUME_AFTER_MS = 7 * 60_000;
export const REGION_PROGRESS_KEY = 'marshrut.region.progress';
const RUN_PROPERTY = 'marshrut.region.run';
/**
 * Past this much of an execution the «Дашборд» (a few dozen calls: its municipalities side by side) is left to the
 * scheduler's next tick, which runs it in an execution of its own.
 */
const DASHBOARD_BY_MS = 2.5 * 60_000;

const runSchema = z.object({ startedAt: z.number().int().nonnegative() });

const runStore: RefreshRunPort = {
  current(): RefreshRun | null {
    const text = PropertiesService.getDocumentProperties().getProperty(RUN_PROPERTY);
    try {
      const parsed = runSchema.safeParse(JSON.parse(text ?? 'null'));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  },
  start(run) {
    PropertiesService.getDocumentProperties().setProperty(RUN_PROPERTY, JSON.stringify(run));
  },
  finish() {
    PropertiesService.getDocumentProperties().deleteProperty(RUN_PROPERTY);
  },
};

/**
 * busy: another execution is refreshing. dashboardLeft: the run completed too late in its execution to draw the
 * regional «Дашборд»; the «regionResume» job's next tick draws it.
 */
export type RegionRefresh = RefreshResult & { readonly busy: boolean; readonly dashboardLeft: boolean };

/**
 * Starts or continues the refresh of the active regional workbook. `continueOnly`: called by the continuation
 * trigger, which never starts a new run. busy: another execution is refreshing it right now.
 */
export function refreshActiveRegion(continueOnly: boolean): RegionRefresh {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const started = systemClock.now().getTime();
  const result = scriptLock.tryWithLock(() => {
    requestJobHoldingLock(JOB.regionResume, started + REGION_RESUME_AFTER_MS);
    const run = refreshRegion(
      {
        workbook: new SheetsWorkbookPort(spreadsheet),
        lock: scriptLock,
        clock: systemClock,
        actor: currentUserEmail(),
        sources: spreadsheetSources,
        runs: runStore,
      },
      { continueOnly, progress: cacheProgress(REGION_PROGRESS_KEY) },
    );
    if (run.complete) {
      if (systemClock.now().getTime() - started > DASHBOARD_BY_MS) {
        // The «regionResume» job requested above stays: its tick finds no run and draws the «Дашборд» (below).
        return { ...run, busy: false, dashboardLeft: true };
      }
      cancelJobHoldingLock(JOB.regionResume);
      // The regional «Дашборд» follows the new totals (aggregates only; the lock is already held).
      writeDashboardSheet(spreadsheet, dashboardOf(spreadsheet));
    }
    return { ...run, busy: false, dashboardLeft: false };
  });
  return result ?? { busy: true, dashboardLeft: false, ran: false, complete: false, total: 0, checked: 0, included: 0 };
}

/** Whether a run is in progress (started, not finished): the sidebar says so. */
export const refreshInProgress = (): boolean => runStore.current() !== null;
