// Synthetic register rows written straight into a sheet of a local workbook, in one call: what the benchmarks
// measure is the add-on's work on those rows, not loading them through the add-on.
import { SHEETS, type SheetId } from '../../core/schema/sheets';
import type { LocalWorkbook } from '../localWorkbook';

export function seed(workbook: LocalWorkbook, id: SheetId, n: number, row: (i: number) => Record<string, unknown>): void {
  if (!n) return;
  const sheet = workbook.spreadsheet.getSheetByName(SHEETS[id].name)!;
  const header = SHEETS[id].columns.map((c) => c.key);
  if (sheet.getMaxRows() < n + 1) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  const values = Array.from({ length: n }, (_, i) => {
    const r = row(i);
    return header.map((k) => (r[k] ?? '') as string);
  });
  sheet.getRange(2, 1, n, header.length).setValues(values);
}
