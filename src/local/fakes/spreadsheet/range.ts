import { Ctx } from '../context';
import { strictFake } from '../strict';
import { GridRef, toA1 } from './a1';
import { assertFits, Cell, coerceInput, displayValue, readValue } from './values';
import { isDate } from '../realm';
import type { FakeSheet } from './sheet';

type Range = GoogleAppsScript.Spreadsheet.Range;

export type RangeApi = Pick<
  Range,
  | 'getValues'
  | 'setValues'
  | 'getValue'
  | 'setValue'
  | 'getDisplayValues'
  | 'getDisplayValue'
  | 'getFormulas'
  | 'getFormula'
  | 'setFormula'
  | 'setFormulas'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'setFontStyle'
  | 'getFontStyle'
  | 'getFontColor'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'clearDataValidations'
  | 'clearContent'
  | 'clear'
  | 'clearFormat'
  | 'getRow'
  | 'getColumn'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getA1Notation'
  | 'getSheet'
  | 'setFontWeight'
  | 'getFontWeight'
  | 'setFontWeights'
  | 'setBackground'
  | 'getBackground'
  | 'setFontColor'
  | 'setWrap'
  | 'setHorizontalAlignment'
  | 'protect'
  | 'activate'
  | 'offset'
  | 'getCell'
  | 'isBlank'
  | 'getRowIndex'
  | 'setNote'
  | 'setNotes'
  | 'getNote'
  | 'getNotes'
  | 'clearNote'
>;

export const SHAPE_ROWS = (has: number, want: number) =>
  `The number of rows in the data does not match the number of rows in the range. The data has ${has} but the range has ${want}.`;
export const SHAPE_COLS = (has: number, want: number) =>
  `The number of columns in the data does not match the number of columns in the range. The data has ${has} but the range has ${want}.`;

export class FakeRange implements RangeApi {
  proxy!: Range;
  constructor(
    readonly sheet: FakeSheet,
    readonly ref: GridRef,
  ) {}

  /** Which sheet a call on this range touches (the call counter's per-sheet view); «_»: not reachable by the script. */
  _traceSheet(): string {
    return this.sheet.name;
  }

  // -- helpers ------------------------------------------------------------------------------
  private map<T>(fn: (c: Cell | undefined, r: number, col: number) => T): T[][] {
    const { row, col, numRows, numCols } = this.ref;
    const out: T[][] = [];
    for (let i = 0; i < numRows; i++) {
      const line: T[] = [];
      for (let j = 0; j < numCols; j++) line.push(fn(this.sheet.cell(row + i, col + j), row + i, col + j));
      out.push(line);
    }
    return out;
  }
  private each(fn: (c: Cell, r: number, col: number) => void): Range {
    this.sheet.assertInGrid(this.ref);
    const { row, col, numRows, numCols } = this.ref;
    for (let i = 0; i < numRows; i++) for (let j = 0; j < numCols; j++) fn(this.sheet.ensureCell(row + i, col + j), row + i, col + j);
    return this.proxy;
  }
  private checkShape(data: unknown): unknown[][] {
    if (!Array.isArray(data)) throw new Error('Cannot convert Array to Object[][].');
    if (data.length !== this.ref.numRows) throw new Error(SHAPE_ROWS(data.length, this.ref.numRows));
    for (const line of data) {
      if (!Array.isArray(line)) throw new Error('Cannot convert Array to Object[][].');
      if (line.length !== this.ref.numCols) throw new Error(SHAPE_COLS(line.length, this.ref.numCols));
    }
    this.sheet.assertInGrid(this.ref);
    return data as unknown[][];
  }
  private first(): Cell | undefined {
    return this.sheet.cell(this.ref.row, this.ref.col);
  }

