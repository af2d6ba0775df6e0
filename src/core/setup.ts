// What «Настроить книгу» must add to make a workbook complete: missing sheets, missing columns, missing
// settings. It never removes or reorders anything, so running it again changes nothing.
import { SHEET_IDS, sheetSpec, type ColumnSpec, type SheetSpec } from './schema/sheets';

export interface SheetPlan {
  readonly spec: SheetSpec;
  readonly create: boolean;
  /** Columns to add after the sheet's last column, in schema order. */
  readonly addColumns: readonly ColumnSpec[];
  /** The 1-based column at which `addColumns` start. */
  readonly firstNewColumn: number;
}

/** `headers`: each existing sheet's header row by sheet name (absent = the sheet does not exist). */
export function planSetup(headers: ReadonlyMap<string, readonly string[]>): SheetPlan[] {
  return SHEET_IDS.map((id) => {
    const spec = sheetSpec(id);
    const existing = headers.get(spec.name);
    const present = (existing ?? []).map((h) => String(h).trim());
    const lastFilled = present.reduce((last, h, i) => (h ? i + 1 : last), 0);
    return {
      spec,
      create: existing === undefined,
      addColumns: spec.columns.filter((c) => !present.includes(c.header)),
      firstNewColumn: lastFilled + 1,
    };
  });
}
