// The zod validation of sheet rows, derived from the declarative sheet description: one schema per column kind
// turns a raw cell (CSV text, or a value typed into the sheet) into its typed value, with a Russian message for a
// methodist when the cell does not fit. Reference CSV import validates every cell with it.
import * as z from 'zod';
import { YES_ONLY } from './choices';
import { MULTI_SEPARATOR, type ColumnSpec, type SheetSpec } from './sheets';
import { dayProblemText, isDate, normalizeName, parseDateTime, readDay, splitCheckboxAnswer } from '../text';
import { isEmail, splitAddresses } from '../email';

export type CellValue = string | number | Date | '';

const q = (s: string) => `«${s}»`;

function canonicalChoice(value: string, choices: readonly string[]): string | undefined {
  const key = normalizeName(value);
  return choices.find((c) => normalizeName(c) === key);
}

function parseNumber(text: string, integer: boolean): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[-+]?\d+(\.\d+)?$/.test(compact)) return null;
  const n = Number(compact);
  if (!Number.isFinite(n)) return null;
  if (integer && !Number.isInteger(n)) return null;
  return n;
}

type Converted = { value: CellValue; problem?: string };

function convert(column: ColumnSpec, raw: string): Converted {
  const text = raw.trim();
  if (!text) return { value: '' };
  const name = q(column.header);
  switch (column.kind) {
    case 'date': {
      const read = readDay(text);
      return 'date' in read ? { value: read.date } : { value: '', problem: dayProblemText(read.problem, text, `столбце ${name}`) };
    }
    case 'datetime': {
      const d = parseDateTime(text);
      return d ? { value: d } : { value: '', problem: `${name}: ${q(text)} — не дата (ожидается дд.мм.гггг чч:мм:сс)` };
    }
    case 'int':
    case 'number': {
      const n = parseNumber(text, column.kind === 'int');
      if (n !== null) return { value: n };
      return { value: '', problem: `${name}: ${q(text)} — не ${column.kind === 'int' ? 'целое ' : ''}число` };
    }
    case 'choice': {
      const choices = column.choices ?? [];
      const found = canonicalChoice(text, choices);
      if (found) return { value: found };
      if (column.openChoice) return { value: text };
      // A «Да | пусто» column (SPEC §3): «Нет», as Excel users fill every cell, is the empty answer, not a mistake.
      if (choices === YES_ONLY && canonicalChoice(text, ['Нет'])) return { value: '' };
      return { value: '', problem: `${name}: ${q(text)} нет в списке (${choices.join(' | ')})` };
    }
    case 'multi': {
      const choices = column.choices ?? [];
      const parts = text.includes(';')
        ? text
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean)
        : splitCheckboxAnswer(text, choices);
      const good: string[] = [];
      const bad: string[] = [];
      for (const part of parts) {
        const found = canonicalChoice(part, choices);
        if (found) {
          if (!good.includes(found)) good.push(found);
        } else bad.push(part);
      }
      // Keep the spec's option order, so equal sets are equal strings.
      good.sort((a, b) => choices.indexOf(a) - choices.indexOf(b));
      const value = good.join(MULTI_SEPARATOR);
      return bad.length ? { value, problem: `${name}: ${bad.map(q).join(', ')} нет в списке (${choices.join('; ')})` } : { value };
    }
    case 'email': {
      return isEmail(text)
        ? { value: text }
        : {
            value: text,
            problem: `${name}: ${q(text)} не похоже на один адрес электронной почты${/[,;\s]/.test(text) ? ' (здесь нужен один адрес)' : ''}`,
          };
    }
    case 'emails': {
      const addresses = splitAddresses(text);
      const bad = addresses.filter((a) => !isEmail(a));
      return bad.length
        ? { value: text, problem: `${name}: ${bad.map(q).join(', ')} не похоже на адрес электронной почты` }
        : { value: text };
    }
    default:
      return { value: text };
  }
}

/** What of a rejected cell can still be kept (see cellSchema), or ''. */
export const keptValue = (issues: readonly z.core.$ZodIssue[]): CellValue =>
  ((issues[0] as { params?: { value?: CellValue } } | undefined)?.params?.value ?? '') as CellValue;

/** The schema of one cell of `column`: a Date or number passes as it is; text is parsed by the column kind. */
export function cellSchema(column: ColumnSpec): z.ZodType<CellValue, unknown> {
  return z.unknown().transform((raw, ctx): CellValue => {
    if (isDate(raw) && (column.kind === 'date' || column.kind === 'datetime')) return raw;
    if (typeof raw === 'number' && (column.kind === 'int' || column.kind === 'number')) return raw;
    const { value, problem } = convert(column, raw === null || raw === undefined ? '' : String(raw));
    // A partly usable cell (the good options of a multi-choice, an odd e-mail) travels with the issue.
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { value } });
    return value;
  });
}

const cache = new WeakMap<SheetSpec, Record<string, z.ZodType<CellValue, unknown>>>();

export function cellSchemas(sheet: SheetSpec): Record<string, z.ZodType<CellValue, unknown>> {
  let schemas = cache.get(sheet);
  if (!schemas) {
    schemas = Object.fromEntries(sheet.columns.map((c) => [c.key, cellSchema(c)]));
    cache.set(sheet, schemas);
  }
  return schemas;
}
