// WorkbookPort over SpreadsheetApp: a sheet is read with one getValues and written with one setValues per
// contiguous block, so a submission costs the same few calls at 1k or 100k register rows.
import type { Cell, TableChange, TableData, WorkbookPort } from '../core/ports';
import { sheetSpec, type ColumnKind, type SheetId } from '../core/schema/sheets';
import { isNoticeRow } from '../core/setup';
import { Workbook } from '../core/workbook';
import { assertCellRoom } from '../core/workbookHealth';
import { PLAIN_TEXT, toSheetValue } from './sheetValues';
import { measureCells } from './workbookHealth';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const GROW_ROWS = 500;
const TEXT_KINDS = new Set<ColumnKind | undefined>(['text', 'email', 'emails', 'url', 'choice', 'multi']);

export class SheetsWorkbookPort implements WorkbookPort {
  private readonly sheets = new Map<SheetId, Sheet>();
  /** Data rows each sheet had when read: where appends start and what a rewrite must clear. */
  private readonly readCounts = new Map<SheetId, number>();
  /** Sheets whose first data row is still set-up's «nothing here yet» notice: the first write clears it. */
  private readonly notices = new Set<SheetId>();
  /**
   * Each appended sheet's grid, read once for the port's life (the cell check and the write share it; this port is
   * the only one growing its sheets while the caller holds the script lock): a drain's later batches ask nothing.
   */
  private readonly grids = new Map<SheetId, { rows: number; columns: number }>();

