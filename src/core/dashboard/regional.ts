// The regional workbook's dashboard: the same DashboardData with the indicator part only, one unit per
// municipality. The regional consolidation computes the region's totals (from numerators and denominators) and
// each municipality's values; this turns them into what the sheet and the page draw.
import type { KpiPeriod } from '../indicators/report';
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
