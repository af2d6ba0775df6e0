// DashboardData of a municipal workbook, from one snapshot (each sheet read once): the indicators as the last
// recompute left them (readKpiReport — never a recompute), and counts of IOMs, events and mentoring pairs by year,
// ОО and label. Register rows are only counted here; none leaves this module.
import { isMeasureId, MEASURES } from '../indicators/measures';
import { dayOfCell, type Day } from '../indicators/period';
import { readKpiReport, type KpiIndicator, type KpiReport } from '../indicators/report';
import { unitStatusOf } from '../indicators/status';
import { EVENT_LEVELS, EVENT_STATUS_DEFAULT, IOM_STATUSES, MENTORING_FORMS } from '../schema/choices';
import { byCode } from '../text';
import type { Workbook } from '../workbook';
import type { CountCube, DashboardData, DashboardIndicator, DashboardUnit, Month } from './data';
import { dashboardWarnings } from './warnings';
import { roadmapPanel } from './roadmap';

const pad2 = (n: number) => String(n).padStart(2, '0');
export const localDateTime = (d: Date) =>
  `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;

const yearOf = (day: Day) => Math.floor(day / 10000);

const kindOf = (measure: string) => (isMeasureId(measure) ? MEASURES[measure].kind : null);

/** The indicators of a report, each with its value and status per unit. */
export function dashboardIndicators(report: KpiReport | null): DashboardIndicator[] {
  if (!report) return [];
  const byIndicator = new Map<string, DashboardIndicator['byUnit']>();
  for (const org of report.byOrganization) {
    for (const i of org.indicators) {
      const list = byIndicator.get(i.code) ?? [];
      byIndicator.set(i.code, list);
      const passport = report.indicators.find((p) => p.code === i.code);
      const status = passport ? unitStatusOf(kindOf(passport.measure), i.value, passport.plan, passport.comparator) : null;
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
    previousValue: i.previous?.value ?? null,
    change: i.change,
    history: i.history.map((h) => ({ year: h.year, value: h.value })),
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

/**
 * Rows counted by calendar year, unit and label: a row (an IOM, a pair) counts in every year it spans, from its
 * start to its end, or to `lastYear` when open. Counters sit in arrays by unit slot and year until the cube is made:
 * a string-keyed object per row and year would look every key up in the engine's string table, 100k rows over.
 */
function spanCube<L extends string>(rows: DatedRows<L>, labels: readonly L[], lastYear: number): CountCube<L> {
  const { size, start, end, unit, label } = rows;
  let firstYear = lastYear;
  for (let i = 0; i < size; i++) firstYear = Math.min(firstYear, yearOf(start[i]!));
  const span = lastYear - firstYear + 1;
  const slotOf = new Map<string, number>();
  const units: string[] = [];
  /** By unit slot, by year − firstYear: the counts by label. */
  const counts: (Int32Array | undefined)[][] = [];
  for (let i = 0; i < size; i++) {
    let slot = slotOf.get(unit[i]!);
    if (slot === undefined) {
      slotOf.set(unit[i]!, (slot = units.push(unit[i]!) - 1));
      counts.push(new Array<Int32Array | undefined>(span));
    }
    const years = counts[slot]!;
    const last = end[i] === 0 ? lastYear : Math.min(yearOf(end[i]!), lastYear);
    for (let y = yearOf(start[i]!); y <= last; y++) (years[y - firstYear] ??= new Int32Array(labels.length))[label[i]!]!++;
  }
  const cube: CountCube<L> = {};
  units.forEach((code, slot) => {
    // forEach skips the years no row of the unit spans (holes).
    counts[slot]!.forEach((byYear, k) => {
      if (!byYear) return;
      const byLabel: Partial<Record<L, number>> = {};
      for (let l = 0; l < byYear.length; l++) if (byYear[l]) byLabel[labels[l]!] = byYear[l];
      (cube[String(firstYear + k)] ??= {})[code] = byLabel;
    });
  });
  return cube;
}

/** A dated register's counted rows, column by column (no object per row): start, end (0: open), unit, label. */
interface DatedRows<L extends string> {
  readonly size: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly unit: readonly string[];
  /** Index into the register's labels. */
  readonly label: Int32Array;
  readonly labels: readonly L[];
  /** The row in the register. */
  readonly index: Int32Array;
}

/** Reads a dated register once: each row's start, end, unit and label (rows without a start or a known label are skipped). */
function datedRows<L extends string>(
  workbook: Workbook,
  id: 'iom' | 'events' | 'mentoring',
  unitKey: string,
  labelKey: string,
  labels: readonly L[],
) {
  // IOMs and pairs by the columns counted (the recompute's engine has read them: `Workbook.columns`); «Мероприятия»
  // whole, as the roadmap panel and the engine read it.
  const table = id === 'events' ? workbook.table(id) : workbook.columns(id, ['start', 'end', unitKey, labelKey]);
  const startOf = table.cells('start');
  const endOf = table.cells('end');
  const unitOf = table.texts(unitKey);
  const labelOf = table.texts(labelKey);
  const rows = table.size;
  const [start, end, label, index] = [new Int32Array(rows), new Int32Array(rows), new Int32Array(rows), new Int32Array(rows)];
  const unit: string[] = [];
  let size = 0;
  for (let i = 0; i < table.size; i++) {
    const from = dayOfCell(startOf(i));
    const at = (labels as readonly string[]).indexOf(labelOf(i));
    if (from === null || at < 0) continue;
    start[size] = from;
    end[size] = dayOfCell(endOf(i)) ?? 0;
    unit.push(unitOf(i));
    label[size] = at;
    index[size++] = i;
  }
  return { table, rows: { size, start, end, unit, label, labels, index } as DatedRows<L> };
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
  for (const { rows } of [ioms, pairs, events]) for (let i = 0; i < rows.size; i++) lastYear = Math.max(lastYear, yearOf(rows.start[i]!));

  const iomCube = spanCube(ioms.rows, IOM_STATUSES, lastYear);
  const pairCube = spanCube(pairs.rows, MENTORING_FORMS, lastYear);
  const eventCube: NonNullable<DashboardData['events']> = {};
  const held = events.rows;
  for (let i = 0; i < held.size; i++) {
    if ((eventStatus(held.index[i]!) || EVENT_STATUS_DEFAULT) !== EVENT_STATUS_DEFAULT) continue;
    const start = held.start[i]!;
    const level = held.labels[held.label[i]!]!;
    const month = String(Math.floor(start / 100) % 100) as Month;
    const byMonth = ((eventCube[String(yearOf(start))] ??= {})[held.unit[i]!] ??= {});
    const levels = (byMonth[month] ??= {});
    levels[level] = (levels[level] ?? 0) + 1;
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
    warnings: dashboardWarnings(report),
    ioms: iomCube,
    events: eventCube,
    pairs: pairCube,
    roadmap: roadmapPanel(workbook, now),
  };
}
