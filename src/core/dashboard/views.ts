// What one view of DashboardData shows — one year, the whole territory or one unit: the sheet draws the whole
// territory in the indicators' year; the page (which repeats these few sums in its own script) lets people choose.
import type { CountCube, DashboardData, Month } from './data';

/** The year a dashboard opens on: the indicators' year, else the latest year with data; null without any year. */
export function defaultYear(data: DashboardData): number | null {
  const periodYear = data.period ? Number(data.period.to.slice(0, 4)) : null;
  if (periodYear !== null && data.years.includes(periodYear)) return periodYear;
  return data.years.length ? data.years[data.years.length - 1]! : null;
}

/** Counts by label in a year, summed over every unit (null) or of one unit. */
export function countsOf<L extends string>(cube: CountCube<L>, year: number, unit: string | null): Partial<Record<L, number>> {
  const total: Partial<Record<L, number>> = {};
  for (const [code, labels] of Object.entries(cube[String(year)] ?? {})) {
    if (unit !== null && code !== unit) continue;
    for (const [label, n] of Object.entries(labels) as [L, number][]) total[label] = (total[label] ?? 0) + n;
  }
  return total;
}

/** Events held in a year by month and level, summed over every unit (null) or of one unit. */
export function eventsByMonth(events: NonNullable<DashboardData['events']>, year: number, unit: string | null) {
  const total: Partial<Record<Month, Record<string, number>>> = {};
  for (const [code, months] of Object.entries(events[String(year)] ?? {})) {
    if (unit !== null && code !== unit) continue;
    for (const [month, levels] of Object.entries(months) as [Month, Record<string, number>][]) {
      const sum = (total[month] ??= {});
      for (const [level, n] of Object.entries(levels)) sum[level] = (sum[level] ?? 0) + n;
    }
  }
  return total;
}
