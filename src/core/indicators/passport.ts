// The passport of an indicator: one row of «Показатели» as a methodist keeps it (SPEC §6). Plans are read by
// header («План 2023», «План 2024», … — a methodist may add a year), the measure, parameters and period are checked
// here, and a mistake is a Russian message naming the row.
import type { Cell } from '../ports';
import type { COMPARATORS } from '../schema/choices';
import type { Table } from '../table';
import { isDate, normalizeName } from '../text';
import { isMeasureId, MEASURE_IDS, MEASURES, type MeasureSpec, type Params } from './measures';
import { parseParams } from './params';
import { parsePeriodRule, type PeriodRule } from './period';

export type Comparator = (typeof COMPARATORS)[number];
export type Plan = number | string | null;

export interface Passport {
  /** 0-based data row of «Показатели». */
  readonly index: number;
  readonly code: string;
  readonly title: string;
  readonly unit: string;
  readonly measure: string;
  readonly params: string;
  readonly period: string;
  readonly plans: ReadonlyMap<number, Cell>;
  readonly comparator: Comparator;
  /** What is in «Факт»: a «manual» row's typed value. */
  readonly fact: Cell;
}

const PLAN_HEADER = /^план\s+(\d{4})$/i;
export const planHeader = (year: number) => `План ${year}`;

/** The data rows of «Показатели» that describe an indicator (a row with neither code, name nor measure is blank). */
export function readPassports(table: Table): Passport[] {
  const planColumns = table.header.flatMap((h, column) => {
    const m = PLAN_HEADER.exec(h.trim());
    return m ? [{ year: Number(m[1]), column }] : [];
  });
  const out: Passport[] = [];
  for (let index = 0; index < table.size; index++) {
    const code = table.text(index, 'code');
    const title = table.text(index, 'title');
    const measure = table.text(index, 'measure');
    if (!code && !title && !measure) continue;
    out.push({
      index,
      code,
      title,
      unit: table.text(index, 'unit'),
      measure,
      params: table.text(index, 'params'),
      period: table.text(index, 'period'),
      plans: new Map(planColumns.map(({ year, column }) => [year, table.cellAt(index, column)])),
      comparator: parseComparator(table.text(index, 'comparison')),
      fact: table.get(index, 'fact'),
    });
  }
  return out;
}

export function parseComparator(text: string): Comparator {
  const t = normalizeName(text);
  if (t === 'рост') return 'рост';
  return t === '≤' || t === '<=' || t === 'не более' ? '≤' : '≥';
}

/** A plan cell: a number («60», «60%», «≥ 60», «12,5»), a text («Да»), or null when empty. */
export function planValue(cell: Cell | undefined): Plan {
  if (cell === undefined || cell === '' || isDate(cell)) return null;
  if (typeof cell === 'number') return cell;
  const text = String(cell).trim();
  if (!text) return null;
  const compact = text
    .replace(/^[≥≤<>=]+/, '')
    .replace(/[%\s\u00a0]/g, '')
    .replace(',', '.');
  return /^[-+]?\d+(\.\d+)?$/.test(compact) ? Number(compact) : text;
}

export const rowLabel = (p: Passport) => `Строка ${p.index + 2} листа «Показатели»${p.code ? ` (код «${p.code}»)` : ''}`;

export type CompiledPassport =
  | { readonly ok: true; readonly spec: MeasureSpec; readonly params: Params; readonly rule: PeriodRule | null }
  | { readonly ok: false; readonly message: string };

/** Measure, parameters and period of a row, checked; `rule` null = the workbook's default period. */
export function compilePassport(p: Passport): CompiledPassport {
  const fail = (message: string): CompiledPassport => ({ ok: false, message: `${rowLabel(p)}: ${message}.` });
  const measure = p.measure.trim().toLowerCase();
  if (!isMeasureId(measure)) {
    return fail(`${measure ? `расчёт «${p.measure}» неизвестен` : 'не указан «Расчёт»'} (допустимо: ${MEASURE_IDS.join(', ')})`);
  }
  const spec = MEASURES[measure];
  const params = parseParams(spec, p.params);
  if (!params.ok) return fail(params.message);
  if (!p.period.trim()) return { ok: true, spec, params: params.params, rule: null };
  const rule = parsePeriodRule(p.period);
  return rule.ok ? { ok: true, spec, params: params.params, rule: rule.rule } : fail(rule.message);
}
