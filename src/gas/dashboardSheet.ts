// The «Дашборд» sheet over SpreadsheetApp: the plan of core/dashboard/sheetLayout applied in a fixed number of calls
// whatever the registers' size — old charts removed, the sheet cleared, the grid widened to the layout if needed,
// every cell in one setValues (one setFontWeights, one setNumberFormats), then one chart per section.
import { buildDashboard } from '../core/dashboard/build';
import type { DashboardData } from '../core/dashboard/data';
import { dashboardOfRegion } from '../core/dashboard/regional';
import type { KpiReport } from '../core/indicators/report';
import { readRegionReport } from '../core/region/report';
import type { Workbook } from '../core/workbook';
import { dashboardSheetPlan, type SheetChart, type SheetRule } from '../core/dashboard/sheetLayout';
import { sheetSpec, type WorkbookKind } from '../core/schema/sheets';
import { scriptLock, systemClock } from './services';
import { toSheetValue } from './sheetValues';
import { workbookKind } from './regionWorkbook';
import { snapshotOf } from './workbookPort';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The workbook's dashboard, from a fresh snapshot (one read per sheet): a municipal workbook's from its registers
 * and last recompute, the regional workbook's from its last refresh (one unit per municipality).
 */
/** `kind`: the web app reads another workbook's, published with its access (the active one's is the default). */
export function dashboardOf(spreadsheet: Spreadsheet, kind: WorkbookKind = workbookKind()): DashboardData {
  const snapshot = snapshotOf(spreadsheet);
  const now = systemClock.now();
  return kind === 'regional'
    ? dashboardOfRegion(readRegionReport(snapshot), now, spreadsheet.getName())
    : buildDashboard(snapshot, { now, fallbackTitle: spreadsheet.getName() });
}

/** Rebuilds «Дашборд» of the workbook from its registers and last recompute, under the script lock. */
export function rebuildDashboard(spreadsheet: Spreadsheet): DashboardData {
  return scriptLock.withLock(() => {
    const data = dashboardOf(spreadsheet);
    writeDashboardSheet(spreadsheet, data);
    return data;
  });
}

/**
 * The hook of a recompute (core/indicators/service recomputeKpi `after`): the dashboard follows the new values, drawn
 * from the recompute's own snapshot and report — inside its lock, with no register read a second time.
 */
export const dashboardAfterRecompute =
  (spreadsheet: Spreadsheet) =>
  (workbook: Workbook, report: KpiReport): void =>
    writeDashboardSheet(spreadsheet, buildDashboard(workbook, { now: systemClock.now(), fallbackTitle: spreadsheet.getName(), report }));

/** Writes «Дашборд» from any DashboardData (the regional workbook's too). */
export function writeDashboardSheet(spreadsheet: Spreadsheet, data: DashboardData): void {
  const plan = dashboardSheetPlan(data);
  const name = sheetSpec('dashboard').name;
  const sheet = spreadsheet.getSheetByName(name) ?? spreadsheet.insertSheet(name);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();
  const rows = plan.values.length;
  const columns = plan.columnWidths.length;
  growTo(sheet, rows, columns);
  const range = sheet.getRange(1, 1, rows, columns);
  range.setValues(plan.values.map((row) => row.map((v) => toSheetValue(v, typeof v === 'number'))));
  range.setFontWeights(plan.fontWeights);
  range.setNumberFormats(plan.numberFormats);
  setWidths(sheet, plan.columnWidths);
  for (const chart of plan.charts) sheet.insertChart(embeddedChart(sheet, chart));
  // The sheet is all ours: its rules are replaced whole, in one call.
  sheet.setConditionalFormatRules(plan.rules.map((rule) => conditionalRule(sheet, rule)));
}

function conditionalRule(sheet: Sheet, rule: SheetRule): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
  const builder = SpreadsheetApp.newConditionalFormatRule();
  const when =
    rule.when === 'empty'
      ? builder.whenCellEmpty()
      : rule.when === 'notEmpty'
        ? builder.whenCellNotEmpty()
        : builder.whenFormulaSatisfied(rule.formula ?? '');
  const ranges = rule.ranges.map(({ row, column, rows, columns }) => sheet.getRange(row, column, rows, columns));
  return when.setBackground(rule.background).setFontColor(rule.font).setRanges(ranges).build();
}

function growTo(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/** One call per run of equal widths. */
function setWidths(sheet: Sheet, widths: readonly number[]): void {
  for (let start = 0; start < widths.length;) {
    let end = start;
    while (end + 1 < widths.length && widths[end + 1] === widths[start]) end++;
    sheet.setColumnWidths(start + 1, end - start + 1, widths[start]!);
    start = end + 1;
  }
}

function embeddedChart(sheet: Sheet, chart: SheetChart): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const { range, anchor } = chart;
  let builder = sheet
    .newChart()
    .setChartType(Charts.ChartType[chart.kind])
    .addRange(sheet.getRange(range.row, range.column, range.rows, range.columns))
    .setNumHeaders(1)
    .setPosition(anchor.row, anchor.column, 0, 0);
  for (const [option, value] of Object.entries(chart.options)) builder = builder.setOption(option, value);
  return builder.build();
}
