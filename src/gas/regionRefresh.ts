// «Обновить сводку» in Apps Script: the run in progress kept in document properties, the script lock held by one
// refresh at a time, and a one-shot time trigger that carries an unfinished run on. The trigger is set when an
// execution starts — so even one Google stops at 6 minutes is continued — and removed when the run is over.
import * as z from 'zod';
import { refreshRegion, type RefreshResult, type RefreshRun, type RefreshRunPort } from '../core/region/service';
import { dashboardOf, writeDashboardSheet } from './dashboardSheet';
import { cacheProgress } from './indicatorSheets';
import { spreadsheetSources } from './regionSources';
import { currentUserEmail, scriptLock, systemClock } from './services';
import { SheetsWorkbookPort } from './workbookPort';

export const REGION_RESUME_HANDLER = 'onRegionRefreshTrigger';
/** Past Google's 6 minutes: a continuation never meets the execution that set it still running. */
export const REGION_RESUME_AFTER_MS = 7 * 60_000;
export const REGION_PROGRESS_KEY = 'marshrut.region.progress';
const RUN_PROPERTY = 'marshrut.region.run';
/** Set when a run ended too late in its execution to draw the regional «Дашборд»: the continuation draws it. */
const DASHBOARD_PENDING = 'marshrut.region.dashboardPending';
/**
 * Past this much of an execution the «Дашборд» (a few dozen calls: its municipalities side by side) is left to the
 * continuation trigger, which runs it in an execution of its own.
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

/** The caller's continuation triggers (each user sees only her own). */
export function removeContinuations(): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === REGION_RESUME_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
}

/**
 * The safety net of a run. Google lets an editor add-on's time-driven triggers run at most once an hour
 * (developers.google.com/apps-script/guides/triggers/installable, «Time-driven triggers»): where it refuses this one,
 * the run still goes on from the open sidebar (it calls again at once) or the next «Обновить сводку».
 */
function scheduleContinuation(): void {
  try {
    ScriptApp.newTrigger(REGION_RESUME_HANDLER).timeBased().after(REGION_RESUME_AFTER_MS).create();
  } catch (error) {
    console.warn(`Продолжение сводки по расписанию не назначено: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export type RegionRefresh = RefreshResult & { readonly busy: boolean };

/**
 * Starts or continues the refresh of the active regional workbook. `continueOnly`: called by the continuation
 * trigger, which never starts a new run. busy: another execution is refreshing it right now.
 */
export function refreshActiveRegion(continueOnly: boolean): RegionRefresh {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const started = systemClock.now().getTime();
  const result = scriptLock.tryWithLock(() => {
    removeContinuations();
    scheduleContinuation();
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
      const properties = PropertiesService.getDocumentProperties();
      if (systemClock.now().getTime() - started > DASHBOARD_BY_MS) {
        // The continuation already scheduled stays: it finds no run and draws the «Дашборд» (the branch below).
        properties.setProperty(DASHBOARD_PENDING, '1');
      } else {
        removeContinuations();
        // The regional «Дашборд» follows the new totals (aggregates only; the lock is already held).
        writeDashboardSheet(spreadsheet, dashboardOf(spreadsheet));
        if (properties.getProperty(DASHBOARD_PENDING)) properties.deleteProperty(DASHBOARD_PENDING);
      }
    }
    return { ...run, busy: false };
  });
  return result ?? { busy: true, ran: false, complete: false, total: 0, checked: 0, included: 0 };
}

/** Whether a run is in progress (started, not finished): the sidebar says so. */
export const refreshInProgress = (): boolean => runStore.current() !== null;
