// The dashboard's block of ОО-1 warnings (SPEC §6): where an indicator's numerator was clipped to an ОО's headcount,
// or staff_per_methodist found ОО-1 and the roster apart. Aggregates only: the indicator, the ОО and the text.
import * as z from 'zod';
import type { KpiReport } from '../indicators/report';

export const dashboardWarningSchema = z.strictObject({
  /** «Код» of the indicator. */
  indicator: z.string().max(100),
  /** The ОО's code (a unit of the filter). */
  unit: z.string().max(100),
  text: z.string().max(1000),
});

export type DashboardWarning = z.infer<typeof dashboardWarningSchema>;

export const dashboardWarnings = (report: KpiReport | null): DashboardWarning[] =>
  (report?.indicators ?? []).flatMap((i) => i.warnings.map((w) => ({ indicator: i.code, unit: w.organization, text: w.text })));
