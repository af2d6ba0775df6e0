import ExcelJS from 'exceljs';
import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import { isDate } from './fakes/realm';
import { colToLetters } from './fakes/spreadsheet/a1';
import type { FakeRange } from './fakes/spreadsheet/range';
import type { FakeSheet } from './fakes/spreadsheet/sheet';
import type { FakeSpreadsheet } from './fakes/spreadsheet/spreadsheet';
import type { Cell } from './fakes/spreadsheet/values';
import { validationData } from './fakes/spreadsheet/validation';
import { unwrap } from './fakes/strict';
import { formatDate } from './fakes/utilities';

/**
 * exceljs' zip (archiver: zlib on libuv's thread pool, one 64 KB chunk a turn) only moves when the event loop turns:
 * a sheet written in one synchronous loop leaves its whole deflate for the end (the profile: the last ~1.5 s of a
 * 53k export spent waiting for the zip, 13 % of it). Turning the loop every few rows lets zlib compress on the other
 * core while rows render, and less waits in memory. One process, 53k staff, alternating, 4 rounds: never 9.7–10.3 s
 * (CPU 12.1 s), every 20 rows 8.1–8.6 s (CPU 11.1 s); every 100 rows gains half that, every 40 or 8 as 20. The floor
 * in `npm run bench` turns it the same way.
 */
export const ROWS_PER_TURN = 20;
/** Whether the loop turns after this row (0-based in its sheet); an await on every row would cost a tick each. */
export const zipTurnDue = (row: number): boolean => row % ROWS_PER_TURN === 0;

/** The style of every row: none (shared, never written to: rows are not styled). */
const ROW_STYLE: Partial<ExcelJS.Style> = {};
/** Excel's inline list (`"a,b,c"`) is limited to 255 characters; longer lists go to a hidden sheet. */
const INLINE_LIST_LIMIT = 255;
const LISTS_SHEET = '_lists';
const HEX = /^#[0-9a-f]{6}$/i;

type Validation = ExcelJS.DataValidation;

/**
 * Writes the fake spreadsheet as an .xlsx: values (dates as dates, formulas as formulas), hidden sheets,
 * frozen rows, column widths, list dropdowns, fonts, fills and notes; a titled table in the place of each chart.
 * Streamed row by row (exceljs' streaming writer): a municipality of 45,000 answers is written without holding a
 * second workbook in memory, and a dropdown set on a whole column is one range validation, not one per cell.
 */
export async function exportWorkbookXlsx(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, path: string): Promise<void> {
  const ss = unwrap<FakeSpreadsheet>(spreadsheet);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = 'Маршрут';
  const names = new Map<FakeSheet, string>();
  for (const s of ss.sheets) names.set(s, excelSheetName(s.name, [...names.values()]));
  const lists = new ListSheet();
  for (const sheet of ss.sheets) {
    const ws = wb.addWorksheet(names.get(sheet)!, {
      state: sheet.hidden ? 'hidden' : 'visible',
      views: sheet.frozenRows || sheet.frozenCols ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenCols }] : [],
    });
    for (const [col, px] of sheet.columnWidths) ws.getColumn(col).width = Math.round((px / 7) * 100) / 100;
    writeValidations(ws, sheet, names, lists);
    const charts = chartTables(sheet);
    const grid = sheet.grid;
    const height = Math.max(grid.height(), ...[...charts.keys()].map((r) => r + 1));
    for (let r = 0; r < height; r++) {
      const width = grid.width(r);
      const extra = charts.get(r);
      if (!width && !extra) continue;
      const row = ws.getRow(r + 1);
      // exceljs gives each row its own empty style object and, finding it in no cache, renders it to XML and hashes
      // it at the commit: one shared empty style is a cache hit (the same «no style» in the file).
      (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE; // not in exceljs' types
      grid.eachCellOfRow(r, (ci, c) => writeCell(row.getCell(ci + 1), c, ss.timeZone));
      extra?.forEach((c, ci) => writeCell(row.getCell(ci + 1), c, ss.timeZone));
      row.commit();
      if (zipTurnDue(r)) await turnOfTheLoop();
    }
    await ws.commit();
  }
  if (lists.columns.length) {
    const ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    const height = Math.max(...lists.columns.map((c) => c.length));
    for (let r = 0; r < height; r++) ws.addRow(lists.columns.map((values) => values[r] ?? null)).commit();
    await ws.commit();
  }
  await wb.commit();
}

