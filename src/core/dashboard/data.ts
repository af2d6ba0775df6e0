// DashboardData: everything the «Дашборд» sheet and the HTML dashboard show, and nothing more. It holds aggregates
// only — counts keyed by year, unit and a label from a choice list, indicator values, and the names of indicators,
// ОО or municipalities — never a register row, so no teacher's name, e-mail or birth date can reach a page built
// from it. The zod schema is strict: a field that is not declared here (a list of people, say) fails the parse that
// every page rendering goes through (`page.ts`).
import * as z from 'zod';
import { KPI_STATUSES } from '../indicators/status';
import { COMPARATORS, EVENT_LEVELS, IOM_STATUSES, MENTORING_FORMS } from '../schema/choices';
import { dashboardWarningSchema } from './warnings';
import { roadmapPanelSchema } from './roadmap';

const text = z.string().max(1000);
const count = z.number().int().nonnegative();
const year = z.string().regex(/^\d{4}$/);
/** A unit's code; '' = rows attributed to no known unit (counted in the totals, never offered as a filter). */
const unitCode = z.string().max(100);

/** year → unit code → label → count. */
const cube = <T extends z.ZodType<string>>(labels: T) => z.record(year, z.record(unitCode, z.partialRecord(labels, count)));

const status = z.enum(KPI_STATUSES);
const value = z.number().finite().nullable();

const unitIndicatorSchema = z.strictObject({
  unit: unitCode,
  numerator: value,
  denominator: value,
  value,
  /** Compared with the indicator's plan for shares and ratios; null for counts (a plan is for the whole territory). */
  status: status.nullable(),
});

const indicatorSchema = z.strictObject({
  code: text,
  name: text,
  /** «Ед. изм.» of the passport: «%», «чел.», … */
  unit: text,
  plan: z.union([z.number().finite(), text]).nullable(),
  comparator: z.enum(COMPARATORS),
  /** A percentage for shares, a count for counts, a typed value («Да») for a manual row; null = no data. */
  value: z.union([z.number().finite(), text]).nullable(),
  /** The same period one year earlier, and value − it (SPEC §6 «Динамика»); null where unknown (the region's totals). */
  previousValue: z.union([z.number().finite(), text]).nullable(),
  change: z.number().finite().nullable(),
  /**
   * The territory's value in each year known (the registers' years of a municipal recompute; the region's totals of
   * every year its refreshes kept), ascending: the trend line. [] for a typed indicator.
   */
  history: z.array(z.strictObject({ year: z.number().int().min(1900).max(2100), value })).max(50),
  numerator: value,
  denominator: value,
  status,
  byUnit: z.array(unitIndicatorSchema),
});

const periodSchema = z.strictObject({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

export const MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
const month = z.enum(MONTHS);

export const dashboardDataSchema = z.strictObject({
  /** What the page and the sheet are titled: the municipality (or the region), else the workbook's name. */
  title: text,
  /** When the dashboard was built, local time: yyyy-mm-ddThh:mm:ss. */
  builtAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
  /** When the indicators were last recomputed (same format); null before the first recompute. */
  computedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    .nullable(),
  /** «Набор показателей». */
  preset: text,
  /** The indicators' period; null before the first recompute. */
  period: periodSchema.nullable(),
  /** What the units are: the ОО of a municipal workbook, the municipalities of the regional one. */
  unitKind: z.enum(['organization', 'municipality']),
  units: z.array(z.strictObject({ code: unitCode.min(1), name: text })),
  /** Years the page can filter by, ascending. */
  years: z.array(z.number().int().min(1900).max(2100)),
  indicators: z.array(indicatorSchema),
  /** Where ОО-1 and the roster disagree (a municipal workbook's indicators); absent on the regional dashboard. */
  warnings: z.array(dashboardWarningSchema).optional(),
  /** IOMs in each year (start ≤ 31.12, no end or end ≥ 01.01) by status, by the teacher's ОО. Null: not available. */
  ioms: cube(z.enum(IOM_STATUSES)).nullable(),
  /** Events held («Проведено») by the year of their start: unit (organizer) → month 1–12 → level → count. */
  events: z.record(year, z.record(unitCode, z.partialRecord(month, z.partialRecord(z.enum(EVENT_LEVELS), count)))).nullable(),
  /** Mentoring pairs active in each year (SPEC §6) by form, by the mentee's ОО. */
  pairs: cube(z.enum(MENTORING_FORMS)).nullable(),
  /** «Дорожная карта» today (./roadmap.ts); absent or null: no items (the regional workbook has none). */
  roadmap: roadmapPanelSchema.nullable().optional(),
});

export type DashboardData = z.infer<typeof dashboardDataSchema>;
export type DashboardIndicator = z.infer<typeof indicatorSchema>;
export type DashboardUnitIndicator = z.infer<typeof unitIndicatorSchema>;
export type DashboardUnit = DashboardData['units'][number];
export type UnitKind = DashboardData['unitKind'];
/** year → unit → label → count, as `ioms` and `pairs` hold it. */
export type CountCube<L extends string> = Record<string, Record<string, Partial<Record<L, number>>>>;
export type Month = (typeof MONTHS)[number];
