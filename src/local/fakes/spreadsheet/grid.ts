// The fake sheet's cell store. A municipality of 53k staff holds ~4.5M non-empty cells: one object per cell (value
// plus optional format, formula, style…) cost most of `marshrut run`'s memory and each read rebuilt rows from them.
// Here a sheet keeps its values as rows of plain arrays ('' where empty, packed: a read is a row copy) and every
// other attribute in its own sparse layer, which most cells never touch.
import type { Cell, CellValue } from './values';

type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** One attribute of the cells of a sheet, 0-based rows of columns; undefined where it is not set. */
export class Layer<T> {
  rows: (T[] | undefined)[] = [];

  get(r: number, c: number): T | undefined {
    const line = this.rows[r];
    return line === undefined ? undefined : line[c];
  }
  set(r: number, c: number, value: T | undefined): void {
    let line = this.rows[r];
    if (value === undefined) {
      if (line !== undefined && c < line.length) (line as (T | undefined)[])[c] = undefined;
      return;
    }
    if (line === undefined) {
      while (this.rows.length < r) this.rows.push(undefined); // no holes: the outer array stays a plain list
      this.rows[r] = line = [];
    }
    while (line.length < c) (line as (T | undefined)[]).push(undefined);
    line[c] = value;
  }
  /** True when some cell of row `r` carries the attribute. */
  rowHas(r: number): boolean {
    const line = this.rows[r];
    if (line === undefined) return false;
    for (let c = 0; c < line.length; c++) if (line[c] !== undefined) return true;
    return false;
  }
}

/** The attributes a cell may carry besides its value (the names of `Cell`'s optional fields). */
export interface CellAttrs {
  /** Formula text including the leading '='. */
  f: string;
  nf: string;
  dv: DataValidation;
  fw: string;
  /** Font style: 'italic' or 'normal'. */
  fs: string;
  bg: string;
  fc: string;
  wrap: boolean;
  ha: string;
  /** The cell's note (Range.setNote/getNote); not content: getLastRow ignores it. */
  note: string;
}
export type AttrName = keyof CellAttrs;
export const ATTRS: readonly AttrName[] = ['f', 'nf', 'dv', 'fw', 'fs', 'bg', 'fc', 'wrap', 'ha', 'note'];
/** What clearFormat() removes. */
export const FORMAT_ATTRS: readonly AttrName[] = ['nf', 'fw', 'fs', 'bg', 'fc', 'wrap', 'ha'];

type Layers = { [K in AttrName]: Layer<CellAttrs[K]> };

/** Inserts `insert` empty rows (undefined) at `at` after removing `remove`, without spreading huge argument lists. */
function spliceEmpty<T>(list: (T | undefined)[], at: number, remove: number, insert: number): void {
  if (list.length <= at) return;
  const tail = list.splice(at);
  for (let i = 0; i < insert; i++) list.push(undefined);
  for (let i = remove; i < tail.length; i++) list.push(tail[i]);
}

export class Grid {
  /** Values by 0-based row: '' where empty; a row is as long as its last written column (or longer). */
  values: (CellValue[] | undefined)[] = [];
  readonly layers: Layers = {
    f: new Layer(),
    nf: new Layer(),
    dv: new Layer(),
    fw: new Layer(),
    fs: new Layer(),
    bg: new Layer(),
    fc: new Layer(),
    wrap: new Layer(),
    ha: new Layer(),
    note: new Layer(),
  };

  /** The stored value at 0-based (r, c): '' where empty. Not copied (a Date is the grid's own). */
  value(r: number, c: number): CellValue {
    const line = this.values[r];
    if (line === undefined) return '';
    const v = line[c];
    return v === undefined ? '' : v;
  }
  /** Row `r`'s values, made at least `width` columns wide, to write into. */
  line(r: number, width: number): CellValue[] {
    let line = this.values[r];
    if (line === undefined) {
      while (this.values.length < r) this.values.push(undefined);
      this.values[r] = line = [];
    }
    while (line.length < width) line.push('');
    return line;
  }
  setValue(r: number, c: number, v: CellValue): void {
    this.line(r, c + 1)[c] = v;
  }
  get<K extends AttrName>(name: K, r: number, c: number): CellAttrs[K] | undefined {
    return (this.layers[name] as Layer<CellAttrs[K]>).get(r, c);
  }
  set<K extends AttrName>(name: K, r: number, c: number, value: CellAttrs[K] | undefined): void {
    (this.layers[name] as Layer<CellAttrs[K]>).set(r, c, value);
  }
  /** Empty as getLastRow counts it: no value and no formula (formats and notes are not content). */
  isEmpty(r: number, c: number): boolean {
    return this.value(r, c) === '' && this.layers.f.get(r, c) === undefined;
  }
  /** The value and the formula removed (clearContent). */
  clearContent(r: number, c: number): void {
    const line = this.values[r];
    if (line !== undefined && c < line.length) line[c] = '';
    this.layers.f.set(r, c, undefined);
  }

