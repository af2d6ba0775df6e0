// A municipality's output folder (what `marshrut run --out DIR` wrote) as a municipal workbook of the local runtime:
// DIR/workbook.xlsx is read with exceljs and its «Показатели» sheet becomes a spreadsheet of the runtime — the one
// sheet a regional refresh opens and reads, with the values Google would give back (text stays text, numbers
// numbers, date-times dates in the script's zone). The same file downloaded from Google Sheets as .xlsx works too.
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from '../core/ports';
import { SETTING } from '../core/settings';
import { SHEETS } from '../core/schema/sheets';
import { toSheetValue } from '../gas/sheetValues';
import { InputError } from './importFolder';
import type { LocalRuntime } from './runtime';

export interface MunicipalOutput {
  readonly dir: string;
  /** «Настройки → Муниципалитет», else the municipality most ОО name, else the folder's name. */
  readonly name: string;
  /** «Показатели» with its header, or null when the workbook has no such sheet. */
  readonly indicators: Cell[][] | null;
}

export const WORKBOOK_FILE = 'workbook.xlsx';

/** exceljs keeps a date-time as the wall clock in UTC; the runtime's sheets hold local Dates. */
const localDate = (d: Date) =>
  new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return localDate(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if ('result' in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return String(value.text);
  return ''; // an error value (#NUM!) reads as an empty cell
}

function sheetValues(sheet: ExcelJS.Worksheet): Cell[][] {
  const width = sheet.columnCount;
  const rows: Cell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => cellOf(row.getCell(c + 1).value)));
  }
  return rows;
}

/** The most frequent non-empty value of a column (header `header`) of a sheet's values. */
function mostCommon(values: Cell[][] | null, header: string): string {
  if (!values?.length) return '';
  const column = values[0]!.map(String).indexOf(header);
  const counts = new Map<string, number>();
  for (const row of values.slice(1)) {
    const v = column < 0 ? '' : String(row[column] ?? '').trim();
    if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function settingOf(values: Cell[][] | null, key: string): string {
  const row = values?.find((r) => String(r[0] ?? '').trim() === key);
  return row ? String(row[1] ?? '').trim() : '';
}

export async function readMunicipalOutput(folder: string): Promise<MunicipalOutput> {
  const dir = resolve(folder);
  const path = join(dir, WORKBOOK_FILE);
  if (!existsSync(path)) throw new InputError(`В папке ${dir} нет ${WORKBOOK_FILE}: укажите папку, в которую писал «marshrut run --out».`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    // JSZip's own words («Corrupted zip: …») tell a methodist nothing.
    throw new InputError(
      `${path} повреждён или это не книга Excel (.xlsx). Запишите его заново («marshrut run --out») или скачайте книгу из Google Таблиц: «Файл → Скачать → Microsoft Excel».`,
    );
  }
  const values = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    return sheet ? sheetValues(sheet) : null;
  };
  const name =
    settingOf(values(SHEETS.settings.name), SETTING.municipality) ||
    mostCommon(values(SHEETS.organizations.name), SHEETS.organizations.columns.find((c) => c.key === 'municipality')!.header) ||
    basename(dir);
  return { dir, name, indicators: values(SHEETS.indicators.name) };
}

/** The municipality as a spreadsheet of `runtime` (titled with its name), holding its «Показатели». */
export function municipalSpreadsheet(
  runtime: LocalRuntime,
  output: Pick<MunicipalOutput, 'name' | 'indicators'>,
): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const spreadsheet = runtime.spreadsheets.create(output.name);
  const values = output.indicators;
  if (!values?.length) return spreadsheet;
  const sheet = spreadsheet.getSheets()[0]!.setName(SHEETS.indicators.name);
  const width = Math.max(...values.map((r) => r.length));
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  if (values.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), values.length - sheet.getMaxRows());
  // As the add-on wrote them: a text that a Russian sheet would read as a number or a date keeps its quote prefix.
  sheet
    .getRange(1, 1, values.length, width)
    .setValues(values.map((r) => Array.from({ length: width }, (_, c) => toSheetValue(r[c] ?? '', true))));
  return spreadsheet;
}
