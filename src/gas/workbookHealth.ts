// The workbook against Google's 10 million cells: measured from the sheets' grids, recorded for people in
// «Настройки → Ячеек в книге» and for the sidebars' banner in document properties (one cheap read per panel).
import { SETTING, setSetting } from '../core/settings';
import type { Workbook } from '../core/workbook';
import { assessCells, cellsSettingText, INTAKE_STOPPED, type CellLimitError, type WorkbookHealth } from '../core/workbookHealth';
import { snapshotOf } from './workbookPort';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
const CELLS_PROPERTY = 'marshrut.cells';
/** Set while the intake is stopped at the cell limit: the refusal's message (cleared by the next drain that writes). */
const STOPPED_PROPERTY = 'marshrut.intakeStopped';

/** Every cell of every sheet's grid counts, empty or not: 1 + 2 calls per sheet, whatever the data. */
export function measureCells(spreadsheet: Spreadsheet): number {
  return spreadsheet.getSheets().reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
}

/** Columns right of the last one in use are dropped: Google counts each in every row, empty or not. */
export function trimColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, width: number): void {
  const max = sheet.getMaxColumns();
  if (width >= 1 && max > width) sheet.deleteColumns(width + 1, max - width);
}

/**
 * Measures the workbook and records the result. Call it after whatever grows the grid a lot (set-up, forms, a
 * drained batch, an import): the setting goes into the caller's snapshot, which the caller flushes (under its lock).
 */
export function recordWorkbookCells(spreadsheet: Spreadsheet, workbook: Workbook, now = new Date()): WorkbookHealth {
  const health = assessCells(measureCells(spreadsheet), now);
  PropertiesService.getDocumentProperties().setProperty(CELLS_PROPERTY, JSON.stringify({ cells: health.cells, at: now.getTime() }));
  PropertiesService.getDocumentProperties().deleteProperty(STOPPED_PROPERTY);
  setSetting(workbook.table('settings'), SETTING.cells, cellsSettingText(health));
  return health;
}

/**
 * The intake stopped at the cell limit: the banner of every sidebar and «Настройки → Ячеек в книге» say so and why
 * until a drain writes again. The settings row exists already, so this write adds no cell.
 */
export function recordIntakeStopped(spreadsheet: Spreadsheet, error: CellLimitError, now = new Date()): void {
  PropertiesService.getDocumentProperties().setProperty(STOPPED_PROPERTY, error.message);
  const workbook = snapshotOf(spreadsheet);
  const health = assessCells(error.used, now);
  setSetting(workbook.table('settings'), SETTING.cells, `${cellsSettingText(health)}. ${INTAKE_STOPPED}${error.message}`);
  workbook.flush();
}

/** The refusal's message while the intake is stopped at the cell limit, else null. */
export const intakeStopped = (): string | null => PropertiesService.getDocumentProperties().getProperty(STOPPED_PROPERTY);

/** The last recorded measure (measured now when there is none yet): what the sidebars' banner shows. */
export function currentHealth(spreadsheet: Spreadsheet): WorkbookHealth {
  const recorded = parseRecord(PropertiesService.getDocumentProperties().getProperty(CELLS_PROPERTY));
  const health = recorded ? assessCells(recorded.cells, new Date(recorded.at)) : assessCells(measureCells(spreadsheet), new Date());
  const stopped = intakeStopped();
  return stopped ? { ...health, warn: true, message: `Приём ответов остановлен. ${stopped}` } : health;
}

function parseRecord(text: string | null): { cells: number; at: number } | null {
  try {
    const value = JSON.parse(text ?? 'null') as { cells?: unknown; at?: unknown } | null;
    return value && typeof value.cells === 'number' && typeof value.at === 'number' ? { cells: value.cells, at: value.at } : null;
  } catch {
    return null;
  }
}
