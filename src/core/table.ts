// An in-memory copy of one sheet, read once, edited in memory and flushed in a bounded number of writes.
// Columns are addressed by the schema's keys; the sheet's own column order (a methodist may have added or moved
// columns) is kept, and columns the schema does not know keep their values.
import type { Cell, TableChange, TableData } from './ports';
import type { ColumnSpec, SheetSpec } from './schema/sheets';
import { MULTI_SEPARATOR } from './schema/sheets';
import { isDate, parseDateTime, parseDay } from './text';

export type Row = Record<string, Cell>;

/** A caller's mistake (never the methodist's), said so in Russian with what to do. */
const internalError = (what: string) => new Error(`Внутренняя ошибка «Маршрута»: ${what}. Сообщите разработчикам, что вы делали.`);

export class Table {
  readonly spec: SheetSpec;
  readonly header: readonly string[];
  private readonly rows: Cell[][];
  private originalCount: number;
  private readonly columnIndex = new Map<string, number>();
  private readonly columnSpecs = new Map<string, ColumnSpec>();
  private readonly dirty = new Set<number>();
  private truncated = false;
  /** Read in part (TableData.partial): rows are looked up and appended to, never updated. */
  readonly partial: boolean;
  /** Read for these columns only (`Workbook.columns`): no other column is read, nothing is written. */
  private readonly only?: ReadonlySet<string>;

  constructor(spec: SheetSpec, data: TableData, only?: readonly string[]) {
    this.spec = spec;
    this.header = data.header.map((h) => String(h).trim());
    // The port hands over freshly read arrays: they are kept as they are (no copy of a 100k-row sheet); a row
    // shorter than the header is padded.
    const width = this.header.length;
    this.rows = data.rows as Cell[][];
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i]!;
      while (row.length < width) row.push('');
    }
    this.originalCount = this.rows.length;
    this.partial = data.partial === true || only !== undefined;
    if (only) this.only = new Set(only);
    for (const column of spec.columns) {
      this.columnSpecs.set(column.key, column);
      const i = this.header.indexOf(column.header);
      if (i >= 0) this.columnIndex.set(column.key, i);
    }
  }

  get size(): number {
    return this.rows.length;
  }

  /** One cell, typed by the schema's column kind (a hand-typed «01.02.2025» in a date column reads as a Date). */
  get(index: number, key: string): Cell {
    const i = this.indexOf(key);
    if (i === undefined) return '';
    return coerceCell(this.columnSpecs.get(key)!, this.rows[index][i]);
  }

  text(index: number, key: string): string {
    const i = this.indexOf(key);
    return i === undefined ? '' : cellText(this.columnSpec(key), this.rows[index][i]);
  }

  /** `get` of one column as a function of the row: for a pass over every row, the column is looked up once. */
  cells(key: string): (index: number) => Cell {
    return this.reader(key, coerceCell);
  }

  /** `text` of one column as a function of the row (a text column's strings trimmed without the general path). */
  texts(key: string): (index: number) => string {
    const i = this.indexOf(key);
    if (i === undefined || !STRING_KINDS.has(this.columnSpec(key).kind)) return this.reader(key, cellText);
    const spec = this.columnSpec(key);
    const rows = this.rows;
    return (index) => {
      const raw = rows[index][i];
      return typeof raw === 'string' ? raw.trim() : cellText(spec, raw);
    };
  }

  /** Whether every one of `keys` can be read here: the table is whole, or was read for them. */
  reads(keys: readonly string[]): boolean {
    return this.only ? keys.every((key) => this.only!.has(key)) : !this.partial;
  }

  /** The column of `key` in the rows, if the sheet has it; a column a table was not read for is a caller's mistake. */
  private indexOf(key: string): number | undefined {
    if (this.only && !this.only.has(key))
      throw internalError(`столбец «${this.columnSpecs.get(key)?.header ?? key}» листа «${this.spec.name}» не прочитан`);
    return this.columnIndex.get(key);
  }

  private reader<T extends Cell>(key: string, read: (column: ColumnSpec, raw: Cell) => T): (index: number) => T | '' {
    const i = this.indexOf(key);
    if (i === undefined) return () => '';
    const spec = this.columnSpec(key);
    const rows = this.rows;
    return (index) => read(spec, rows[index][i]);
  }

  /** A raw cell by its position in the sheet's header: for columns the schema does not name («План 2027»). */
  cellAt(index: number, column: number): Cell {
    return this.rows[index]?.[column] ?? '';
  }

  row(index: number): Row {
    const out: Row = {};
    for (const column of this.spec.columns) out[column.key] = this.get(index, column.key);
    return out;
  }

  /** Sets the given fields of a row; returns the fields whose value actually changed, with old and new values. */
  update(index: number, values: Row): { key: string; before: Cell; after: Cell }[] {
    if (this.partial && index < this.originalCount)
      throw new Error(`Лист «${this.spec.name}» прочитан частично: его строки нельзя изменить.`);
    const changed: { key: string; before: Cell; after: Cell }[] = [];
    for (const [key, value] of Object.entries(values)) {
      const i = this.columnIndex.get(key);
      if (i === undefined) continue;
      const before = this.get(index, key);
      if (sameCell(before, value)) continue;
      this.rows[index][i] = value;
      changed.push({ key, before, after: value });
    }
    if (changed.length) this.dirty.add(index);
    return changed;
  }

  append(values: Row): number {
    if (this.only) throw new Error(`Лист «${this.spec.name}» прочитан частично: в него нельзя добавить строки.`);
    const cells = this.header.map(() => '' as Cell);
    // for…in, not Object.entries: a rebuilt output sheet appends tens of thousands of rows.
    for (const key in values) {
      const i = this.columnIndex.get(key);
      if (i !== undefined) cells[i] = values[key]!;
    }
    this.rows.push(cells);
    return this.rows.length - 1;
  }

  /**
   * A detached one-row table with this header, to compute a key of a row before it is stored. One table, reused:
   * it holds `values` until the next call (an upsert asks for one per submission; each new table indexed the columns).
   */
  scratch(values: Row): Table {
    const table = (this.scratchTable ??= new Table(this.spec, { header: this.header, rows: [] }));
    table.rows.length = 0;
    table.append(values);
    return table;
  }
  private scratchTable?: Table;

  /** Keeps only the rows `keep` accepts (a rebuild); the flush then rewrites the sheet and clears the rest. */
  retain(keep: (index: number) => boolean): void {
    if (this.only) throw new Error(`Лист «${this.spec.name}» прочитан частично: его нельзя переписать.`);
    const kept = this.rows.filter((_, i) => keep(i));
    this.rows.length = 0;
    for (const row of kept) this.rows.push(row);
    this.dirty.clear();
    this.truncated = true;
  }

  /**
   * Its changes were written: what is in memory is what the sheet holds, and the next changes are counted from here.
   * A log keeps none of its written rows (it never read its old ones either).
   */
  committed(log: boolean): void {
    if (log) this.rows.length = 0;
    this.originalCount = this.rows.length;
    this.dirty.clear();
    this.truncated = false;
  }

  hasChanges(): boolean {
    return this.truncated || this.dirty.size > 0 || this.rows.length > this.originalCount;
  }

  /** The writes this table needs; after a clear, everything is rewritten from the first data row. */
  changes(): TableChange {
    if (this.truncated) return { updates: [], appends: this.rows, rows: this.rows, rewrite: true };
    return {
      updates: [...this.dirty].sort((a, b) => a - b).map((index) => ({ index, values: this.rows[index] })),
      appends: this.rows.slice(this.originalCount),
      rows: this.rows,
    };
  }

  columnSpec(key: string): ColumnSpec {
    const spec = this.columnSpecs.get(key);
    if (!spec) throw internalError(`у листа «${this.spec.name}» нет столбца ${key}`);
    return spec;
  }
}

