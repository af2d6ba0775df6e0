// Plan against fact (SPEC §6): the exact value is compared with the plan of the year by the row's «Сравнение».
// No value (denominator 0, nothing typed) is «Нет данных»; a value without a plan for the year is «Нет плана».
import { normalizeName } from '../text';
import type { MeasureKind } from './measures';
import type { Comparator, Plan } from './passport';

export const KPI_STATUSES = ['Выполнен', 'Не выполнен', 'Нет данных', 'Нет плана'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** `previous`: the value of the same period a year earlier, what «рост» compares with (no plan needed). */
export function statusOf(
  value: number | string | null,
  plan: Plan,
  comparator: Comparator,
  previous: number | string | null = null,
): KpiStatus {
  if (value === null) return 'Нет данных';
  if (comparator === 'рост') {
    if (typeof value !== 'number' || typeof previous !== 'number') return 'Нет данных';
    return value > previous ? 'Выполнен' : 'Не выполнен';
  }
  if (plan === null) return 'Нет плана';
  if (typeof value === 'number' && typeof plan === 'number') {
    return (comparator === '≤' ? value <= plan : value >= plan) ? 'Выполнен' : 'Не выполнен';
  }
  // A typed answer («Да») against a typed plan: the same words (case and «ё» aside) meet the plan.
  return normalizeName(String(value)) === normalizeName(String(plan)) ? 'Выполнен' : 'Не выполнен';
}

/** Fact − the year before's: percentage points for shares, units for counts; null unless both are numbers. */
export const changeOf = (value: number | string | null, previous: number | string | null): number | null =>
  typeof value === 'number' && typeof previous === 'number' ? value - previous : null;

/** Fact − plan, when both are numbers. */
export const deviationOf: (value: number | string | null, plan: Plan) => number | null = changeOf;

/**
 * The status of one unit (an ОО of a municipality, a municipality of the region) against the territory's plan: a
 * share or a ratio compares, a count does not — its plan is the territory's whole, so no unit meets or misses it
 * (null) — and a typed («manual») row has no unit value. Every page and letter that shows a unit's status takes it
 * from here, so a school's dashboard and its letter never disagree.
 */
export function unitStatusOf(kind: MeasureKind | null, value: number | null, plan: Plan, comparator: Comparator): KpiStatus | null {
  return kind === 'share' || kind === 'ratio' ? statusOf(value, plan, comparator) : null;
}
