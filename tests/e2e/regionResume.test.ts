// «Обновить сводку» at the scale of a region (SPEC §8: ~60 municipalities) against Google's 6-minute limit: every
// service call takes 2 s on the runtime's clock and executions past 6 minutes are stopped. A refresh reads what fits
// in its budget, writes, and carries on at the scheduler's next tick (10 minutes as a template, hourly as an add-on;
// no trigger of its own); one stopped by Google mid-read resumes from its last write. Either way every workbook ends up read, each municipality is counted once, and the totals are right.
import type { Cell } from '../../src/core/ports';
import { workbookUrl } from '../../src/core/region/workbookId';
import { EXECUTION_TIME_LIMIT_MS } from '../../src/local/fakes/executions';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { municipalSpreadsheet } from '../../src/local/regionInput';
import { aTickLater, requireBuild, scheduledJobs } from '../support/e2eBuild';
import { addMunicipality, openRegionalWorkbook, recordsOf } from '../support/region';

requireBuild();
jest.setTimeout(60_000);

const COUNT = 60;
const LATENCY_MS = 2_000;
const HANDLER = 'onSchedulerTrigger';

/**
 * 60 municipal workbooks: copies of one «Показатели» the add-on computed, each with its own numbers for indicator
 * «2» (i of 100 staff diagnosed), so any municipality counted twice or missed shows in the totals.
 */
function regionOf60(): { region: LocalWorkbook; names: string[] } {
  const region = openRegionalWorkbook();
  const model = addMunicipality(region, 'Образец');
  const values = model.getSheetByName('Показатели')!.getDataRange().getValues() as Cell[][];
  const header = values[0]!.map(String);
  const [code, numerator, denominator, fact] = ['Код', 'Числитель', 'Знаменатель', 'Факт'].map((h) => header.indexOf(h));
  const names: string[] = [];
  const links: string[] = [];
  for (let i = 1; i <= COUNT; i++) {
    const copy = values.map((row) => [...row]);
    const diagnosed = copy.find((row) => String(row[code!]) === '2')!;
    [diagnosed[numerator!], diagnosed[denominator!], diagnosed[fact!]] = [i, 100, i];
    names.push(`Муниципалитет ${i}`);
    links.push(workbookUrl(municipalSpreadsheet(region.runtime, { name: names.at(-1)!, indicators: copy }).getId()));
  }
  region.rpc('rpcRegionAdd', { lines: links });
  region.runtime.executions.setLatency(LATENCY_MS);
  region.runtime.executions.enforceTimeLimit();
  return { region, names };
}

const opened = (region: LocalWorkbook) => region.runtime.calls.counts['SpreadsheetApp.openById'] ?? 0;
const checkedRows = (region: LocalWorkbook) => recordsOf(region.spreadsheet, 'municipalities').filter((r) => r['Проверена'] !== '').length;

/** Time passes in Google: the scheduler ticks until the run is over (or 10 ticks). */
function continueUntilDone(region: LocalWorkbook): number {
  let rounds = 0;
  // Until the run is over and its job gone: a run that completes late in its execution leaves the regional
  // «Дашборд» to the job's next tick.
  while ((region.rpc<{ running: boolean }>('rpcRegionState').running || 'regionResume' in scheduledJobs(region)) && rounds < 10) {
    aTickLater(region);
    rounds++;
  }
  return rounds;
}

function expectEveryMunicipalityOnce(region: LocalWorkbook, names: readonly string[]): void {
  const listed = recordsOf(region.spreadsheet, 'municipalities');
  expect(listed.map((r) => [r['Муниципалитет'], r['Прочитана']])).toEqual(names.map((n) => [n, 'Да']));
  const rows = recordsOf(region.spreadsheet, 'regionIndicators');
  const perMunicipality = new Map<unknown, number>();
  for (const r of rows) perMunicipality.set(r['Муниципалитет'], (perMunicipality.get(r['Муниципалитет']) ?? 0) + 1);
  expect([...perMunicipality]).toEqual([['Итого по региону', 11], ...names.map((n) => [n, 11])]);
  // Σ i for i = 1…60 of Σ 100: 1830 of 6000, 30.5 % — not the mean of 60 percentages counted unevenly.
  expect(rows.find((r) => r['Муниципалитет'] === 'Итого по региону' && r['Код'] === '2')).toMatchObject({
    Числитель: 1830,
    Знаменатель: 6000,
    Значение: 30.5,
  });
}