/** Kinds whose text is the string itself, trimmed (what coerceCell gives them). */
const STRING_KINDS = new Set<ColumnSpec['kind']>(['text', 'choice', 'email', 'emails', 'url']);

/** A cell as text: a text column's string trimmed, anything else as its column kind reads it (dates as ISO). */
function cellText(column: ColumnSpec, raw: Cell): string {
  if (typeof raw === 'string' && STRING_KINDS.has(column.kind)) return raw.trim();
  const v = coerceCell(column, raw);
  return isDate(v) ? v.toISOString() : String(v);
}

export function sameCell(a: Cell, b: Cell): boolean {
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && a.getTime() === b.getTime();
  return String(a) === String(b);
}

/** Reads a sheet cell as the column kind expects, tolerating what a person may have typed by hand. */
export function coerceCell(column: ColumnSpec, value: Cell): Cell {
  if (value === '' || value === null || value === undefined) return '';
  switch (column.kind) {
    case 'date':
      if (isDate(value)) return value;
      return parseDay(String(value)) ?? String(value);
    case 'datetime':
      if (isDate(value)) return value;
      return parseDateTime(String(value)) ?? String(value);
    case 'int':
    case 'number': {
      if (typeof value === 'number') return value;
      const n = Number(String(value).replace(',', '.').replace(/\s/g, ''));
      return Number.isFinite(n) ? n : String(value);
    }
    case 'multi':
      return String(value)
        .split(/;\s*/)
        .map((s) => s.trim())
        .filter(Boolean)
        .join(MULTI_SEPARATOR);
    default:
      return isDate(value) ? value : String(value).trim();
  }
}
