// The ports through which the pure core talks to the world. Adapters over Apps Script live in src/gas.
import type { SheetId } from './schema/sheets';

/** One cell as Apps Script's getValues returns it; '' is an empty cell. */
export type Cell = string | number | boolean | Date;

/** A sheet as read in one call: its actual header row and the data rows below it. */
export interface TableData {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Only some columns were read (the others hold ''): the rows can be looked up and appended to, never updated. */
  readonly partial?: boolean;
}

/** What a flush writes to one sheet: whole rows, by 0-based data-row index, in the sheet's own column order. */
export interface TableChange {
  readonly updates: readonly { readonly index: number; readonly values: readonly Cell[] }[];
  readonly appends: readonly (readonly Cell[])[];
  /** Every row as it now is (unchanged ones too): a port may rewrite the rows between two updates in one call. */
  readonly rows: readonly (readonly Cell[])[];
  /** A rebuild: `appends` are the whole data, written from the first data row; older rows below are cleared. */
  readonly rewrite?: boolean;
}

export interface WorkbookPort {
  /** Reads a sheet in one call. Throws a Russian error when the sheet does not exist. */
  readTable(sheet: SheetId): TableData;
  /** Reads only the header and the number of data rows: for append-only logs, whose rows are never needed. */
  readHeader(sheet: SheetId): { header: readonly string[]; rowCount: number };
  /** Reads the header and the span of the given columns (by header): a look-up needs its key columns only. */
  readColumns(sheet: SheetId, headers: readonly string[]): TableData;
  /**
   * Reads the span of the given columns (by header) as it is, in one call: `header` is the span's header and each row
   * the span's cells (none widened to the sheet). For the engine, which only reads: a register's trailing columns (who
   * answered, when: two dates a row) are not read. A port without it, or a sheet reshaped past it, reads whole.
   */
  readSpan?(sheet: SheetId, headers: readonly string[]): TableData;
  /** Writes a sheet's changes with a bounded number of calls, whatever the number of rows. */
  writeTable(sheet: SheetId, header: readonly string[], change: TableChange): void;
  /**
   * Called once before a commit writes anything, with every sheet it will write: throws (CellLimitError) when the
   * rows to add would grow the workbook past Google's cell limit, so nothing is half written.
   */
  checkRoom?(writes: readonly { readonly sheet: SheetId; readonly change: TableChange }[]): void;
}

export interface LockPort {
  /** Runs `fn` holding the script lock, so two submissions never write a register at once. */
  withLock<T>(fn: () => T): T;
  /** Runs `fn` if the script lock can be had at once (or within a short wait); null when another execution holds it. */
  tryWithLock<T>(fn: () => T): T | null;
}

export interface Clock {
  now(): Date;
}
