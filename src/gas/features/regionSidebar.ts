// «Маршрут → Обновить сводку…» (the regional workbook's menu): the regional workbook's sidebar and its RPCs — the list of
// municipal workbooks with what became of each, the region's totals, adding workbooks by link, the refresh with
// progress — and the scheduler's job that carries an unfinished refresh on. Adding and refreshing are for the access
// list; the state (aggregates and workbook IDs, no personal data) is readable by any editor.
import * as z from 'zod';
import { PRESETS } from '../../core/indicators/presets';
import { readRegionReport } from '../../core/region/report';
import { addMunicipalities } from '../../core/region/service';
import { SHEETS } from '../../core/schema/sheets';
import { assertAccess } from '../access';
import { readProgress } from '../indicatorSheets';
import { showPage } from '../pages';
import { refreshActiveRegion, refreshInProgress, REGION_PROGRESS_KEY, type RegionRefresh } from '../regionRefresh';
import { JOB, registerJob } from '../scheduler';
import { snapshotOf } from '../workbookPort';
import { active, methodistDeps } from './context';
import { payloadOf } from './rpcPayload';

export function menuShowRegion(): void {
  showPage('Region', 'Региональная сводка');
}

function assertRegional(): void {
  if (!active().getSheetByName(SHEETS.municipalities.name)) {
    throw new Error(
      'Это не региональная книга. Создайте новую таблицу и выполните в ней «Маршрут → Региональная сводка → Настроить региональную книгу».',
    );
  }
}

/** What the panel shows: the last refresh read back from the sheets, and whether one is under way. */
export function rpcRegionState() {
  assertRegional();
  return {
    report: readRegionReport(snapshotOf(active())),
    presets: PRESETS.map((p) => ({ id: p.id, title: p.title })),
    running: refreshInProgress(),
  };
}

const addPayload = z.object({ lines: z.array(z.string().max(2000)).min(1).max(500) });

/** Links or IDs pasted in the panel, one per line. */
export function rpcRegionAdd(payload: unknown) {
  assertAccess(active());
  assertRegional();
  const { lines } = payloadOf(addPayload, payload);
  return { addition: addMunicipalities(methodistDeps(), lines), ...rpcRegionState() };
}

/** Starts the refresh, or continues the one under way; the reply says how far it got. */
export function rpcRegionRefresh(): { refresh: RegionRefresh } & ReturnType<typeof rpcRegionState> {
  assertAccess(active());
  assertRegional();
  return { refresh: refreshActiveRegion(false), ...rpcRegionState() };
}

/** Where the caller's refresh is (polled by the panel while it runs). */
export function rpcRegionProgress() {
  return readProgress(REGION_PROGRESS_KEY);
}

/**
 * The scheduler's «regionResume» job: carries an unfinished refresh on at the tick it is due (the triggers' owner's,
 * reading the municipal workbooks as her), until the run is over. Without access it waits for the next «Обновить сводку».
 */
registerJob(JOB.regionResume, (_row, now) => {
  try {
    assertAccess(active());
  } catch {
    return { next: null };
  }
  const refresh = refreshActiveRegion(true);
  return { next: refresh.complete && !refresh.dashboardLeft ? null : now, result: refresh };
});
