// What «Обновить сводку» costs for a region of N municipal workbooks (SPEC §8: ~60), through the built bundle: the
// Apps Script service calls (exact; per workbook they must not grow with N), the local time, and — with an assumed
// latency per call (not Google's published figures: openById 1 s, a read 0.4 s, a write 0.8 s, anything else 0.15 s)
// and the 6-minute limit enforced — how many executions the refresh takes and how long it runs in all.
import type { Cell } from '../../core/ports';
import { workbookUrl } from '../../core/region/workbookId';
import { openLocalWorkbook, type LocalWorkbook } from '../localWorkbook';
import { municipalSpreadsheet } from '../regionInput';

const LATENCY_MS: Record<string, number> = { 'SpreadsheetApp.openById': 1000, 'Range.getValues': 400, 'Range.setValues': 800 };
const OTHER_CALL_MS = 150;
/** The scheduler's tick of a template (10 minutes): it carries an unfinished refresh on. */
const CONTINUATION_MS = 10 * 60_000 + 1_000;

/** «Показатели» of a municipality that loaded klin and recomputed (empty registers: the numbers do not matter here). */
function modelIndicators(): Cell[][] {
  const municipal = openLocalWorkbook();
  municipal.menu('menuSetupWorkbook');
  municipal.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  municipal.rpc('rpcKpiRecompute', { year: 2025 });
  return municipal.spreadsheet.getSheetByName('Показатели')!.getDataRange().getValues() as Cell[][];
}

function regionOf(count: number, indicators: Cell[][]): LocalWorkbook {
  const region = openLocalWorkbook();
  region.menu('menuSetupRegionalWorkbook');
  const links = Array.from({ length: count }, (_, i) =>
    workbookUrl(municipalSpreadsheet(region.runtime, { name: `Муниципалитет ${i + 1}`, indicators }).getId()),
  );
  region.rpc('rpcRegionAdd', { lines: links });
  return region;
}

const running = (region: LocalWorkbook) => region.rpc<{ running: boolean }>('rpcRegionState').running;

export function benchRegion(counts: readonly number[]): string {
  const indicators = modelIndicators();
  const lines = [
    'region: «Обновить сводку» over N municipal workbooks (one openById and one read of «Показатели» each)',
    '  workbooks  calls  per workbook  openById  getValues  setValues  local ms  executions*  minutes*',
  ];
  for (const count of counts) {
    const region = regionOf(count, indicators);
    region.runtime.calls.reset();
    const started = process.hrtime.bigint();
    region.rpc('rpcRegionRefresh');
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const c = region.runtime.calls.counts;
    const calls = region.runtime.calls.total();

    const timed = regionOf(count, indicators);
    timed.runtime.executions.setLatency((member) => LATENCY_MS[member] ?? OTHER_CALL_MS);
    timed.runtime.executions.enforceTimeLimit();
    timed.rpc('rpcRegionRefresh');
    while (running(timed)) {
      timed.runtime.advance(CONTINUATION_MS);
      timed.runtime.triggers.fireTimeTriggers(timed.runtime.now());
    }
    const executions = timed.runtime.executions.log.filter((e) => e.label === 'rpcRegionRefresh' || e.label === 'onSchedulerTrigger');
    const busy = executions.reduce((sum, e) => sum + (e.endedAt!.getTime() - e.startedAt.getTime()), 0);
    lines.push(
      [
        String(count).padStart(11),
        String(calls).padStart(6),
        (calls / count).toFixed(1).padStart(13),
        String(c['SpreadsheetApp.openById'] ?? 0).padStart(9),
        String(c['Range.getValues'] ?? 0).padStart(10),
        String(c['Range.setValues'] ?? 0).padStart(10),
        ms.toFixed(0).padStart(9),
        String(executions.length).padStart(12),
        (busy / 60_000).toFixed(1).padStart(10),
      ].join(''),
    );
  }
  lines.push(
    `  * with ${Object.entries(LATENCY_MS)
      .map(([m, l]) => `${m} ${l} ms`)
      .join(
        ', ',
      )}, other calls ${OTHER_CALL_MS} ms and the 6-minute limit: executions needed, minutes spent executing (a continuation runs at the scheduler's next tick, 10 min later)`,
  );
  return lines.join('\n');
}