/**
 * exceljs cannot write charts: in each chart's place (its anchor cell), its title and the table it draws — the values
 * of its first data range — so the file still shows what the chart says. Cells that hold data are left as they are.
 * Returned as extra cells by row (0-based) and column, merged into the stream.
 */
function chartTables(sheet: FakeSheet): Map<number, Map<number, Cell>> {
  const out = new Map<number, Map<number, Cell>>();
  const put = (row: number, col: number, v: Cell['v'], bold: boolean) => {
    if (v === '' || sheet.grid.value(row, col) !== '') return;
    const line = out.get(row) ?? new Map<number, Cell>();
    if (!line.has(col)) line.set(col, { v, ...(bold ? { fw: 'bold' } : {}) } as Cell);
    out.set(row, line);
  };
  for (const chart of sheet.chartList()) {
    const [range] = chart.ranges;
    const at = chart.position ?? { row: 1, col: 1 };
    put(at.row - 1, at.col - 1, `Диаграмма «${String(chart.options.title ?? '')}»`, true);
    const values = range ? (unwrap<FakeRange>(range).getValues() as Cell['v'][][]) : [];
    values.forEach((line, r) => line.forEach((v, k) => put(at.row + r, at.col - 1 + k, v, r === 0)));
  }
  return out;
}

