import { isDate } from '../realm';
import { formatDate } from '../utilities';
import type { CellAttrs } from './grid';
import { parseTyped, staysText } from './locale';

export type CellValue = string | number | boolean | Date;

/** A cell as one object: what exporters read (Grid.eachCellOfRow), built from the sheet's grid (./grid). */
export interface Cell extends Partial<CellAttrs> {
  v: CellValue;
}

/**
 * Google's limit on one cell (support.google.com/docs/answer/37603: «50,000 characters»): setValue(s)/appendRow
 * refuse a longer string with this message (as Apps Script and the Sheets API report it). The whole input counts,
 * a quote prefix included — the stricter reading.
 */
export const CELL_CHAR_LIMIT = 50_000;
export const CELL_TOO_LONG = 'Your input contains more than the maximum of 50000 characters in a single cell.';
/** The «Обычный текст» number format: what is typed is kept as it is. */
export const PLAIN_TEXT_FORMAT = '@';

export interface InputContext {
  timeZone: string;
  /** Today, for a date typed without its year: asked only then (a clock read per written cell adds up). */
  now: () => Date;
  /** The cell's number format before the write: '@' keeps text verbatim, anything set is kept. */
  format?: string;
  /** Form destinations store answers as data: a formula-looking answer stays text. */
  formulas?: boolean;
  /** The spreadsheet's texts and dates, shared (ValuePool). */
  pool?: ValuePool;
}

/** Throws Google's error when a string would not fit in one cell (checked before anything is written). */
export function assertFits(input: unknown): void {
  if (typeof input === 'string' && input.length > CELL_CHAR_LIMIT) throw new Error(CELL_TOO_LONG);
}

/**
 * Google's setValue coercion: a string is read as if a person typed it in a ru_RU spreadsheet (see ./locale):
 * «=…» is a formula, a leading «'» keeps the rest as text, numbers, dates, times, percents and booleans are
 * converted; a cell formatted as plain text («@») keeps the string exactly (its apostrophe too: uncertain in
 * Google, so the stricter reading). A non-finite number cannot be stored: it becomes #NUM!.
 */
export function coerceInput(input: unknown, ctx?: InputContext): { v: CellValue; f?: string; nf?: string } {
  if (input === null || input === undefined) return { v: '' };
  if (isDate(input)) return { v: storedDate(input.getTime(), ctx?.pool) };
  if (typeof input === 'number') return { v: Number.isFinite(input) ? input : '#NUM!' };
  if (typeof input === 'boolean') return { v: input };
  const s = typeof input === 'string' ? input : String(input);
  if (staysText(s)) return { v: storedText(s, ctx?.pool) }; // the parse below would find nothing (./locale)
  if (ctx?.format === PLAIN_TEXT_FORMAT) return { v: storedText(s, ctx?.pool) };
  if (s.startsWith("'")) return { v: storedText(s.slice(1), ctx?.pool) };
  const parsed = parseTyped(s, ctx?.timeZone ?? 'Europe/Moscow', ctx?.now ?? (() => new Date()));
  if (!parsed) return { v: storedText(s, ctx?.pool) };
  switch (parsed.kind) {
    case 'formula':
      return ctx?.formulas === false ? { v: storedText(s, ctx?.pool) } : { v: '', f: parsed.formula };
    case 'error':
      return { v: parsed.value };
    default: {
      const value = parsed.value;
      return {
        v: isDate(value) ? storedDate(value.getTime(), ctx?.pool) : value,
        ...(parsed.format && !ctx?.format ? { nf: parsed.format } : {}),
      };
    }
  }
}

/**
 * Text as a sheet hands it back: a fresh flat string, not the caller's own. A string built by concatenation is a
 * rope in V8 (from 13 characters on) that each first use — hashing it for a Map, trimming it — flattens again;
 * Google's reads never return ropes, so a bench over generated rows would otherwise measure the generator. A slice
 * of a parsed CSV (also from 13 characters on) would keep the whole file's text alive. With a pool, equal texts
 * share one copy.
 */
export const storedText = (s: string, pool?: ValuePool): string => (s.length < 13 ? s : pool ? pool.text(s) : flatCopy(s));
/** A moment as a sheet stores it: the grid's own Date, shared when pooled. */
const storedDate = (time: number, pool?: ValuePool): Date => (pool ? pool.date(time) : new Date(time));
const flatCopy = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/**
 * One copy of each text and each moment a spreadsheet stores. At 53k staff 2.2M of its cells hold 272k distinct long
 * texts (an organisation, an event, a position repeated down a column and again in the register it feeds, the
 * response sheet and the change log), 80M characters for 18M; and 890k cells hold 157k distinct dates (a Date is
 * ~100 bytes). Looking a text up costs less than copying it. A pooled Date is shared by every cell that holds its
 * moment: the grid never mutates one nor hands one out (a read copies it). Values overwritten stay pooled: each
 * pool is dropped whole at its bound, and very long texts (notes, comments) are not pooled.
 */
export class ValuePool {
  private texts = new Map<string, string>();
  private dates = new Map<number, Date>();
  static readonly LIMIT = 1 << 20;
  static readonly LONGEST = 512;
  text(s: string): string {
    if (s.length > ValuePool.LONGEST) return flatCopy(s);
    let t = this.texts.get(s);
    if (t === undefined) {
      if (this.texts.size >= ValuePool.LIMIT) this.texts = new Map();
      t = flatCopy(s);
      this.texts.set(t, t); // the copy is the key: the caller's string (a CSV slice) is not kept
    }
    return t;
  }
  date(time: number): Date {
    let d = this.dates.get(time);
    if (d === undefined) {
      if (this.dates.size >= ValuePool.LIMIT) this.dates = new Map();
      this.dates.set(time, (d = new Date(time)));
    }
    return d;
  }
}

const DATE_NF = /[dyMHhms]/;

/** Display string like a ru_RU spreadsheet shows it. */
export function displayValue(v: CellValue, nf: string | undefined, timeZone: string): string {
  if (isDate(v)) {
    const pattern = nf && DATE_NF.test(nf) ? nf.replace(/"/g, "'") : 'dd.MM.yyyy';
    return formatDate(v, timeZone, pattern);
  }
  if (typeof v === 'number') {
    if (nf && /^0(\.0+)?$/.test(nf)) {
      const decimals = nf.includes('.') ? nf.split('.')[1]!.length : 0;
      return v.toFixed(decimals).replace('.', ',');
    }
    if (nf === '0%') return `${Math.round(v * 100)}%`;
    if (nf === '0.00%') return `${(v * 100).toFixed(2).replace('.', ',')}%`;
    return String(v).replace('.', ',');
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}
