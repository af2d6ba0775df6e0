// A workbook snapshot held in memory, for pure tests of the core: sheets given as rows keyed by schema keys (or a
// raw header and rows, for a sheet a methodist reshaped), read through the same Workbook/Table as in Google.
import type { Cell, TableChange, TableData, WorkbookPort } from '../../src/core/ports';
import { SHEETS, type SheetId } from '../../src/core/schema/sheets';
import { Workbook } from '../../src/core/workbook';

export type Rows = Record<string, Cell>[];
export type SheetData = Rows | { header: string[]; rows: Cell[][] };

function tableOf(id: SheetId, data: SheetData | undefined): TableData {
  if (data && !Array.isArray(data)) return { header: data.header, rows: data.rows.map((r) => [...r]) };
  const columns = SHEETS[id].columns;
  return { header: columns.map((c) => c.header), rows: (data ?? []).map((row) => columns.map((c) => row[c.key] ?? '')) };
}

export class MemoryPort implements WorkbookPort {
  readonly reads: SheetId[] = [];
  readonly writes: { id: SheetId; change: TableChange }[] = [];
  constructor(private readonly data: Partial<Record<SheetId, SheetData>>) {}
  readTable(id: SheetId): TableData {
    this.reads.push(id);
    return tableOf(id, this.data[id]);
  }
  readHeader(id: SheetId) {
    const t = tableOf(id, this.data[id]);
    return { header: t.header, rowCount: t.rows.length };
  }
  readColumns(id: SheetId): TableData {
    this.reads.push(id);
    return { ...tableOf(id, this.data[id]), partial: true };
  }
  writeTable(id: SheetId, _header: readonly string[], change: TableChange): void {
    this.writes.push({ id, change });
  }
}

export const memoryWorkbook = (data: Partial<Record<SheetId, SheetData>>): Workbook => new Workbook(new MemoryPort(data));

/** A calendar day at local midnight. */
export const d = (text: string): Date => {
  const [y, m, day] = text.split('-').map(Number);
  return new Date(y!, m! - 1, day!);
};