  // -- values -------------------------------------------------------------------------------
  getValues(): any[][] {
    this.sheet.assertInGrid(this.ref);
    const realm = this.sheet.realm();
    if (!realm) return this.map((c) => readValue(c));
    // Built in the script's realm directly (arrays and Dates native there): a 100k-row read is not copied twice.
    const { row, col, numRows, numCols } = this.ref;
    // Arrays made at their size: a 100k-row read does not regrow each row while filling it.
    const out = new realm.Array<unknown[]>(numRows);
    for (let i = 0; i < numRows; i++) {
      const cells = this.sheet.line(row + i);
      const line = new realm.Array<unknown>(numCols);
      for (let j = 0; j < numCols; j++) {
        const v = cells?.[col - 1 + j]?.v ?? '';
        line[j] = isDate(v) ? new realm.Date(v.getTime()) : v;
      }
      out[i] = line;
    }
    return out as any[][];
  }
  getValue(): any {
    return readValue(this.first());
  }
  setValues(values: any[][]): Range {
    const data = this.checkShape(values);
    for (const line of data) line.forEach(assertFits); // Google writes all or nothing
    return this.each((c, r, col) => writeInput(this.sheet, c, data[r - this.ref.row]![col - this.ref.col]));
  }
  setValue(value: any): Range {
    assertFits(value);
    return this.each((c) => writeInput(this.sheet, c, value));
  }
  getDisplayValues(): string[][] {
    this.sheet.assertInGrid(this.ref);
    return this.map((c) => displayValue(c, this.sheet.timeZone()));
  }
  getDisplayValue(): string {
    return displayValue(this.first(), this.sheet.timeZone());
  }
  getFormulas(): string[][] {
    return this.map((c) => c?.f ?? '');
  }
  getFormula(): string {
    return this.first()?.f ?? '';
  }
  setFormula(formula: string): Range {
    const f = formula.startsWith('=') ? formula : `=${formula}`;
    return this.each((c) => {
      c.v = '';
      c.f = f;
    });
  }
  setFormulas(formulas: string[][]): Range {
    const data = this.checkShape(formulas);
    return this.each((c, r, col) => {
      const f = String(data[r - this.ref.row]![col - this.ref.col] ?? '');
      if (f === '') {
        c.v = '';
        delete c.f;
      } else {
        c.v = '';
        c.f = f.startsWith('=') ? f : `=${f}`;
      }
    });
  }
  isBlank(): boolean {
    return this.map((c) => (c ? c.v === '' && !c.f : true)).every((l) => l.every(Boolean));
  }

