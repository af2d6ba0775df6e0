// DashboardData of a municipal workbook, from one snapshot (each sheet read once): the indicators as the last
// recompute left them (readKpiReport — never a recompute), and counts of IOMs, events and mentoring pairs by year,
// ОО and label. Register rows are only counted here; none leaves this module.
import { isMeasureId, MEASURES } from '../indicators/measures';
import { dayOfCell, type Day } from '../indicators/period';
import { readKpiReport, type KpiIndicator, type KpiReport } from '../indicators/report';
import { statusOf } from '../indicators/status';
import { EVENT_LEVELS, EVENT_STATUS_DEFAULT, IOM_STATUSES, MENTORING_FORMS } from '../schema/choices';
import { byCode } from '../text';
import type { Workbook } from '../workbook';
import type { CountCube, DashboardData, DashboardIndicator, DashboardUnit, Month } from './data';

const pad2 = (n: number) => String(n).padStart(2, '0');
export const localDateTime = (d: Date) =>
  `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;

const yearOf = (day: Day) => Math.floor(day / 10000);

/** Adds one to cube[year][unit][label]. */
function bump<L extends string>(cube: CountCube<L>, year: number, unit: string, label: L): void {
  const units = (cube[String(year)] ??= {});
  const labels = (units[unit] ??= {});
  labels[label] = (labels[label] ?? 0) + 1;
}

/** The kinds of measure whose per-unit value compares with the plan (a share or a ratio does; a count is the territory's). */
const comparablePerUnit = (measure: string) => isMeasureId(measure) && (MEASURES[measure].kind === 'share' || MEASURES[measure].kind === 'ratio');

/** The indicators of a report, each with its value and status per unit. */
export function dashboardIndicators(report: KpiReport | null): DashboardIndicator[] {
  if (!report) return [];
  const byIndicator = new Map<string, DashboardIndicator['byUnit']>();
  for (const org of report.byOrganization) {
    for (const i of org.indicators) {
      const list = byIndicator.get(i.code) ?? [];
      byIndicator.set(i.code, list);
      const passport = report.indicators.find((p) => p.code === i.code);
      const status = passport && comparablePerUnit(passport.measure) ? statusOf(i.value, passport.plan, passport.comparator) : null;
      list.push({ unit: org.code, numerator: i.numerator, denominator: i.denominator, value: i.value, status });
    }
  }
  return report.indicators.map((i: KpiIndicator) => ({
    code: i.code,
    name: i.name,
    unit: i.unit,
    plan: i.plan,
    comparator: i.comparator,
    value: i.value,
    numerator: i.numerator,
    denominator: i.denominator,
    status: i.status,
    byUnit: byIndicator.get(i.code) ?? [],
  }));
}

/** The municipality most ОО of «Организации» belong to, else `fallback` (the workbook's name). */
function municipalityOf(workbook: Workbook, fallback: string): string {
  const orgs = workbook.table('organizations');
  const counts = new Map<string, number>();
  const municipality = orgs.texts('municipality');
  for (let i = 0; i < orgs.size; i++) {
    const name = municipality(i).trim();
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  return top ? top[0] : fallback;
}

function unitsOf(workbook: Workbook): DashboardUnit[] {
  const orgs = workbook.table('organizations');
  const code = orgs.texts('code');
  const name = orgs.texts('name');
  const units = new Map<string, DashboardUnit>();
  for (let i = 0; i < orgs.size; i++) if (code(i) && !units.has(code(i))) units.set(code(i), { code: code(i), name: name(i) });
  return [...units.values()].sort(byCode);
}

/** Adds one to every calendar year a row spans (an IOM, a pair): from its start to its end, or to `lastYear` when open. */
function bumpSpan<L extends string>(cube: CountCube<L>, row: { start: Day; end: Day | null; unit: string; label: L }, lastYear: number): void {
  const last = row.end === null ? lastYear : Math.min(yearOf(row.end), lastYear);
  for (let y = yearOf(row.start); y <= last; y++) bump(cube, y, row.unit, row.label);
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Reads a dated register once: each row's start, end, unit and label (rows without a start or a known label are skipped). */
function datedRows<L extends string>(workbook: Workbook, id: 'iom' | 'events' | 'mentoring', unitKey: string, labelKey: string, labels: readonly L[]) {
  const table = workbook.table(id);
  const start = table.cells('start');
  const end = table.cells('end');
  const unit = table.texts(unitKey);
  const label = table.texts(labelKey);
  const rows: { start: Day; end: Day | null; unit: string; label: L; index: number }[] = [];
  for (let i = 0; i < table.size; i++) {
    const from = dayOfCell(start(i));
    const text = label(i);
    if (from !== null && isOneOf(labels, text)) rows.push({ start: from, end: dayOfCell(end(i)), unit: unit(i), label: text, index: i });
  }
  return { table, rows };
}

export interface DashboardOptions {
  /** When the dashboard is built. */
  readonly now: Date;
  /** The title when «Организации» names no municipality: the workbook's name. */
  readonly fallbackTitle: string;
  /** The indicators just computed; otherwise the last recompute is read back from «Показатели». */
  readonly report?: KpiReport | null;
}

export function buildDashboard(workbook: Workbook, { now, fallbackTitle, ...options }: DashboardOptions): DashboardData {
  const report = options.report === undefined ? readKpiReport(workbook) : options.report;
  const ioms = datedRows(workbook, 'iom', 'personOrgCode', 'status', IOM_STATUSES);
  const pairs = datedRows(workbook, 'mentoring', 'menteeOrgCode', 'form', MENTORING_FORMS);
  const events = datedRows(workbook, 'events', 'organizerCode', 'level', EVENT_LEVELS);
  const eventStatus = events.table.texts('status');

  const periodYears = report?.period.from ? [Number(report.period.from.slice(0, 4)), Number(report.period.to.slice(0, 4))] : [];
  // Open spans (no end date yet) run to this year, or to the latest year something starts in (a loop: register rows
  // spread as arguments overflow the stack from ~130k rows).
  let lastYear = Math.max(now.getFullYear(), ...periodYears);
  for (const { rows } of [ioms, pairs, events]) for (let i = 0; i < rows.length; i++) lastYear = Math.max(lastYear, yearOf(rows[i]!.start));

  const iomCube: CountCube<(typeof IOM_STATUSES)[number]> = {};
  for (let i = 0; i < ioms.rows.length; i++) bumpSpan(iomCube, ioms.rows[i]!, lastYear);
  const pairCube: CountCube<(typeof MENTORING_FORMS)[number]> = {};
  for (let i = 0; i < pairs.rows.length; i++) bumpSpan(pairCube, pairs.rows[i]!, lastYear);
  const eventCube: NonNullable<DashboardData['events']> = {};
  for (const r of events.rows) {
    if ((eventStatus(r.index) || EVENT_STATUS_DEFAULT) !== EVENT_STATUS_DEFAULT) continue;
    const month = String(Math.floor(r.start / 100) % 100) as Month;
    const byMonth = ((eventCube[String(yearOf(r.start))] ??= {})[r.unit] ??= {});
    const levels = (byMonth[month] ??= {});
    levels[r.label] = (levels[r.label] ?? 0) + 1;
  }

  const years = new Set<number>(periodYears);
  for (const cube of [iomCube, pairCube, eventCube]) for (const y of Object.keys(cube)) years.add(Number(y));
  return {
    title: municipalityOf(workbook, fallbackTitle),
    builtAt: localDateTime(now),
    computedAt: report?.computedAt ?? null,
    preset: report?.preset ?? '',
    period: report?.period.from ? report.period : null,
    unitKind: 'organization',
    units: unitsOf(workbook),
    years: [...years].sort((a, b) => a - b),
    indicators: dashboardIndicators(report),
    ioms: iomCube,
    events: eventCube,
    pairs: pairCube,
  };
}
