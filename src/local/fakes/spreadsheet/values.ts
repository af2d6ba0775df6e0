import { isDate } from '../realm';
import { formatDate } from '../utilities';

export type CellValue = string | number | boolean | Date;

export interface Cell {
  v: CellValue;
  /** Formula text including the leading '='. */
  f?: string;
  nf?: string;
  dv?: GoogleAppsScript.Spreadsheet.DataValidation | null;
  fw?: string;
  bg?: string;
  fc?: string;
  wrap?: boolean;
  ha?: string;
  /** The cell's note (Range.setNote/getNote); not content: getLastRow ignores it. */
  note?: string;
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Google's setValue coercion: '=..' formula, "'.." quoted text, numeric strings become numbers. */
export function coerceInput(input: unknown): { v: CellValue; f?: string } {
  if (input === null || input === undefined) return { v: '' };
  if (isDate(input)) return { v: new Date(input.getTime()) };
  if (typeof input === 'number') return { v: Number.isFinite(input) ? input : '#NUM!' };
  if (typeof input === 'boolean') return { v: input };
  const s = typeof input === 'string' ? input : String(input);
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (s.startsWith('=') && s.length > 1) return { v: '', f: s };
  const t = s.trim();
  if (t !== '' && NUMERIC.test(t)) return { v: Number(t) };
  return { v: s };
}

export function readValue(c: Cell | undefined): CellValue {
  if (!c) return '';
  const v = c.v;
  return isDate(v) ? new Date(v.getTime()) : v;
}

const DATE_NF = /[dyMHhms]/;

/** Display string like a ru_RU spreadsheet shows it. */
export function displayValue(c: Cell | undefined, timeZone: string): string {
  if (!c) return '';
  const v = c.v;
  if (isDate(v)) {
    const pattern = c.nf && DATE_NF.test(c.nf) ? c.nf.replace(/"/g, "'") : 'dd.MM.yyyy';
    return formatDate(v, timeZone, pattern);
  }
  if (typeof v === 'number') {
    if (c.nf && /^0(\.0+)?$/.test(c.nf)) {
      const decimals = c.nf.includes('.') ? c.nf.split('.')[1]!.length : 0;
      return v.toFixed(decimals).replace('.', ',');
    }
    if (c.nf === '0%' ) return `${Math.round(v * 100)}%`;
    return String(v).replace('.', ',');
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

export function isEmptyCell(c: Cell | undefined): boolean {
  return !c || (c.v === '' && !c.f);
}