  // -- formats ------------------------------------------------------------------------------
  setNumberFormat(numberFormat: string): Range {
    return this.each((c) => {
      c.nf = numberFormat;
    });
  }
  setNumberFormats(numberFormats: string[][]): Range {
    const data = this.checkShape(numberFormats);
    return this.each((c, r, col) => {
      c.nf = String(data[r - this.ref.row]![col - this.ref.col]);
    });
  }
  getNumberFormat(): string {
    return this.first()?.nf ?? 'General';
  }
  getNumberFormats(): string[][] {
    return this.map((c) => c?.nf ?? 'General');
  }
  setFontWeight(fontWeight: string | null): Range {
    return this.each((c) => {
      c.fw = fontWeight ?? 'normal';
    });
  }
  setFontWeights(fontWeights: any[][]): Range {
    const data = this.checkShape(fontWeights);
    return this.each((c, r, col) => {
      c.fw = String(data[r - this.ref.row]![col - this.ref.col] ?? 'normal');
    });
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return (this.first()?.fw ?? 'normal') as GoogleAppsScript.Spreadsheet.FontWeight;
  }
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): Range {
    return this.each((c) => {
      c.fs = fontStyle ?? 'normal';
    });
  }
  getFontStyle(): GoogleAppsScript.Spreadsheet.FontStyle {
    return (this.first()?.fs ?? 'normal') as GoogleAppsScript.Spreadsheet.FontStyle;
  }
  getFontColor(): string {
    return this.first()?.fc ?? '#000000';
  }
  setBackground(color: string | null): Range {
    return this.each((c) => {
      c.bg = color ?? undefined;
    });
  }
  getBackground(): string {
    return this.first()?.bg ?? '#ffffff';
  }
  setFontColor(color: any): Range {
    return this.each((c) => {
      c.fc = color == null ? undefined : String(color);
    });
  }
  setWrap(isWrapEnabled: boolean): Range {
    return this.each((c) => {
      c.wrap = isWrapEnabled;
    });
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): Range {
    return this.each((c) => {
      c.ha = alignment ?? undefined;
    });
  }

  // -- notes ----------------------------------------------------------------------------------
  // developers.google.com/apps-script/reference/spreadsheet/range: setNote(note) sets the note of every cell of the
  // range (null or '' clears it); setNotes(notes) takes a grid of the range's shape; getNote() is the top-left
  // cell's note and getNotes() the grid, '' where a cell has none; clearNote() removes them.
  setNote(note: string | null): Range {
    return this.each((c) => writeNote(c, note));
  }
  setNotes(notes: (string | null)[][]): Range {
    const data = this.checkShape(notes) as (string | null)[][];
    return this.each((c, r, col) => writeNote(c, data[r - this.ref.row]![col - this.ref.col] ?? null));
  }
  getNote(): string {
    return this.first()?.note ?? '';
  }
  getNotes(): string[][] {
    this.sheet.assertInGrid(this.ref);
    return this.map((c) => c?.note ?? '');
  }
  clearNote(): Range {
    return this.each((c) => {
      delete c.note;
    });
  }

  // -- data validation ------------------------------------------------------------------------
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): Range {
    return this.each((c) => {
      c.dv = rule;
    });
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): Range {
    const data = this.checkShape(rules) as (GoogleAppsScript.Spreadsheet.DataValidation | null)[][];
    return this.each((c, r, col) => {
      c.dv = data[r - this.ref.row]![col - this.ref.col] ?? null;
    });
  }
  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    return this.first()?.dv ?? null;
  }
  getDataValidations(): (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] {
    return this.map((c) => c?.dv ?? null);
  }
  clearDataValidations(): Range {
    return this.each((c) => {
      c.dv = null;
    });
  }

  // -- clearing -------------------------------------------------------------------------------
  clearContent(): Range {
    return this.each((c) => {
      c.v = '';
      delete c.f;
    });
  }
  clearFormat(): Range {
    return this.each(clearFormat);
  }
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): Range {
    const o = options ?? {};
    const only = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    return this.each((c) => {
      if (!only || o.contentsOnly) {
        c.v = '';
        delete c.f;
      }
      if (!only || o.formatOnly) clearFormat(c);
      if (o.validationsOnly) c.dv = null;
      // «commentsOnly» clears the notes (Apps Script calls them comments here); a plain clear() does too.
      if (!only || o.commentsOnly) delete c.note;
    });
  }

  // -- geometry -------------------------------------------------------------------------------
  getRow(): number {
    return this.ref.row;
  }
  getRowIndex(): number {
    return this.ref.row;
  }
  getColumn(): number {
    return this.ref.col;
  }
  getLastRow(): number {
    return this.ref.row + this.ref.numRows - 1;
  }
  getLastColumn(): number {
    return this.ref.col + this.ref.numCols - 1;
  }
  getNumRows(): number {
    return this.ref.numRows;
  }
  getNumColumns(): number {
    return this.ref.numCols;
  }
  getA1Notation(): string {
    return toA1(this.ref);
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.sheet.proxy;
  }
  getCell(row: number, column: number): Range {
    if (row < 1 || column < 1 || row > this.ref.numRows || column > this.ref.numCols) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return this.sheet.range({ row: this.ref.row + row - 1, col: this.ref.col + column - 1, numRows: 1, numCols: 1 });
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return this.sheet.range({
      row: this.ref.row + rowOffset,
      col: this.ref.col + columnOffset,
      numRows: numRows ?? this.ref.numRows,
      numCols: numColumns ?? this.ref.numCols,
    });
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    return this.sheet.addProtection('RANGE', this.proxy);
  }
  activate(): Range {
    this.sheet.parent.setActive(this.sheet, this.proxy);
    return this.proxy;
  }
}

function writeNote(c: Cell, note: string | null): void {
  if (note === null || note === '') delete c.note;
  else c.note = String(note);
}

function clearFormat(c: Cell): void {
  delete c.nf;
  delete c.fw;
  delete c.fs;
  delete c.bg;
  delete c.fc;
  delete c.wrap;
  delete c.ha;
}

/** Writes a user value into a cell with Google's coercion (formula / quote prefix / number / date…). */
export function writeInput(sheet: FakeSheet, c: Cell, input: unknown): void {
  const { v, f, nf } = coerceInput(input, sheet.inputContext(c));
  c.v = v;
  if (f) c.f = f;
  else delete c.f;
  if (nf) c.nf = nf;
}

export function makeRange(sheet: FakeSheet, ref: GridRef, ctx: Ctx): Range {
  const impl = new FakeRange(sheet, ref);
  impl.proxy = strictFake<Range>(impl, 'Range', 'SpreadsheetApp', ctx.env);
  return impl.proxy;
}