  /** Rows that hold anything (a value, a formula, a format…), the count of the longest list. */
  height(): number {
    let h = this.values.length;
    for (const name of ATTRS) h = Math.max(h, this.layers[name].rows.length);
    return h;
  }
  /** Columns row `r` may hold anything in. */
  width(r: number): number {
    let w = this.values[r]?.length ?? 0;
    for (const name of ATTRS) w = Math.max(w, this.layers[name].rows[r]?.length ?? 0);
    return w;
  }
  /** 1-based last row with content (a value or a formula); 0 when none. */
  lastRow(): number {
    const formulas = this.layers.f;
    for (let r = Math.max(this.values.length, formulas.rows.length) - 1; r >= 0; r--) {
      const line = this.values[r];
      if (line !== undefined) for (let c = 0; c < line.length; c++) if (line[c] !== '') return r + 1;
      if (formulas.rowHas(r)) return r + 1;
    }
    return 0;
  }
  /** 1-based last column with content in any row; 0 when none. */
  lastColumn(): number {
    let last = 0;
    const rows = Math.max(this.values.length, this.layers.f.rows.length);
    for (let r = 0; r < rows; r++) {
      const w = Math.max(this.values[r]?.length ?? 0, this.layers.f.rows[r]?.length ?? 0);
      for (let c = w - 1; c >= last; c--)
        if (!this.isEmpty(r, c)) {
          last = c + 1;
          break;
        }
    }
    return last;
  }
  /**
   * Visits each cell of 0-based row `r` that holds anything (its value and every attribute), in column order — for
   * exporters of millions of cells: the row's attribute lines are found once, and one scratch Cell is reused (valid
   * only during the visit), not a look in every layer and an object per cell.
   */
  eachCellOfRow(r: number, visit: (c: number, cell: Cell) => void): void {
    const values = this.values[r];
    const L = this.layers;
    // Each layer's line of the row by name (no keyed store by a changing name per cell: that is V8's slow path).
    const lines = ATTRS.map((name) => L[name].rows[r] as unknown[] | undefined);
    const [f, nf, dv, fw, fs, bg, fc, wrap, ha, note] = lines;
    const width = this.width(r);
    const none = undefined;
    const scratch: Record<keyof Cell, unknown> = {
      v: '',
      f: none,
      nf: none,
      dv: none,
      fw: none,
      fs: none,
      bg: none,
      fc: none,
      wrap: none,
      ha: none,
      note: none,
    };
    if (values !== undefined && lines.every((line) => line === undefined)) {
      // A row with values only (most rows of a register past its formatted top): no layer to read per cell.
      for (let c = 0; c < width; c++) {
        const v = values[c];
        if (v === undefined || v === '') continue;
        scratch.v = v;
        visit(c, scratch as unknown as Cell);
      }
      return;
    }
    for (let c = 0; c < width; c++) {
      const v = values === undefined || c >= values.length ? '' : values[c]!;
      scratch.f = f?.[c];
      scratch.nf = nf?.[c];
      scratch.dv = dv?.[c];
      scratch.fw = fw?.[c];
      scratch.fs = fs?.[c];
      scratch.bg = bg?.[c];
      scratch.fc = fc?.[c];
      scratch.wrap = wrap?.[c];
      scratch.ha = ha?.[c];
      scratch.note = note?.[c];
      if (
        v === '' &&
        scratch.f === none &&
        scratch.nf === none &&
        scratch.dv === none &&
        scratch.fw === none &&
        scratch.fs === none &&
        scratch.bg === none &&
        scratch.fc === none &&
        scratch.wrap === none &&
        scratch.ha === none &&
        scratch.note === none
      )
        continue; // spelt out: no closure over ATTRS per empty cell
      scratch.v = v;
      visit(c, scratch as unknown as Cell);
    }
  }

  // -- structure ------------------------------------------------------------------------------
  spliceRows(at: number, remove: number, insert: number): void {
    spliceEmpty(this.values, at, remove, insert);
    for (const name of ATTRS) spliceEmpty(this.layers[name].rows as unknown[], at, remove, insert);
  }
  spliceColumns(at: number, remove: number, insert: number): void {
    for (const line of this.values)
      if (line !== undefined && line.length > at) line.splice(at, remove, ...new Array<CellValue>(insert).fill(''));
    for (const name of ATTRS)
      for (const line of this.layers[name].rows as unknown[][]) {
        if (line !== undefined && line.length > at) line.splice(at, remove, ...new Array<unknown>(insert).fill(undefined));
      }
  }
  clear(): void {
    this.values = [];
    for (const name of ATTRS) this.layers[name].rows = [];
  }
  clearContents(): void {
    for (const line of this.values) if (line !== undefined) line.fill('');
    this.layers.f.rows = [];
  }
}
