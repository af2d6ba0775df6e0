// The regional workbook's dashboard: the same DashboardData with the indicator part only, one unit per
// municipality. The regional consolidation computes the region's totals (from numerators and denominators) and
// each municipality's values; this turns them into what the sheet and the page draw.
import { MEASURES, type MeasureId } from '../indicators/measures';
import { presetOf, PRESET_IDS } from '../indicators/presets';
import type { KpiPeriod } from '../indicators/report';
import { changeOf, unitStatusOf } from '../indicators/status';
import { yearBeforeOf, type RegionReport } from '../region/report';
import { localDateTime } from './build';
import type { DashboardData, DashboardIndicator, DashboardUnit } from './data';

export interface RegionalDashboardInput {
  readonly title: string;
  readonly now: Date;
  readonly preset: string;
  /** The span of the municipalities' periods; null when none has indicators yet. */
  readonly period: KpiPeriod | null;
  /** When the consolidation ran (yyyy-mm-ddThh:mm:ss), or null. */
  readonly computedAt: string | null;
  /** Code (e.g. the workbook id or a short name) and name of each municipality read. */
  readonly municipalities: readonly DashboardUnit[];
  /** The region's totals; `byUnit` holds one entry per municipality (its `unit` = the municipality's code). */
  readonly indicators: readonly DashboardIndicator[];
}

export function regionalDashboard(input: RegionalDashboardInput): DashboardData {
  const years = input.period ? [...new Set([Number(input.period.from.slice(0, 4)), Number(input.period.to.slice(0, 4))])] : [];
  return {
    title: input.title,
    builtAt: localDateTime(input.now),
    computedAt: input.computedAt,
    preset: input.preset,
    period: input.period,
    unitKind: 'municipality',
    units: [...input.municipalities],
    years,
    indicators: [...input.indicators],
    ioms: null,
    events: null,
    pairs: null,
  };
}

/**
 * The regional dashboard from the last refresh as the regional workbook holds it (readRegionReport): each
 * municipality read is a unit; its share or ratio is compared with the region's plan (a count's plan is the
 * region's whole, as in a municipal dashboard), a typed value is not drawn per municipality.
 */
export function dashboardOfRegion(report: RegionReport, now: Date, fallbackTitle: string): DashboardData {
  const measures = new Map(PRESET_IDS.includes(report.preset) ? presetOf(report.preset).rows.map((r) => [r.code, r.measure]) : []);
  const kindOf = (code: string) => MEASURES[measures.get(code) as MeasureId]?.kind ?? null;
  const numberOrNull = (v: number | string | null) => (typeof v === 'number' ? v : null);
  const periods = report.municipalities.filter((m) => m.status === 'read' && m.period).map((m) => m.period!);
  return regionalDashboard({
    title: report.region || fallbackTitle,
    now,
    preset: report.preset,
    period: periods.length
      ? {
          from: periods.map((p) => p.from).sort()[0]!,
          to: periods
            .map((p) => p.to)
            .sort()
            .slice(-1)[0]!,
        }
      : null,
    computedAt: report.updatedAt,
    // A municipality by its name, never its workbook's ID (the list fills the name from the workbook's title).
    municipalities: report.byMunicipality.map((m) => ({ code: m.workbook, name: m.name || UNNAMED })),
    indicators: report.indicators.map((total) => {
      const before = yearBeforeOf(total);
      return {
        code: total.code,
        name: total.name,
        unit: total.unit,
        plan: total.plan,
        comparator: total.comparator,
        value: total.value,
        // From the years the refreshes kept (regionTotals sums each year like the totals).
        previousValue: before,
        change: changeOf(total.value, before),
        history: total.history.map((h) => ({ year: h.year, value: h.value })),
        numerator: total.numerator,
        denominator: total.denominator,
        status: total.status,
        byUnit: report.byMunicipality.flatMap((m) =>
          m.indicators
            .filter((i) => i.code === total.code)
            .map((i) => ({
              unit: m.workbook,
              numerator: i.numerator,
              denominator: i.denominator,
              value: numberOrNull(i.value),
              status: unitStatusOf(kindOf(total.code), numberOrNull(i.value), total.plan, total.comparator),
            })),
        ),
      };
    }),
  });
}

/** What a municipality without a name in «Муниципалитеты» is called (its workbook's ID means nothing to a reader). */
export const UNNAMED = 'Муниципалитет без названия';
