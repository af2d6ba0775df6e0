import { Ctx } from '../context';
import { strictFake } from '../strict';
import { GridRef, toA1 } from './a1';
import { AttrName, CellAttrs, FORMAT_ATTRS, Grid, Layer } from './grid';
import { staysText } from './locale';
import { assertFits, CellValue, coerceInput, displayValue, storedText } from './values';
import type { FakeSheet } from './sheet';
import { isDate } from '../realm';

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
  private get grid(): Grid {
    return this.sheet.grid;
  }
  /** fn at each cell of the range, by 0-based sheet row and column. */
  private map<T>(fn: (r: number, c: number) => T): T[][] {
    const { row, col, numRows, numCols } = this.ref;
    const out: T[][] = new Array<T[]>(numRows);
    for (let i = 0; i < numRows; i++) {
      const line: T[] = new Array<T>(numCols);
      for (let j = 0; j < numCols; j++) line[j] = fn(row - 1 + i, col - 1 + j);
      out[i] = line;
    }
    return out;
  }
  /** fn at each cell of the range: 0-based sheet row and column, then 0-based offsets in the range. */
  private each(fn: (r: number, c: number, i: number, j: number) => void): Range {
    this.sheet.assertInGrid(this.ref);
    const { row, col, numRows, numCols } = this.ref;
    for (let i = 0; i < numRows; i++) for (let j = 0; j < numCols; j++) fn(row - 1 + i, col - 1 + j, i, j);
    return this.proxy;
  }
  /** Sets one attribute of every cell of the range (undefined removes it). */
  private fill<K extends AttrName>(name: K, value: CellAttrs[K] | undefined): Range {
    const layer = this.grid.layers[name] as Layer<CellAttrs[K]>;
    return this.each((r, c) => layer.set(r, c, value));
  }
  /** Sets one attribute of each cell from a grid of the range's shape. */
  private fillFrom<K extends AttrName>(name: K, data: unknown, value: (input: unknown) => CellAttrs[K] | undefined): Range {
    const rows = this.checkShape(data);
    const layer = this.grid.layers[name] as Layer<CellAttrs[K]>;
    return this.each((r, c, i, j) => layer.set(r, c, value(rows[i]![j])));
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
  private firstAttr<K extends AttrName>(name: K): CellAttrs[K] | undefined {
    return this.grid.get(name, this.ref.row - 1, this.ref.col - 1);
  }
  /** The range's values as a read hands them out: rows sliced from the grid, Dates fresh (Google's are). */
  private readValues(rowArray: ArrayConstructor, date: DateConstructor): CellValue[][] {
    const { row, col, numRows, numCols } = this.ref;
    const values = this.grid.values;
    const out = new rowArray(numRows) as CellValue[][];
    for (let i = 0; i < numRows; i++) {
      const cells = values[row - 1 + i];
      // Made at its size (a 100k-row read does not regrow each row) in the reader's realm, '' past the row's end.
      const line = new rowArray(numCols) as CellValue[];
      const have = cells === undefined ? 0 : Math.min(numCols, cells.length - (col - 1));
      let j = 0;
      for (; j < have; j++) {
        const v = cells![col - 1 + j]!;
        line[j] = typeof v === 'object' ? new date(v.getTime()) : v; // the only object a grid holds is a Date
      }
      for (; j < numCols; j++) line[j] = '';
      out[i] = line;
    }
    return out;
  }

  // -- values -------------------------------------------------------------------------------
  getValues(): any[][] {
    this.sheet.assertInGrid(this.ref);
    // Built in the script's realm directly (arrays and Dates native there): a 100k-row read is not copied twice.
    const realm = this.sheet.realm();
    return realm ? this.readValues(realm.Array, realm.Date) : this.readValues(Array, Date);
  }
  getValue(): any {
    const v = this.grid.value(this.ref.row - 1, this.ref.col - 1);
    // A fresh Date of the reader's realm, as getValues hands out.
    return typeof v === 'object' ? new (this.sheet.realm()?.Date ?? Date)(v.getTime()) : v;
  }
  setValues(values: any[][]): Range {
    const data = this.checkShape(values);
    for (const line of data) line.forEach(assertFits); // Google writes all or nothing
    const { row, col, numRows, numCols } = this.ref;
    for (let i = 0; i < numRows; i++) {
      const input = data[i]!;
      const r = row - 1 + i;
      const line = this.grid.line(r, col - 1 + numCols);
      for (let j = 0; j < numCols; j++) writeInput(this.sheet, r, col - 1 + j, input[j], line);
    }
    return this.proxy;
  }
  setValue(value: any): Range {
    assertFits(value);
    return this.each((r, c) => writeInput(this.sheet, r, c, value));
  }
  getDisplayValues(): string[][] {
    this.sheet.assertInGrid(this.ref);
    const tz = this.sheet.timeZone();
    return this.map((r, c) => displayValue(this.grid.value(r, c), this.grid.get('nf', r, c), tz));
  }
  getDisplayValue(): string {
    const [r, c] = [this.ref.row - 1, this.ref.col - 1];
    return displayValue(this.grid.value(r, c), this.grid.get('nf', r, c), this.sheet.timeZone());
  }
  getFormulas(): string[][] {
    const formulas = this.grid.layers.f;
    return this.map((r, c) => formulas.get(r, c) ?? '');
  }
  getFormula(): string {
    return this.firstAttr('f') ?? '';
  }
  setFormula(formula: string): Range {
    const f = formula.startsWith('=') ? formula : `=${formula}`;
    return this.each((r, c) => writeFormula(this.grid, r, c, f));
  }
  setFormulas(formulas: string[][]): Range {
    const data = this.checkShape(formulas);
    return this.each((r, c, i, j) => {
      const f = String(data[i]![j] ?? '');
      writeFormula(this.grid, r, c, f === '' ? undefined : f.startsWith('=') ? f : `=${f}`);
    });
  }
  isBlank(): boolean {
    return this.map((r, c) => this.grid.isEmpty(r, c)).every((l) => l.every(Boolean));
  }

  // -- formats ------------------------------------------------------------------------------
  setNumberFormat(numberFormat: string): Range {
    return this.fill('nf', numberFormat);
  }
  setNumberFormats(numberFormats: string[][]): Range {
    return this.fillFrom('nf', numberFormats, String);
  }
  getNumberFormat(): string {
    return this.firstAttr('nf') ?? 'General';
  }
  getNumberFormats(): string[][] {
    const formats = this.grid.layers.nf;
    return this.map((r, c) => formats.get(r, c) ?? 'General');
  }
  setFontWeight(fontWeight: string | null): Range {
    return this.fill('fw', fontWeight ?? 'normal');
  }
  setFontWeights(fontWeights: any[][]): Range {
    return this.fillFrom('fw', fontWeights, (w) => String(w ?? 'normal'));
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return (this.firstAttr('fw') ?? 'normal') as GoogleAppsScript.Spreadsheet.FontWeight;
  }
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): Range {
    return this.fill('fs', fontStyle ?? 'normal');
  }
  getFontStyle(): GoogleAppsScript.Spreadsheet.FontStyle {
    return (this.firstAttr('fs') ?? 'normal') as GoogleAppsScript.Spreadsheet.FontStyle;
  }
  getFontColor(): string {
    return this.firstAttr('fc') ?? '#000000';
  }
  setBackground(color: string | null): Range {
    return this.fill('bg', color ?? undefined);
  }
  getBackground(): string {
    return this.firstAttr('bg') ?? '#ffffff';
  }
  setFontColor(color: any): Range {
    return this.fill('fc', color == null ? undefined : String(color));
  }
  setWrap(isWrapEnabled: boolean): Range {
    return this.fill('wrap', isWrapEnabled);
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): Range {
    return this.fill('ha', alignment ?? undefined);
  }

  // -- notes ----------------------------------------------------------------------------------
  // developers.google.com/apps-script/reference/spreadsheet/range: setNote(note) sets the note of every cell of the
  // range (null or '' clears it); setNotes(notes) takes a grid of the range's shape; getNote() is the top-left
  // cell's note and getNotes() the grid, '' where a cell has none; clearNote() removes them.
  setNote(note: string | null): Range {
    return this.fill('note', noteOf(note));
  }
  setNotes(notes: (string | null)[][]): Range {
    return this.fillFrom('note', notes, (n) => noteOf((n ?? null) as string | null));
  }
  getNote(): string {
    return this.firstAttr('note') ?? '';
  }
  getNotes(): string[][] {
    this.sheet.assertInGrid(this.ref);
    const notes = this.grid.layers.note;
    return this.map((r, c) => notes.get(r, c) ?? '');
  }
  clearNote(): Range {
    return this.fill('note', undefined);
  }

  // -- data validation ------------------------------------------------------------------------
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): Range {
    return this.fill('dv', rule ?? undefined);
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): Range {
    return this.fillFrom('dv', rules, (rule) => (rule ?? undefined) as GoogleAppsScript.Spreadsheet.DataValidation | undefined);
  }
  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    return this.firstAttr('dv') ?? null;
  }
  getDataValidations(): (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] {
    const rules = this.grid.layers.dv;
    return this.map((r, c) => rules.get(r, c) ?? null);
  }
  clearDataValidations(): Range {
    return this.fill('dv', undefined);
  }

  // -- clearing -------------------------------------------------------------------------------
  clearContent(): Range {
    return this.each((r, c) => this.grid.clearContent(r, c));
  }
  clearFormat(): Range {
    return this.each((r, c) => clearFormat(this.grid, r, c));
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
    const grid = this.grid;
    return this.each((r, c) => {
      if (!only || o.contentsOnly) grid.clearContent(r, c);
      if (!only || o.formatOnly) clearFormat(grid, r, c);
      if (o.validationsOnly) grid.set('dv', r, c, undefined);
      // «commentsOnly» clears the notes (Apps Script calls them comments here); a plain clear() does too.
      if (!only || o.commentsOnly) grid.set('note', r, c, undefined);
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

const noteOf = (note: string | null): string | undefined => (note === null || note === '' ? undefined : String(note));

function clearFormat(grid: Grid, r: number, c: number): void {
  for (const name of FORMAT_ATTRS) grid.set(name, r, c, undefined);
}

/** A formula written: the cell's value is '' (the fake does not evaluate); undefined empties the cell. */
function writeFormula(grid: Grid, r: number, c: number, f: string | undefined): void {
  grid.setValue(r, c, '');
  grid.set('f', r, c, f);
}

/**
 * Writes a user value into 0-based (r, c) with Google's coercion (formula / quote prefix / number / date…); `line`
 * is row r's values, at least c + 1 wide. Numbers, booleans, dates and text that cannot parse (./locale staysText)
 * are stored without the parse; texts and dates shared through the spreadsheet's pool (./values ValuePool).
 */
export function writeInput(sheet: FakeSheet, r: number, c: number, input: unknown, line = sheet.grid.line(r, c + 1)): void {
  const grid = sheet.grid;
  const pool = sheet.parent.pool;
  if (typeof input === 'string' && staysText(input)) line[c] = storedText(input, pool);
  else if (typeof input === 'boolean' || (typeof input === 'number' && Number.isFinite(input))) line[c] = input;
  else if (isDate(input)) line[c] = pool.date(input.getTime());
  else {
    const { v, f, nf } = coerceInput(input, sheet.inputContext(grid.get('nf', r, c)));
    line[c] = v;
    grid.set('f', r, c, f);
    if (nf) grid.set('nf', r, c, nf);
    return;
  }
  if (grid.layers.f.rows[r] !== undefined) grid.set('f', r, c, undefined);
}

export function makeRange(sheet: FakeSheet, ref: GridRef, ctx: Ctx): Range {
  const impl = new FakeRange(sheet, ref);
  impl.proxy = strictFake<Range>(impl, 'Range', 'SpreadsheetApp', ctx.env);
  return impl.proxy;
}