function writeCell(cell: ExcelJS.Cell, c: Cell, tz: string): void {
  const v = c.v;
  const date = typeof v === 'object' && isDate(v);
  let numFmt = date || c.nf === undefined ? undefined : toExcelFormat(c.nf);
  if (c.f) cell.value = { formula: c.f.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
  else if (date) {
    const wall = wallClockMs(v, tz);
    // A date is its serial number under a date format: the XML exceljs writes for a Date, without a Date per cell.
    cell.value = excelSerial(wall);
    numFmt = (c.nf === undefined ? undefined : toExcelFormat(c.nf)) ?? (wall % DAY === 0 ? 'dd.mm.yyyy' : 'dd.mm.yyyy hh:mm:ss');
  } else if (typeof v === 'number' && !Number.isFinite(v)) {
    cell.value = { error: '#NUM!' }; // never «Infinity»: Excel and Sheets hold finite numbers only
  } else if (v !== '') cell.value = v as string | number | boolean;
  if (c.note) cell.note = c.note;
  cell.style = styleOf(c, numFmt, typeof v === 'number');
}

/**
 * One style object per distinct look, shared by every cell that has it: exceljs keys the styles it has written by
 * the object (a WeakMap), so a shared object is a look-up, where a cell's own object is rendered to XML and hashed —
 * per cell, most of the export's time. `number`: exceljs gives a number without a format «General», other values none.
 */
const styles = new Map<string, Partial<ExcelJS.Style>>();
/** Cells with no font, colour, fill or wrap (nearly all of a register) by number format alone: no key built per cell. */
const plainStyles = { number: new Map<string, Partial<ExcelJS.Style>>(), other: new Map<string, Partial<ExcelJS.Style>>() };
function styleOf(c: Cell, numFmt: string | undefined, number: boolean): Partial<ExcelJS.Style> {
  if (!c.fw && !c.fs && !c.wrap && !c.fc && !c.bg) {
    const plain = number ? plainStyles.number : plainStyles.other;
    let style = plain.get(numFmt ?? '');
    if (!style) plain.set(numFmt ?? '', (style = keyedStyle(c, numFmt, number)));
    return style;
  }
  return keyedStyle(c, numFmt, number);
}

function keyedStyle(c: Cell, numFmt: string | undefined, number: boolean): Partial<ExcelJS.Style> {
  const color = c.fc && HEX.test(c.fc) ? c.fc : '';
  const fill = c.bg && HEX.test(c.bg) && c.bg.toLowerCase() !== '#ffffff' ? c.bg : '';
  const key = `${numFmt ?? ''}|${c.fw === 'bold' ? 'b' : ''}${c.fs === 'italic' ? 'i' : ''}${c.wrap ? 'w' : ''}${number ? 'n' : ''}|${color}|${fill}`;
  let style = styles.get(key);
  if (!style) {
    style = {};
    if (numFmt) style.numFmt = numFmt;
    if (c.fw === 'bold' || c.fs === 'italic' || color) {
      style.font = {
        ...(c.fw === 'bold' ? { bold: true } : {}),
        ...(c.fs === 'italic' ? { italic: true } : {}),
        ...(color ? { color: { argb: `FF${color.slice(1).toUpperCase()}` } } : {}),
      };
    }
    if (c.wrap) style.alignment = { wrapText: true };
    if (fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill.slice(1).toUpperCase()}` } };
    styles.set(key, style);
  }
  return style;
}

/** Lists too long to write inline, one column each of the hidden `_lists` sheet, shared by equal lists. */
class ListSheet {
  readonly columns: string[][] = [];
  private readonly refs = new Map<string, string>();
  ref(values: string[]): string {
    const key = JSON.stringify(values);
    let ref = this.refs.get(key);
    if (!ref) {
      this.columns.push(values);
      const L = colToLetters(this.columns.length);
      ref = `${LISTS_SHEET}!$${L}$1:$${L}$${Math.max(1, values.length)}`;
      this.refs.set(key, ref);
    }
    return ref;
  }
}

/**
 * A sheet's dropdowns as Excel validations: cells of one column that carry the same rule one below the other are
 * one range (set-up puts a rule on a whole column).
 */
function writeValidations(ws: ExcelJS.Worksheet, sheet: FakeSheet, names: Map<FakeSheet, string>, lists: ListSheet): void {
  const runs = new Map<number, { rule: unknown; from: number; to: number }>();
  const flush = (col: number) => {
    const run = runs.get(col);
    if (!run) return;
    const validation = excelValidation(run.rule as GoogleAppsScript.Spreadsheet.DataValidation, names, lists);
    const range = `${colToLetters(col)}${run.from}:${colToLetters(col)}${run.to}`;
    if (validation)
      (ws as unknown as { dataValidations: { add(address: string, v: Validation): void } }).dataValidations.add(range, validation);
    runs.delete(col);
  };
  sheet.grid.layers.dv.rows.forEach((line, r) => {
    line?.forEach((dv, ci) => {
      const col = ci + 1;
      const run = runs.get(col);
      if (run && run.rule === dv && run.to === r) {
        run.to = r + 1;
        return;
      }
      flush(col);
      if (dv) runs.set(col, { rule: dv, from: r + 1, to: r + 1 });
    });
  });
  for (const col of [...runs.keys()]) flush(col);
}

function excelValidation(
  dv: GoogleAppsScript.Spreadsheet.DataValidation,
  names: Map<FakeSheet, string>,
  lists: ListSheet,
): Validation | null {
  const d = validationData(dv);
  if (d.criteria === 'VALUE_IN_LIST') {
    const values = (d.values[0] as unknown[]).map(String);
    const inline = `"${values.join(',')}"`;
    const useInline = inline.length <= INLINE_LIST_LIMIT && !values.some((v) => v.includes(',') || v.includes('"'));
    return {
      type: 'list',
      allowBlank: true,
      showErrorMessage: !d.allowInvalid,
      formulae: [useInline ? inline : lists.ref(values)],
      ...(d.helpText ? { showInputMessage: true, prompt: d.helpText } : {}),
    };
  }
  if (d.criteria === 'VALUE_IN_RANGE') {
    const src = unwrap<FakeRange>(d.values[0]);
    const sn = names.get(src.sheet) ?? src.sheet.name;
    const a = `$${colToLetters(src.ref.col)}$${src.ref.row}:$${colToLetters(src.ref.col + src.ref.numCols - 1)}$${src.ref.row + src.ref.numRows - 1}`;
    return { type: 'list', allowBlank: true, showErrorMessage: !d.allowInvalid, formulae: [`'${sn.replace(/'/g, "''")}'!${a}`] };
  }
  return null;
}

