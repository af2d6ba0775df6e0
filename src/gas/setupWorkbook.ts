// «Маршрут → Настроить книгу»: applies core/setup's plan. New sheets and new columns get their header, widths,
// dropdowns and formats; computed sheets a warning-only protection; «Настройки» its missing defaults. Existing
// sheets, columns and rows are never touched, so a second run changes nothing. The first hour is cared for too:
// a new sheet is only as wide as its schema (Google's 26 columns would waste the workbook's 10 million cells),
// says in its first row that it is still empty, and the new spreadsheet's empty «Лист1» goes away.
import { emptySheetNotice, planSetup, type SheetPlan } from '../core/setup';
import { settingDefaults, type SettingDefault } from '../core/settings';
import { regionSettingDefaults } from '../core/region/settings';
import { sheetIdsOf, sheetSpec, type ColumnSpec, type SheetId, type WorkbookKind } from '../core/schema/sheets';
import type { Workbook } from '../core/workbook';
import { PLAIN_TEXT, toSheetValue } from './sheetValues';
import { recordWorkbookCells, trimColumns } from './workbookHealth';
import { snapshotOf } from './workbookPort';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupSummary {
  createdSheets: string[];
  addedColumns: number;
  addedSettings: number;
}

const NUMBER_FORMATS: Partial<Record<ColumnSpec['kind'], string>> = {
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm:ss',
  int: '0',
};
const formatOf = (column: ColumnSpec): string | undefined => (column.plainText ? PLAIN_TEXT : NUMBER_FORMATS[column.kind]);
const PROTECTION_NOTE = 'Заполняется «Маршрутом». Правка вручную будет перезаписана.';

/** The sheet a new Google spreadsheet starts with (ru and en interface). */
const DEFAULT_SHEET = /^(Лист|Sheet)1$/;
const NOTICE_COLOR = '#80868b';

/** Settings each kind of workbook starts with. */
const DEFAULTS: Record<WorkbookKind, () => SettingDefault[]> = { municipal: settingDefaults, regional: regionSettingDefaults };

export function setupWorkbook(spreadsheet: Spreadsheet, kind: WorkbookKind = 'municipal'): SetupSummary {
  const existing = sheetsByName(spreadsheet, kind);
  const usedColumns = new Map<string, number>();
  const headers = new Map<string, readonly string[]>();
  for (const [name, sheet] of existing) {
    const width = sheet.getLastColumn();
    usedColumns.set(name, width);
    headers.set(name, width ? (sheet.getRange(1, 1, 1, width).getValues()[0] as unknown[]).map(String) : []);
  }
  const summary: SetupSummary = { createdSheets: [], addedColumns: 0, addedSettings: 0 };
  for (const plan of planSetup(headers, kind)) {
    const sheet = existing.get(plan.spec.name) ?? spreadsheet.insertSheet(plan.spec.name);
    if (plan.create) summary.createdSheets.push(plan.spec.name);
    if (plan.addColumns.length) {
      addColumns(sheet, plan);
      summary.addedColumns += plan.addColumns.length;
    }
    trimColumns(sheet, Math.max(usedColumns.get(plan.spec.name) ?? 0, plan.firstNewColumn - 1 + plan.addColumns.length));
    if (plan.create && plan.spec.computed) {
      sheet.protect().setDescription(PROTECTION_NOTE).setWarningOnly(true);
    }
    if (plan.create) showEmptyNotice(sheet, plan.spec.id);
  }
  removeEmptyDefaultSheet(spreadsheet, existing, usedColumns);
  const workbook = snapshotOf(spreadsheet);
  summary.addedSettings = addMissingSettings(workbook, DEFAULTS[kind]());
  recordWorkbookCells(spreadsheet, workbook);
  workbook.flush();
  return summary;
}

/**
 * Sheets by name. Google keeps sheet names unique regardless of case, so a hand-made «настройки» would block
 * inserting «Настройки»: such a sheet is renamed to the schema's spelling and used as it is.
 */
function sheetsByName(spreadsheet: Spreadsheet, kind: WorkbookKind): Map<string, Sheet> {
  const byName = new Map<string, Sheet>();
  for (const sheet of spreadsheet.getSheets()) byName.set(sheet.getName(), sheet);
  for (const id of sheetIdsOf(kind)) {
    const name = sheetSpec(id).name;
    const variant = [...byName.keys()].find((k) => k !== name && k.toLowerCase() === name.toLowerCase());
    if (byName.has(name) || variant === undefined) continue;
    byName.set(name, byName.get(variant)!.setName(name));
    byName.delete(variant);
  }
  return byName;
}

/** A new sheet says in its first data row that it is still empty (see core/setup: the port reads it as no row). */
function showEmptyNotice(sheet: Sheet, id: SheetId): void {
  const notice = emptySheetNotice(id);
  if (notice) sheet.getRange(2, 1).setValue(toSheetValue(notice)).setFontColor(NOTICE_COLOR).setFontStyle('italic');
}

/** The «Лист1» a new spreadsheet starts with, if nobody wrote in it. */
function removeEmptyDefaultSheet(spreadsheet: Spreadsheet, existing: Map<string, Sheet>, usedColumns: Map<string, number>): void {
  for (const [name, sheet] of existing) {
    if (DEFAULT_SHEET.test(name) && usedColumns.get(name) === 0) spreadsheet.deleteSheet(sheet);
  }
}

function addColumns(sheet: Sheet, plan: SheetPlan): void {
  const first = plan.firstNewColumn;
  const count = plan.addColumns.length;
  const lastNeeded = first + count - 1;
  if (lastNeeded > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), lastNeeded - sheet.getMaxColumns());
  const headerRange = sheet.getRange(1, first, 1, count);
  headerRange.setValues([plan.addColumns.map((c) => toSheetValue(c.header))]);
  headerRange.setFontWeight('bold').setBackground('#e8eef7').setWrap(true);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  const dataRows = sheet.getMaxRows() - 1;
  plan.addColumns.forEach((column, i) => {
    const at = first + i;
    if (column.width) sheet.setColumnWidth(at, column.width);
    if (dataRows < 1) return;
    const range = sheet.getRange(2, at, dataRows, 1);
    const format = formatOf(column);
    if (format) range.setNumberFormat(format);
    if (column.kind === 'choice' && column.choices) {
      range.setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireValueInList([...column.choices], true)
          .setAllowInvalid(Boolean(column.openChoice))
          .setHelpText(`Выберите значение из списка «${column.header}».`)
          .build(),
      );
    }
  });
}

function addMissingSettings(workbook: Workbook, defaults: readonly SettingDefault[]): number {
  const table = workbook.table('settings');
  const present = new Set(Array.from({ length: table.size }, (_, i) => table.text(i, 'key')));
  const missing = defaults.filter((s) => !present.has(s.key));
  for (const setting of missing) table.append({ key: setting.key, value: setting.value, description: setting.description });
  return missing.length;
}
