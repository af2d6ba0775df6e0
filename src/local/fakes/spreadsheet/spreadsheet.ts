import { Ctx } from '../context';
import { strictFake } from '../strict';
import { parseA1 } from './a1';
import { MetadataStore } from './metadata';
import { FakeRange } from './range';
import { ValuePool } from './values';
import { DEFAULT_COLS, DEFAULT_ROWS, FakeSheet, makeSheet, sheetExists } from './sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

type SpreadsheetApi = Pick<
  Spreadsheet,
  | 'getId'
  | 'getName'
  | 'rename'
  | 'getUrl'
  | 'getSheets'
  | 'getSheetByName'
  | 'getSheetById'
  | 'insertSheet'
  | 'deleteSheet'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'getActiveRange'
  | 'setActiveSelection'
  | 'setActiveRange'
  | 'toast'
  | 'getFormUrl'
  | 'getRange'
  | 'getNumSheets'
  | 'addDeveloperMetadata'
  | 'getDeveloperMetadata'
>;

let sheetIdSeq = 0;

/** support.google.com/docs/answer/37603: up to 10 million cells per spreadsheet, counted over every sheet's grid. */
export const CELL_LIMIT = 10_000_000;
export const TOO_MANY_CELLS = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
/** Sheet names are unique regardless of case: «настройки» blocks «Настройки» (lookup by name stays exact). */
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class FakeSpreadsheet implements SpreadsheetApi {
  proxy!: Spreadsheet;
  sheets: FakeSheet[] = [];
  activeSheet: FakeSheet | null = null;
  activeRange: Range | null = null;
  timeZone: string;
  /** Moved to the bin and emptied: openById fails as for a deleted file. */
  deleted = false;
  /** Who may open it by id (Drive sharing); null: every user of the local runtime. */
  readers: Set<string> | null = null;
  readonly metadata: MetadataStore;
  /** Equal texts and dates of its cells share one copy (values.ValuePool). */
  readonly pool = new ValuePool();

  constructor(
    readonly id: string,
    public name: string,
    private readonly ctx: Ctx,
  ) {
    this.timeZone = ctx.timeZone;
    this.metadata = new MetadataStore(ctx);
    // A new Google spreadsheet (ru locale) has one sheet "Лист1" with id 0.
    this.sheets.push(makeSheet(this, 'Лист1', 0, ctx));
  }

  canOpen(email: string): boolean {
    return this.readers === null || this.readers.has(email.toLowerCase());
  }
  setActive(sheet: FakeSheet, range: Range | null): void {
    this.activeSheet = sheet;
    this.activeRange = range;
  }
  sheetByName(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  /** A sheet whose name equals `name` ignoring case, other than `except`. */
  nameTaken(name: string, except?: FakeSheet): boolean {
    return this.sheets.some((s) => s !== except && sameName(s.name, name));
  }
  /** Cells of every sheet's grid, empty or not: what Google counts against its limit. */
  cells(): number {
    return this.sheets.reduce((sum, s) => sum + s.maxRows * s.maxCols, 0);
  }
  /** Throws Google's error when growing the grids by `extra` cells would pass the limit. */
  assertRoom(extra: number): void {
    if (extra > 0 && this.cells() + extra > CELL_LIMIT) throw new Error(TOO_MANY_CELLS);
  }
  /** Adds a sheet (used by the form destination as well). */
  addSheet(name: string | undefined, index?: number): FakeSheet {
    let n = name;
    if (n === undefined) {
      let k = this.sheets.length + 1;
      while (this.nameTaken(`Лист${k}`)) k++;
      n = `Лист${k}`;
    }
    if (this.nameTaken(n)) throw new Error(sheetExists(n));
    this.assertRoom(DEFAULT_ROWS * DEFAULT_COLS);
    const s = makeSheet(this, n, ++sheetIdSeq * 7919, this.ctx);
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, s);
    return s;
  }

  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
  }
  rename(newName: string): void {
    this.name = newName;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSheets(): Sheet[] {
    return this.sheets.map((s) => s.proxy);
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    return this.sheetByName(name)?.proxy ?? null;
  }
  getSheetById(id: number): Sheet | null {
    return this.sheets.find((s) => s.sheetId === id)?.proxy ?? null;
  }
  insertSheet(a?: any, b?: any, _c?: any): Sheet {
    const name = typeof a === 'string' ? a : undefined;
    const index = typeof a === 'number' ? a : typeof b === 'number' ? b : undefined;
    const s = this.addSheet(name, index);
    // Google activates the inserted sheet.
    this.setActive(s, null);
    return s.proxy;
  }
  deleteSheet(sheet: Sheet): void {
    const raw = this.sheets.find((s) => s.proxy === sheet || s.sheetId === sheet.getSheetId());
    if (!raw) throw new Error('Sheet not found');
    if (this.sheets.length === 1) {
      throw new Error("You can't remove all the sheets in a document.");
    }
    this.sheets = this.sheets.filter((s) => s !== raw);
    if (this.activeSheet === raw) this.setActive(this.sheets[0]!, null);
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.timeZone = timezone;
  }
  getActiveSheet(): Sheet {
    return (this.activeSheet ?? this.sheets[0]!).proxy;
  }
  setActiveSheet(sheet: Sheet, _restoreSelection?: boolean): Sheet {
    const raw = this.sheets.find((s) => s.proxy === sheet || s.sheetId === sheet.getSheetId());
    if (!raw) throw new Error('Sheet not found');
    this.setActive(raw, null);
    return raw.proxy;
  }
  getActiveRange(): Range | null {
    if (this.activeRange) return this.activeRange;
    return this.getActiveSheet().getRange('A1');
  }
  setActiveSelection(a: any): Range {
    const range: Range = typeof a === 'string' ? this.getRange(a) : a;
    return this.setActiveRange(range);
  }
  setActiveRange(range: Range): Range {
    const raw = (range as unknown as FakeRange).sheet;
    this.setActive(raw, range);
    return range;
  }
  getRange(a1Notation: string): Range {
    const { sheetName } = parseA1(a1Notation, 1, 1);
    const sheet = sheetName ? this.sheetByName(sheetName) : (this.activeSheet ?? this.sheets[0]!);
    if (!sheet) throw new Error('Range not found');
    const bang = a1Notation.lastIndexOf('!');
    return sheet.getRange(bang >= 0 ? a1Notation.slice(bang + 1) : a1Notation);
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.ctx.ui.toasts.push({ message: String(msg), title, timeoutSeconds: timeoutSeconds ?? undefined, spreadsheetId: this.id });
  }
  addDeveloperMetadata(key: string, value?: any, visibility?: any): Spreadsheet {
    // The two-argument form's second argument is a value or a visibility.
    if (typeof value !== 'string' && visibility === undefined) this.metadata.add(key, '', value);
    else this.metadata.add(key, value ?? '', visibility);
    return this.proxy;
  }
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return this.metadata.list();
  }
  getFormUrl(): string | null {
    for (const s of this.sheets) {
      const u = this.ctx.formUrlForSheet(s.sheetId, this.id);
      if (u) return u;
    }
    return null;
  }
}

export function makeSpreadsheet(ctx: Ctx, name: string, rows = DEFAULT_ROWS, columns = DEFAULT_COLS): FakeSpreadsheet {
  if (rows * columns > CELL_LIMIT) throw new Error(TOO_MANY_CELLS);
  const impl = new FakeSpreadsheet(ctx.nextId('1ss'), name, ctx);
  impl.sheets[0]!.maxRows = rows;
  impl.sheets[0]!.maxCols = columns;
  impl.proxy = strictFake<Spreadsheet>(impl, 'Spreadsheet', 'SpreadsheetApp', ctx.env);
  return impl;
}
