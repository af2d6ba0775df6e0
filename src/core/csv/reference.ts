// Reads a reference CSV (organizations.csv, staff.csv, diagnostics.csv — SPEC §3) into records keyed by column key,
// converting every cell by its column kind and describing every problem in Russian.
import { MULTI_SEPARATOR, type ColumnSpec, type SheetSpec } from '../schema/sheets';
import { normalizeName, normalizeTitle, parseDateText, splitCheckboxAnswer } from '../text';
import type { CsvTable } from './table';

export type ReferenceValue = string | number | Date | '';
export type ReferenceRecord = Record<string, ReferenceValue>;

export interface ReferenceProblem {
  /** 1-based data row; 0 = the file as a whole (columns). */
  row: number;
  message: string;
}

export interface ReferenceTable {
  records: ReferenceRecord[];
  problems: ReferenceProblem[];
}

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

type Converted = { value: ReferenceValue; problem?: string };

function convert(column: ColumnSpec, raw: string): Converted {
  const text = raw.trim();
  if (!text) return { value: '' };
  const name = q(column.header);
  switch (column.kind) {
    case 'date':
    case 'datetime': {
      const d = parseDateText(text);
      return d ? { value: d } : { value: '', problem: `${name}: ${q(text)} — не дата (ожидается дд.мм.гггг)` };
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
      return { value: '', problem: `${name}: ${q(text)} нет в списке (${choices.join(' | ')})` };
    }
    case 'multi': {
      const choices = column.choices ?? [];
      const parts = text.includes(';')
        ? text.split(';').map((s) => s.trim()).filter(Boolean)
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
      return bad.length
        ? { value, problem: `${name}: ${bad.map(q).join(', ')} нет в списке (${choices.join('; ')})` }
        : { value };
    }
    case 'email': {
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)
        ? { value: text }
        : { value: text, problem: `${name}: ${q(text)} не похоже на адрес электронной почты` };
    }
    default:
      return { value: text };
  }
}

/**
 * Reads `table` as the reference sheet `sheet`. Headers are matched to column headers (or keys) by normalizeTitle;
 * unknown columns are ignored and reported once (row 0). Each cell is converted by its column kind: date → Date,
 * int/number → number, choice → the canonical option (any text for an open choice), multi → canonical options joined
 * with «; » (the CSV may join them with «; » or «, »). A bad cell becomes '' and is reported; a row whose required
 * cell ends up empty is skipped and reported. A missing required column rejects the whole file (one problem, row 0).
 */
export function readReferenceTable(table: CsvTable, sheet: SheetSpec): ReferenceTable {
  const problems: ReferenceProblem[] = [];
  const byTitle = new Map<string, ColumnSpec>();
  for (const column of sheet.columns) {
    byTitle.set(normalizeTitle(column.header), column);
  }
  for (const column of sheet.columns) {
    const k = normalizeTitle(column.key);
    if (!byTitle.has(k)) byTitle.set(k, column);
  }

  const columnAt = new Map<number, ColumnSpec>();
  const seen = new Set<string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  table.headers.forEach((header, index) => {
    if (!header.trim()) return;
    const column = byTitle.get(normalizeTitle(header));
    if (!column) unknown.push(header);
    else if (seen.has(column.key)) duplicate.push(header);
    else {
      seen.add(column.key);
      columnAt.set(index, column);
    }
  });
  if (unknown.length) {
    problems.push({ row: 0, message: `Неизвестные столбцы пропущены: ${unknown.map(q).join(', ')}` });
  }
  if (duplicate.length) {
    problems.push({ row: 0, message: `Повторяющиеся столбцы пропущены: ${duplicate.map(q).join(', ')}` });
  }
  const missingRequired = sheet.columns.filter((c) => c.required && !seen.has(c.key));
  if (missingRequired.length) {
    problems.push({
      row: 0,
      message: `Нет обязательных столбцов: ${missingRequired.map((c) => q(c.header)).join(', ')}. Файл «${sheet.name}» не загружен.`,
    });
    return { records: [], problems };
  }

  const records: ReferenceRecord[] = [];
  table.rows.forEach((cells, index) => {
    const row = index + 1;
    const record: ReferenceRecord = {};
    for (const column of sheet.columns) record[column.key] = '';
    const rowProblems: string[] = [];
    columnAt.forEach((column, col) => {
      const { value, problem } = convert(column, cells[col] ?? '');
      record[column.key] = value;
      if (problem) rowProblems.push(problem);
    });
    const emptyRequired = sheet.columns.filter((c) => c.required && record[c.key] === '');
    for (const message of rowProblems) problems.push({ row, message });
    if (emptyRequired.length) {
      problems.push({
        row,
        message: `Строка пропущена: не заполнено ${emptyRequired.map((c) => q(c.header)).join(', ')}`,
      });
      return;
    }
    records.push(record);
  });
  return { records, problems };
}