function expectNoExecutionPastTheLimit(region: LocalWorkbook): void {
  const refreshes = region.runtime.executions.log.filter((e) => e.label === 'rpcRegionRefresh' || e.label === HANDLER);
  for (const e of refreshes) expect(e.endedAt!.getTime() - e.startedAt.getTime()).toBeLessThanOrEqual(EXECUTION_TIME_LIMIT_MS);
}

describe('60 municipalities, 2 s per service call', () => {
  const { region, names } = regionOf60();
  const first = region.rpc<{ refresh: { complete: boolean; checked: number; total: number } }>('rpcRegionRefresh');
  const afterFirst = checkedRows(region);
  const rounds = continueUntilDone(region);

  test('the first execution stops within its budget, having written what it read', () => {
    expect(first.refresh.complete).toBe(false);
    expect(first.refresh.total).toBe(COUNT);
    expect(afterFirst).toBe(first.refresh.checked);
    expect(afterFirst).toBeGreaterThanOrEqual(10);
    expect(afterFirst).toBeLessThan(COUNT);
  });

  test('the scheduler’s ticks finish the run: no execution reaches 6 minutes, none fails', () => {
    expect(rounds).toBeGreaterThan(0);
    expectNoExecutionPastTheLimit(region);
    expect(region.runtime.executions.log.filter((e) => e.outcome !== 'ok')).toEqual([]);
    expect(region.runtime.triggers.failures).toEqual([]);
  });

  test('the regional «Дашборд» is drawn once the run is over, even when the run ends late in its execution', () => {
    // The last tick completes past 2.5 minutes of its execution: the job's next tick draws the sheet.
    const cells = region.spreadsheet.getSheetByName('Дашборд')!.getDataRange().getValues().flat().map(String);
    expect(cells.some((c) => c.includes('после «Маршрут → Обновить сводку…»'))).toBe(false);
    expect(cells).toContain(names[names.length - 1]);
  });

  test('every workbook is opened once and every municipality counted once', () => {
    expect(opened(region)).toBe(COUNT);
    expectEveryMunicipalityOnce(region, names);
    expect(recordsOf(region.spreadsheet, 'audit').filter((r) => r['Действие'] === 'Обновлена региональная сводка')).toHaveLength(1);
  });

  test('no job row is left once the run is over, and no trigger but the scheduler’s', () => {
    expect(Object.keys(scheduledJobs(region))).not.toContain('regionResume');
    // Each workbook set up through the bundle (the region, the model municipality) has its scheduler trigger; no other.
    expect([...new Set(region.runtime.triggers.all().map((t) => `${t.getHandlerFunction()} ${String(t.getEventType())}`))]).toEqual([
      'onSchedulerTrigger CLOCK',
    ]);
  });
});

describe('Google stops a refresh in the middle of a read', () => {
  const { region, names } = regionOf60();
  // The 10th workbook: the first execution's budget reaches 10 (each also has its «Дорожная карта» looked up).
  region.runtime.executions.kill({ into: 'rpcRegionRefresh', member: 'SpreadsheetApp.openById', atCall: 10 });
  let stopped: unknown = null;
  try {
    region.rpc('rpcRegionRefresh');
  } catch (error) {
    stopped = error;
  }
  const persisted = checkedRows(region);
  const openedBefore = opened(region);
  continueUntilDone(region);

  test('the stopped execution kept what it had written at its last checkpoint, and its lock is released', () => {
    expect(String((stopped as Error).message)).toBe('Exceeded maximum execution time');
    expect(persisted).toBeGreaterThan(0);
    expect(persisted).toBeLessThan(10);
    expect(region.runtime.lock.held).toBe(false);
  });

  test('the continuation reads only the workbooks not written yet, and the totals come out once', () => {
    expect(opened(region) - openedBefore).toBe(COUNT - persisted);
    expectEveryMunicipalityOnce(region, names);
    expectNoExecutionPastTheLimit(region);
  });
});
