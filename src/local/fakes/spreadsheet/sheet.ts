import { Ctx } from '../context';
import type { Realm } from '../realm';
import { strictFake } from '../strict';
import { GridRef, parseA1 } from './a1';
import { chartData, ChartData, FakeProtection, makeProtection, newChartBuilder, placeChart } from './extras';
import { FakeRange, makeRange, writeInput } from './range';
import { Grid } from './grid';
import { assertFits, CellValue, InputContext } from './values';
import type { FakeSpreadsheet } from './spreadsheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;
export const sheetExists = (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`;

type SheetApi = Pick<
  Sheet,
  | 'getName'
  | 'setName'
  | 'getIndex'
  | 'getSheetId'
  | 'getParent'
  | 'getRange'
  | 'getDataRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'appendRow'
  | 'insertRowsAfter'
  | 'insertRowAfter'
  | 'insertColumnsAfter'
  | 'deleteRows'
  | 'deleteRow'
  | 'deleteColumns'
  | 'getFrozenRows'
  | 'setFrozenRows'
  | 'getFrozenColumns'
  | 'setFrozenColumns'
  | 'hideSheet'
  | 'showSheet'
  | 'isSheetHidden'
  | 'protect'
  | 'getProtections'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'getColumnWidth'
  | 'clear'
  | 'clearContents'
  | 'getConditionalFormatRules'
  | 'setConditionalFormatRules'
  | 'newChart'
  | 'insertChart'
  | 'getCharts'
  | 'removeChart'
  | 'updateChart'
  | 'getFormUrl'
  | 'activate'
  | 'setTabColor'
  | 'getTabColor'
  | 'getSheetValues'
>;

export class FakeSheet implements SheetApi {
  proxy!: Sheet;
  /** The cells: values by row and sparse layers of formulas, formats, validations, notes (./grid), 0-based. */
  grid = new Grid();
  maxRows = DEFAULT_ROWS;
  maxCols = DEFAULT_COLS;
  frozenRows = 0;
  frozenCols = 0;
  hidden = false;
  tabColor: string | null = null;
  columnWidths = new Map<number, number>();
  protections: FakeProtection[] = [];
  conditionalRules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  charts: GoogleAppsScript.Spreadsheet.EmbeddedChart[] = [];
  /** Told of deleted rows (a form's destination keeps its responses' rows right). */
  readonly rowsDeleted: ((from: number, count: number) => void)[] = [];

  constructor(
    readonly parent: FakeSpreadsheet,
    public name: string,
    readonly sheetId: number,
    private readonly ctx: Ctx,
  ) {}

  // -- grid internals ---------------------------------------------------------------------------
  /** Stores a value into the 1-based cell as it is, without Google's coercion (a form's header, a test's setup). */
  put(row: number, col: number, v: CellValue): void {
    this.grid.setValue(row - 1, col - 1, v);
  }
  assertInGrid(ref: GridRef): void {
    if (ref.row < 1 || ref.col < 1 || ref.row + ref.numRows - 1 > this.maxRows || ref.col + ref.numCols - 1 > this.maxCols) {
      throw new Error(OUTSIDE);
    }
  }
  range(ref: GridRef): Range {
    if (ref.numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (ref.numCols < 1) throw new Error('The number of columns in the range must be at least 1.');
    this.assertInGrid(ref);
    return makeRange(this, ref, this.ctx);
  }
  /** The loaded script's realm, if any: values handed to it are built there (see FakeRange.getValues). */
  realm(): Realm | undefined {
    return this.ctx.env.realm;
  }
  timeZone(): string {
    return this.parent.timeZone;
  }
  private readonly now = () => this.ctx.now();
  /** What a write is read against: the zone, today (for «1.5» = 1 May of this year), the cell's number format. */
  inputContext(format: string | undefined, formulas = true): InputContext {
    return { timeZone: this.parent.timeZone, now: this.now, format, formulas, pool: this.parent.pool };
  }

  // -- identity -----------------------------------------------------------------------------
  getName(): string {
    return this.name;
  }
  setName(name: string): Sheet {
    if (this.parent.nameTaken(name, this)) throw new Error(sheetExists(name));
    this.name = name;
    return this.proxy;
  }
  getIndex(): number {
    return this.parent.sheets.indexOf(this) + 1;
  }
  getSheetId(): number {
    return this.sheetId;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.parent.proxy;
  }
  getFormUrl(): string | null {
    return this.ctx.formUrlForSheet(this.sheetId, this.parent.id);
  }
  activate(): Sheet {
    this.parent.setActive(this, null);
    return this.proxy;
  }
  setTabColor(color: string | null): Sheet {
    this.tabColor = color;
    return this.proxy;
  }
  getTabColor(): string | null {
    return this.tabColor;
  }

  // -- ranges ---------------------------------------------------------------------------------
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a === 'string') {
      const { ref } = parseA1(a, this.maxRows, this.maxCols);
      return this.range(ref);
    }
    if (typeof a !== 'number' || typeof column !== 'number') throw new Error('Invalid argument: row/column');
    if (a < 1) throw new Error('The starting row of the range is too small.');
    if (column < 1) throw new Error('The starting column of the range is too small.');
    return this.range({ row: a, col: column, numRows: numRows ?? 1, numCols: numColumns ?? 1 });
  }
  getDataRange(): Range {
    return this.range({ row: 1, col: 1, numRows: Math.max(1, this.getLastRow()), numCols: Math.max(1, this.getLastColumn()) });
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): any[][] {
    const nr = numRows === -1 ? this.getLastRow() - startRow + 1 : numRows;
    const nc = numColumns === -1 ? this.getLastColumn() - startColumn + 1 : numColumns;
    return (makeRange(this, { row: startRow, col: startColumn, numRows: nr, numCols: nc }, this.ctx) as unknown as FakeRange).getValues();
  }
  getLastRow(): number {
    return this.grid.lastRow();
  }
  getLastColumn(): number {
    return this.grid.lastColumn();
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxCols;
  }

  // -- structure ------------------------------------------------------------------------------
  appendRow(rowContents: any[]): Sheet {
    if (!Array.isArray(rowContents)) throw new Error('Invalid argument: rowContents');
    rowContents.forEach(assertFits);
    const row = this.getLastRow() + 1;
    // Google grows the grid for appendRow (rows and, if needed, columns).
    this.growTo(row, rowContents.length);
    const line = this.grid.line(row - 1, rowContents.length);
    rowContents.forEach((v, i) => writeInput(this, row - 1, i, v, line));
    return this.proxy;
  }
  /** Grows the grid to at least rows × cols (appendRow, a form's destination), within the workbook's limit. */
  growTo(rows: number, cols: number): void {
    const r = Math.max(rows, this.maxRows);
    const c = Math.max(cols, this.maxCols);
    this.parent.assertRoom(r * c - this.maxRows * this.maxCols);
    this.maxRows = r;
    this.maxCols = c;
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    if (afterPosition < 0 || afterPosition > this.maxRows) throw new Error('Those rows are out of bounds.');
    this.parent.assertRoom(howMany * this.maxCols);
    this.grid.spliceRows(afterPosition, 0, howMany);
    this.maxRows += howMany;
    return this.proxy;
  }
  insertRowAfter(afterPosition: number): Sheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    if (afterPosition < 0 || afterPosition > this.maxCols) throw new Error('Those columns are out of bounds.');
    this.parent.assertRoom(howMany * this.maxRows);
    this.grid.spliceColumns(afterPosition, 0, howMany);
    this.maxCols += howMany;
    return this.proxy;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || rowPosition + howMany - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (howMany >= this.maxRows - this.frozenRows && this.frozenRows > 0) {
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    if (howMany >= this.maxRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    this.grid.spliceRows(rowPosition - 1, howMany, 0);
    this.maxRows -= howMany;
    for (const listener of this.rowsDeleted) listener(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): Sheet {
    this.deleteRows(rowPosition, 1);
    return this.proxy;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    if (columnPosition < 1 || columnPosition + howMany - 1 > this.maxCols) throw new Error('Those columns are out of bounds.');
    this.grid.spliceColumns(columnPosition - 1, howMany, 0);
    this.maxCols -= howMany;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  setFrozenRows(rows: number): void {
    if (rows < 0 || rows > this.maxRows) throw new Error(OUTSIDE);
    this.frozenRows = rows;
  }
  getFrozenColumns(): number {
    return this.frozenCols;
  }
  setFrozenColumns(columns: number): void {
    this.frozenCols = columns;
  }
  hideSheet(): Sheet {
    if (this.parent.sheets.filter((s) => !s.hidden && s !== this).length === 0) {
      throw new Error("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return this.proxy;
  }
  showSheet(): Sheet {
    this.hidden = false;
    return this.proxy;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  clear(): Sheet {
    this.grid.clear();
    return this.proxy;
  }
  clearContents(): Sheet {
    this.grid.clearContents();
    return this.proxy;
  }

  // -- protection -----------------------------------------------------------------------------
  addProtection(type: 'RANGE' | 'SHEET', range: Range): GoogleAppsScript.Spreadsheet.Protection {
    const p = makeProtection(this.ctx, type, range, (x) => {
      this.protections = this.protections.filter((y) => y !== x);
    });
    this.protections.push(p);
    return p.proxy;
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const existing = this.protections.find((p) => p.type === 'SHEET');
    if (existing) return existing.proxy;
    return this.addProtection('SHEET', this.range({ row: 1, col: 1, numRows: this.maxRows, numCols: this.maxCols }));
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    return this.protections.filter((p) => p.type === String(type)).map((p) => p.proxy);
  }

  // -- column widths --------------------------------------------------------------------------
  setColumnWidth(columnPosition: number, width: number): Sheet {
    if (columnPosition < 1 || columnPosition > this.maxCols) throw new Error(OUTSIDE);
    this.columnWidths.set(columnPosition, width);
    return this.proxy;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.setColumnWidth(c, width);
    return this.proxy;
  }
  getColumnWidth(columnPosition: number): number {
    return this.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }

  // -- conditional formats & charts -----------------------------------------------------------
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return [...this.conditionalRules];
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    if (!Array.isArray(rules)) throw new Error('Invalid argument: rules');
    this.conditionalRules = [...rules];
  }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return newChartBuilder(this.ctx);
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.charts.push(placeChart(chart, this.maxRows, this.maxCols, () => ++chartSeq));
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return [...this.charts];
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const id = chartData(chart).id;
    this.charts = this.charts.filter((c) => chartData(c).id !== id);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const id = chartData(chart).id;
    this.charts = this.charts.map((c) => (chartData(c).id === id ? placeChart(chart, this.maxRows, this.maxCols, () => ++chartSeq) : c));
  }
  chartList(): ChartData[] {
    return this.charts.map(chartData);
  }
}

/** Chart ids: unique within the runtime, hence within each spreadsheet. */
let chartSeq = 1000;

export function makeSheet(parent: FakeSpreadsheet, name: string, sheetId: number, ctx: Ctx): FakeSheet {
  const impl = new FakeSheet(parent, name, sheetId, ctx);
  impl.proxy = strictFake<Sheet>(impl, 'Sheet', 'SpreadsheetApp', ctx.env);
  return impl;
}
