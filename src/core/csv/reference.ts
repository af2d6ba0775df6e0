// Reads a reference CSV (organizations.csv, staff.csv, diagnostics.csv — SPEC §3) into records keyed by column key,
// converting every cell by its column kind and describing every problem in Russian.
import type { ColumnSpec, SheetSpec } from '../schema/sheets';
import { cellSchemas, keptValue, type CellValue } from '../schema/rowSchema';
import { normalizeTitle } from '../text';
import { lineOf, type CsvTable } from './table';

export type ReferenceValue = CellValue;
export type ReferenceRecord = Record<string, ReferenceValue>;

export interface ReferenceProblem {
  /** The row's line as Excel shows the file (the header is line 1); 0 = the file as a whole (columns). */
  row: number;
  /** The column's header in the file, when the problem is one cell's. */
  column?: string;
  message: string;
}

export interface ReferenceTable {
  records: ReferenceRecord[];
  problems: ReferenceProblem[];
  /** A required column is missing: nothing of the file can be loaded. */
  unusable: boolean;
}

const q = (s: string) => `«${s}»`;

/**
 * Reads `table` as the reference sheet `sheet`. Headers are matched to column headers (or keys) by normalizeTitle;
 * unknown columns are ignored and reported once (row 0). Each cell is converted by its column kind: date → Date,
 * int/number → number, choice → the canonical option (any text for an open choice), multi → canonical options joined
 * with «; » (the CSV may join them with «; » or «, »). A bad cell becomes '' and is reported; a row whose required
 * cell ends up empty is skipped and reported. A missing required column rejects the whole file (one problem, row 0).
 */
export function readReferenceTable(table: CsvTable, sheet: SheetSpec): ReferenceTable {
  const problems: ReferenceProblem[] = [];
  const byTitle = new Map<string, ColumnSpec>();
  for (const column of sheet.columns) {
    byTitle.set(normalizeTitle(column.header), column);
  }
  for (const column of sheet.columns) {
    const k = normalizeTitle(column.key);
    if (!byTitle.has(k)) byTitle.set(k, column);
  }

  const columnAt = new Map<number, ColumnSpec>();
  const seen = new Set<string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  table.headers.forEach((header, index) => {
    if (!header.trim()) return;
    const column = byTitle.get(normalizeTitle(header));
    if (!column) unknown.push(header);
    else if (seen.has(column.key)) duplicate.push(header);
    else {
      seen.add(column.key);
      columnAt.set(index, column);
    }
  });
  if (unknown.length) {
    problems.push({ row: 0, message: `Неизвестные столбцы пропущены: ${unknown.map(q).join(', ')}` });
  }
  if (duplicate.length) {
    problems.push({ row: 0, message: `Повторяющиеся столбцы пропущены: ${duplicate.map(q).join(', ')}` });
  }
  const missingRequired = sheet.columns.filter((c) => c.required && !seen.has(c.key));
  if (missingRequired.length) {
    problems.push({
      row: 0,
      message: `Нет обязательных столбцов: ${missingRequired.map((c) => q(c.header)).join(', ')}. Файл «${sheet.name}» не загружен.`,
    });
    return { records: [], problems, unusable: true };
  }

  const schemas = cellSchemas(sheet);
  const records: ReferenceRecord[] = [];
  table.rows.forEach((cells, index) => {
    const row = lineOf(table, index);
    const record: ReferenceRecord = {};
    for (const column of sheet.columns) record[column.key] = '';
    const rowProblems: ReferenceProblem[] = [];
    columnAt.forEach((column, col) => {
      const parsed = schemas[column.key].safeParse(cells[col] ?? '');
      if (parsed.success) record[column.key] = parsed.data;
      else {
        record[column.key] = keptValue(parsed.error.issues);
        rowProblems.push(...parsed.error.issues.map((i) => ({ row, column: table.headers[col], message: i.message })));
      }
    });
    const emptyRequired = sheet.columns.filter((c) => c.required && record[c.key] === '');
    problems.push(...rowProblems);
    if (emptyRequired.length) {
      problems.push({
        row,
        message: `Строка пропущена: не заполнено ${emptyRequired.map((c) => q(c.header)).join(', ')}`,
      });
      return;
    }
    records.push(record);
  });
  return { records, problems, unusable: false };
}