  constructor(private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  private sheet(id: SheetId): Sheet {
    let sheet = this.sheets.get(id);
    if (!sheet) {
      const name = sheetSpec(id).name;
      const found = this.spreadsheet.getSheetByName(name);
      if (!found) throw new Error(`Лист «${name}» не найден. Выполните «Маршрут → Настроить книгу».`);
      sheet = found;
      this.sheets.set(id, sheet);
    }
    return sheet;
  }

  /** readTable, or null when the workbook has no such sheet (one look-up, kept for the reads that follow). */
  readTableIfPresent(id: SheetId): TableData | null {
    if (!this.sheets.has(id)) {
      const found = this.spreadsheet.getSheetByName(sheetSpec(id).name);
      if (!found) return null;
      this.sheets.set(id, found);
    }
    return this.readTable(id);
  }

  readTable(id: SheetId): TableData {
    const values = this.sheet(id).getDataRange().getValues() as Cell[][];
    // slice, not `[header, ...rows]`: rest destructuring iterates a 150k-row sheet element by element.
    const header = values[0] ?? [];
    const rows = values.slice(1);
    this.skipNotice(id, rows);
    this.readCounts.set(id, rows.length);
    return { header: header.map(String), rows };
  }

  readHeader(id: SheetId): { header: readonly string[]; rowCount: number } {
    const sheet = this.sheet(id);
    const width = Math.max(sheet.getLastColumn(), 1);
    const lastRow = sheet.getLastRow();
    // The first data row comes with the header (same one call), to tell set-up's notice from a record.
    const [header = [], ...rows] = sheet.getRange(1, 1, Math.min(Math.max(lastRow, 1), 2), width).getValues() as Cell[][];
    const rowCount = Math.max(lastRow - 1, 0) - (this.skipNotice(id, rows) && lastRow === 2 ? 1 : 0);
    this.readCounts.set(id, rowCount);
    return { header: header.map(String), rowCount };
  }

  readColumns(id: SheetId, headers: readonly string[]): TableData {
    const sheet = this.sheet(id);
    const lastRow = sheet.getLastRow();
    const width = Math.max(sheet.getLastColumn(), 1);
    const header = (sheet.getRange(1, 1, 1, width).getValues()[0] as Cell[]).map(String);
    const positions = headers.map((h) => header.indexOf(h)).filter((i) => i >= 0);
    let rows: Cell[][] = [];
    if (lastRow > 1 && positions.length) {
      // The span from the first to the last key column, in one call; the other columns stay empty in memory.
      const from = Math.min(...positions);
      const span = sheet.getRange(2, from + 1, lastRow - 1, Math.max(...positions) - from + 1).getValues() as Cell[][];
      rows = span.map((cells) => {
        const row: Cell[] = new Array(header.length).fill('');
        for (const p of positions) row[p] = cells[p - from]!;
        return row;
      });
    }
    this.skipNotice(id, rows);
    this.readCounts.set(id, rows.length);
    return { header, rows, partial: true };
  }

  /**
   * The span of `headers` where set-up put them, header row included, in one call (as many as `readTable`'s). Where a
   * methodist moved one of them out of that span, or narrowed the sheet, the sheet is read whole instead.
   */
  readSpan(id: SheetId, headers: readonly string[]): TableData {
    const sheet = this.sheet(id);
    const planned = sheetSpec(id).columns.map((c) => c.header);
    const positions = headers.map((h) => planned.indexOf(h));
    const from = Math.min(...positions);
    const width = Math.max(...positions) - from + 1;
    let values: Cell[][];
    try {
      values = sheet.getRange(1, from + 1, Math.max(sheet.getLastRow(), 1), width).getValues() as Cell[][];
    } catch {
      return this.readTable(id); // narrower than set-up made it: the span is past the grid
    }
    const header = (values[0] ?? []).map((h) => String(h).trim());
    if (!headers.every((h) => header.includes(h))) return this.readTable(id);
    const rows = values.slice(1);
    this.skipNotice(id, rows);
    return { header, rows, partial: true };
  }

  /** Set-up's notice is not a record: alone it is dropped, above hand-typed rows it reads as an empty row. */
  private skipNotice(id: SheetId, rows: Cell[][]): boolean {
    if (!rows.length || !isNoticeRow(rows[0]!)) return false;
    this.notices.add(id);
    if (rows.length === 1) rows.pop();
    else rows[0] = rows[0]!.map(() => '');
    return true;
  }

  checkRoom(writes: readonly { readonly sheet: SheetId; readonly change: TableChange }[]): void {
    let needed = 0;
    for (const { sheet: id, change } of writes) {
      if (!change.appends.length) continue;
      const grid = this.grid(id);
      needed += this.growth(id, change, grid.rows) * grid.columns;
    }
    if (needed) assertCellRoom(measureCells(this.spreadsheet), needed);
  }

  private grid(id: SheetId): { rows: number; columns: number } {
    let grid = this.grids.get(id);
    if (!grid) {
      const sheet = this.sheet(id);
      grid = { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() };
      this.grids.set(id, grid);
    }
    return grid;
  }

  /** Rows `writeTable` will insert for `change` (0 when the grid has room): ahead of need, by GROW_ROWS at least. */
  private growth(id: SheetId, change: TableChange, maxRows: number): number {
    if (!change.appends.length) return 0;
    const lastRow = (change.rewrite ? 2 : 2 + (this.readCounts.get(id) ?? 0)) + change.appends.length - 1;
    return lastRow > maxRows ? Math.max(lastRow - maxRows, GROW_ROWS) : 0;
  }

  writeTable(id: SheetId, header: readonly string[], change: TableChange): void {
    const sheet = this.sheet(id);
    // Only the span of the add-on's own columns is written: a methodist's formula columns to the right survive.
    const kinds = new Map<string, ColumnKind>(sheetSpec(id).columns.map((c) => [c.header, c.kind]));
    const width = header.reduce((last, h, i) => (kinds.has(h) ? i + 1 : last), 0);
    // Text columns keep text; numbers stay numbers only where the schema (or a methodist's own column) has them.
    const numeric = header.map((h) => !TEXT_KINDS.has(kinds.get(h)));
    // Plain-text columns («Пункт»: «2.2» stays «2.2»): the rows written get the «@» format first, so rows past
    // set-up's grid and a workbook set up before the column had it keep the text too (one call per span).
    const plainHeaders = new Set(
      sheetSpec(id)
        .columns.filter((c) => c.plainText)
        .map((c) => c.header),
    );
    const plain = header.map((h) => plainHeaders.has(h));
    const cells = (row: readonly Cell[]) => row.slice(0, width).map((v, i) => toSheetValue(v, numeric[i], plain[i]));
    const write = (row: number, rows: readonly (readonly Cell[])[]) => {
      plain.forEach((p, i) => p && i < width && sheet.getRange(row, i + 1, rows.length, 1).setNumberFormat(PLAIN_TEXT));
      sheet.getRange(row, 1, rows.length, width).setValues(rows.map(cells));
    };
    const readCount = this.readCounts.get(id) ?? 0;
    if (this.notices.delete(id)) sheet.getRange(2, 1).clear(); // the notice's text and grey italics

    // On the add-on's own sheets, rows between two updates are rewritten as they are when that is cheaper than one
    // more call: 1,000 scattered updates are a single write. A hand-kept sheet is written block by block, so a
    // methodist's formulas in rows the add-on did not change stay formulas.
    const gap = OWN_ROLES.has(sheetSpec(id).role) ? Math.floor(CALL_COST_CELLS / Math.max(width, 1)) : 0;
    const firstRow = change.rewrite ? 2 : 2 + readCount;
    if (change.appends.length) {
      const grid = this.grid(id);
      // Grow the grid ahead of need, so most submissions append without this extra call.
      const grow = this.growth(id, change, grid.rows);
      if (grow) sheet.insertRowsAfter(grid.rows, grow);
      grid.rows += grow;
    }
    // A table read whole holds its appended rows right after the ones read: updates and appends are one run of
    // indices, written in spans. A log (read as its header only) appends below what it did not read.
    const whole = !change.rewrite && change.rows.length === readCount + change.appends.length;
    const appended = whole ? change.appends.map((_, i) => ({ index: readCount + i })) : [];
    for (const block of updateSpans([...change.updates, ...appended], change.rows, gap)) {
      write(2 + block.start, block.rows);
    }
    if (change.appends.length && !whole) write(firstRow, change.appends);
    if (change.rewrite && readCount > change.appends.length) {
      sheet.getRange(2 + change.appends.length, 1, readCount - change.appends.length, width).clearContent();
    }
    this.readCounts.set(id, change.rewrite ? change.appends.length : readCount + change.appends.length);
  }
}

/**
 * One Sheets call costs about what moving this many cells does (a round trip of ~0.1–0.2 s against writes of
 * ~50–100k cells a second): a gap of fewer cells is cheaper to rewrite than to skip with another call.
 */
const CALL_COST_CELLS = 10_000;
const OWN_ROLES = new Set(['register', 'log']);

/**
 * Rows to write (by index, in any order, repeats allowed: a row appended and then updated in one batch) as spans:
 * rows `gap` or fewer apart join one span, the rows between rewritten as they are in `rows`.
 */
export function updateSpans(
  targets: readonly { readonly index: number }[],
  rows: readonly (readonly Cell[])[],
  gap: number,
): { start: number; rows: (readonly Cell[])[] }[] {
  const spans: { start: number; end: number }[] = [];
  for (const index of [...new Set(targets.map((t) => t.index))].sort((a, b) => a - b)) {
    const last = spans[spans.length - 1];
    if (last && index - last.end - 1 <= gap) last.end = index;
    else spans.push({ start: index, end: index });
  }
  return spans.map(({ start, end }) => ({ start, rows: rows.slice(start, end + 1) }));
}

/** A fresh snapshot of a spreadsheet: each sheet is read on first use, at most once. */
export const snapshotOf = (spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Workbook =>
  new Workbook(new SheetsWorkbookPort(spreadsheet));