/** The moment as the spreadsheet's local wall-clock time read as UTC (ms): what Excel shows, it has no zones. */
function wallClockMs(d: Date, tz: string): number {
  return d.getTime() + zoneOffsetMs(d, tz);
}

/** Excel's day number (1900 system) of a UTC wall-clock time: exceljs' own dateToExcel, the same digits in the file. */
function excelSerial(ms: number): number {
  return 25569 + ms / DAY;
}

/**
 * The zone's offset from UTC at a moment. It changes only on whole hours (daylight saving, a zone's reform), and at
 * most once a day: where a UTC day begins and ends at the same offset, that offset holds all day and the day is one
 * look-up; a day of change is looked up hour by hour. A workbook's 900k dates (answers' timestamps spread over many
 * hours) cost a few thousand Intl calls, not one per hour they touch.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** By zone: the offset of each UTC day that has one all day (NaN for a day of change), and of each hour of those. */
const offsets = new Map<string, { days: Map<number, number>; hours: Map<number, number> }>();
/** The last whole day looked up: a row's dates mostly fall on one day (no two map look-ups for each). */
const last = { tz: '', day: NaN, offset: 0 };
function zoneOffsetMs(d: Date, tz: string): number {
  const day = Math.floor(d.getTime() / DAY);
  if (day === last.day && tz === last.tz) return last.offset;
  let zone = offsets.get(tz);
  if (!zone) offsets.set(tz, (zone = { days: new Map(), hours: new Map() }));
  let offset = zone.days.get(day);
  if (offset === undefined) {
    const [start, end] = [offsetAt(day * DAY, tz), offsetAt((day + 1) * DAY, tz)];
    zone.days.set(day, (offset = start === end ? start : NaN));
  }
  if (!Number.isNaN(offset)) {
    last.tz = tz;
    last.day = day;
    last.offset = offset;
    return offset;
  }
  const hour = Math.floor(d.getTime() / HOUR);
  let byHour = zone.hours.get(hour);
  if (byHour === undefined) zone.hours.set(hour, (byHour = offsetAt(hour * HOUR, tz)));
  return byHour;
}

function offsetAt(ms: number, tz: string): number {
  const at = new Date(ms);
  const [date, time] = formatDate(at, tz, 'yyyy-MM-dd HH:mm:ss').split(' ');
  const [y, m, day] = date!.split('-').map(Number);
  const [h, mi, sec] = time!.split(':').map(Number);
  return Date.UTC(y!, m! - 1, day!, h!, mi!, sec!) - at.getTime();
}

/** Google date patterns use MM for month like Excel; only minutes need care, which Excel infers. */
function toExcelFormat(nf: string): string | undefined {
  if (!nf || nf === 'General') return undefined;
  let excel = excelFormats.get(nf);
  if (excel === undefined) excelFormats.set(nf, (excel = nf.replace(/M/g, 'm')));
  return excel;
}
/** By Google pattern: a workbook has a few dozen, read for a million cells (no regex run per cell). */
const excelFormats = new Map<string, string>();

function excelSheetName(name: string, taken: string[]): string {
  let n = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let k = 2;
  while (taken.includes(n) || n === LISTS_SHEET) n = `${n.slice(0, 28)}~${k++}`;
  return n;
}
