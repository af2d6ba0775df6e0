// «Маршрут → Настроить книгу»: applies core/setup's plan. New sheets and new columns get their header, widths,
// dropdowns and formats; computed sheets a warning-only protection; «Настройки» its missing defaults.
// Existing sheets, columns and rows are never touched, so a second run changes nothing.
import { planSetup, type SheetPlan } from '../core/setup';
import { settingDefaults } from '../core/settings';
import type { ColumnSpec } from '../core/schema/sheets';
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
const PROTECTION_NOTE = 'Заполняется «Маршрутом». Правка вручную будет перезаписана.';

export function setupWorkbook(spreadsheet: Spreadsheet): SetupSummary {
  const existing = new Map<string, Sheet>();
  for (const sheet of spreadsheet.getSheets()) existing.set(sheet.getName(), sheet);
  const headers = new Map<string, readonly string[]>();
  for (const [name, sheet] of existing) {
    const width = sheet.getLastColumn();
    headers.set(name, width ? (sheet.getRange(1, 1, 1, width).getValues()[0] as unknown[]).map(String) : []);
  }
  const summary: SetupSummary = { createdSheets: [], addedColumns: 0, addedSettings: 0 };
  for (const plan of planSetup(headers)) {
    const sheet = existing.get(plan.spec.name) ?? spreadsheet.insertSheet(plan.spec.name);
    if (plan.create) summary.createdSheets.push(plan.spec.name);
    if (plan.addColumns.length) {
      addColumns(sheet, plan);
      summary.addedColumns += plan.addColumns.length;
    }
    if (plan.create && plan.spec.computed) {
      sheet.protect().setDescription(PROTECTION_NOTE).setWarningOnly(true);
    }
  }
  summary.addedSettings = addMissingSettings(spreadsheet);
  return summary;
}

function addColumns(sheet: Sheet, plan: SheetPlan): void {
  const first = plan.firstNewColumn;
  const count = plan.addColumns.length;
  const lastNeeded = first + count - 1;
  if (lastNeeded > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), lastNeeded - sheet.getMaxColumns());
  const headerRange = sheet.getRange(1, first, 1, count);
  headerRange.setValues([plan.addColumns.map((c) => c.header)]);
  headerRange.setFontWeight('bold').setBackground('#e8eef7').setWrap(true);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  const dataRows = sheet.getMaxRows() - 1;
  plan.addColumns.forEach((column, i) => {
    const at = first + i;
    if (column.width) sheet.setColumnWidth(at, column.width);
    if (dataRows < 1) return;
    const range = sheet.getRange(2, at, dataRows, 1);
    const format = NUMBER_FORMATS[column.kind];
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

function addMissingSettings(spreadsheet: Spreadsheet): number {
  const workbook = snapshotOf(spreadsheet);
  const table = workbook.table('settings');
  const present = new Set(Array.from({ length: table.size }, (_, i) => table.text(i, 'key')));
  const missing = settingDefaults().filter((s) => !present.has(s.key));
  for (const setting of missing) table.append({ key: setting.key, value: setting.value, description: setting.description });
  workbook.flush();
  return missing.length;
}
