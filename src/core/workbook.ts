// The snapshot of the workbook: each sheet is read at most once per execution, all work happens in memory, and
// one flush writes what changed. Intake uses it now; the indicator engine will consume the same snapshot.
import type { WorkbookPort } from './ports';
import { sheetSpec, type SheetId } from './schema/sheets';
import { Table } from './table';

export class Workbook {
  private readonly tables = new Map<SheetId, Table>();
  /** Tables whose old rows were never read (logs, sheets written whole). */
  private readonly logs = new Set<SheetId>();

  constructor(private readonly port: WorkbookPort) {}

  table(id: SheetId): Table {
    let table = this.tables.get(id);
    // A sheet read in part for look-ups and now needed whole: read again (a part that was appended to cannot be).
    if (table?.partial) {
      if (table.hasChanges()) throw new Error(`Лист «${table.spec.name}» уже дополнен после частичного чтения.`);
      table = undefined;
    }
    if (!table) {
      table = new Table(sheetSpec(id), this.port.readTable(id));
      this.tables.set(id, table);
    }
    return table;
  }

  /**
   * A sheet for look-ups by its key columns (and appends): only those columns are read, unless the sheet is already
   * here whole. Reading the whole sheet later (`table`) replaces the part.
   */
  lookup(id: SheetId, keys: readonly string[]): Table {
    let table = this.tables.get(id);
    if (!table) {
      const spec = sheetSpec(id);
      const headers = keys.map((key) => spec.columns.find((c) => c.key === key)!.header);
      table = new Table(spec, this.port.readColumns(id, headers));
      this.tables.set(id, table);
    }
    return table;
  }

  /**
   * A register for reading only, by the columns `keys` (`readSpan`): a table that refuses writes and the columns it
   * was not asked for. Unless the sheet is already here whole; reading the whole sheet later (`table`) replaces it.
   */
  columns(id: SheetId, keys: readonly string[]): Table {
    const here = this.tables.get(id);
    if (here?.reads(keys)) return here;
    if (here) return this.table(id); // a look-up's key columns: the sheet is read whole
    const spec = sheetSpec(id);
    const headers = keys.map((key) => spec.columns.find((c) => c.key === key)!.header);
    const table = new Table(spec, this.port.readSpan ? this.port.readSpan(id, headers) : this.port.readTable(id), keys);
    this.tables.set(id, table);
    return table;
  }

  /** An append-only log («Журнал изменений»): its rows are not read, new ones go below the last. */
  log(id: SheetId): Table {
    let table = this.tables.get(id);
    if (!table) {
      const { header } = this.port.readHeader(id);
      table = new Table(sheetSpec(id), { header, rows: [] });
      this.tables.set(id, table);
      this.logs.add(id);
    }
    return table;
  }

  /** A computed sheet written whole («Показатели по ОО»): its old rows are not read, only counted to clear them. */
  rewrite(id: SheetId): Table {
    const table = this.log(id);
    table.retain(() => false);
    return table;
  }

  /**
   * Writes every table that changed and keeps the snapshot: a drain holding the lock goes on to its next batch
   * without reading any sheet again. Returns the names of the sheets written.
   */
  commit(): string[] {
    const written: string[] = [];
    const pending = [...this.tables]
      .filter(([, table]) => table.hasChanges())
      .map(([sheet, table]) => ({ sheet, table, change: table.changes() }));
    this.port.checkRoom?.(pending); // before the first cell: a write past the cell limit is refused whole
    for (const { sheet: id, table, change } of pending) {
      this.port.writeTable(id, table.header, change);
      table.committed(this.logs.has(id));
      written.push(table.spec.name);
    }
    return written;
  }

  /** Writes every table that changed and ends the snapshot (the next use reads the sheets afresh). */
  flush(): string[] {
    const written = this.commit();
    this.tables.clear();
    this.logs.clear();
    return written;
  }
}
