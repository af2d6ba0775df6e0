// The result of a recompute as everything downstream sees it: KpiReport (the sidebar, kpi.json, dashboards and
// digests), the computed columns of «Показатели», the rows of «Показатели по ОО» — and the same report read back
// from those two sheets, so a digest never has to recompute.
import type { Cell } from '../ports';
import { readSettings, SETTING } from '../settings';
import type { Row, Table } from '../table';
import { byCode, isDate, normalizeName } from '../text';
import type { Workbook } from '../workbook';
import type { IndicatorResult, KpiContext } from './compute';
import { historyText, parseHistory, type YearFigure } from './history';
import type { MeasureKind } from './measures';
import { parseComparator, planValue, readPassports, type Comparator, type Plan } from './passport';
import { isoDay, parsePeriodRange, periodRange, type Day } from './period';
import { deviationOf, KPI_STATUSES, type KpiStatus } from './status';
import { parseWarnings, warningsCell, type KpiWarning } from './warnings';

export interface KpiPeriod {
  /** yyyy-mm-dd */
  readonly from: string;
  readonly to: string;
}

export interface KpiIndicator {
  readonly code: string;
  readonly name: string;
  readonly measure: string;
  readonly parameters: string;
  readonly unit: string;
  readonly period: KpiPeriod | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** A percentage 0–100 for shares, the count for counts, people per methodist, a typed value; null = no data. */
  readonly value: number | string | null;
  readonly plan: Plan;
  readonly comparator: Comparator;
  readonly status: KpiStatus;
  readonly deviation: number | null;
  /** The same period one year earlier (SPEC §6 «Динамика»); null where the registers keep no history. */
  readonly previous: {
    readonly period: KpiPeriod;
    readonly numerator: number | null;
    readonly denominator: number | null;
    readonly value: number | string | null;
  } | null;
  /** value − previous.value: percentage points for shares, units for counts. */
  readonly change: number | null;
  /** «Факт по годам»: every year the registers hold, ascending (the row's year last); [] for «manual». */
  readonly history: readonly YearFigure[];
  readonly explanation: string;
  /** Where ОО-1 and the roster disagree (SPEC §6): a numerator clipped to an ОО's headcount, staff_per_methodist. */
  readonly warnings: readonly KpiWarning[];
}

export interface KpiOrganizationIndicator {
  readonly code: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
}

export interface KpiOrganization {
  readonly code: string;
  readonly name: string;
  readonly indicators: readonly KpiOrganizationIndicator[];
}

export interface KpiReport {
  /** «Набор показателей» the passports were loaded from. */
  readonly preset: string;
  /** The span of every row's period. */
  readonly period: KpiPeriod;
  /** One ОО, or null for the whole municipality. */
  readonly scope: { readonly code: string; readonly name: string } | null;
  /** Local time, yyyy-mm-ddThh:mm:ss. */
  readonly computedAt: string;
  readonly indicators: readonly KpiIndicator[];
  readonly byOrganization: readonly KpiOrganization[];
  /** Passport mistakes (Russian, naming the row); such rows have status «Нет данных». */
  readonly problems: readonly string[];
}

/** The computed columns of «Показатели», in this order; everything else in the row is the passport. */
export const RESULT_KEYS = [
  'numerator',
  'denominator',
  'fact',
  'plan',
  'deviation',
  'previousFact',
  'change',
  'previousNumerator',
  'previousDenominator',
  'previousPeriod',
  'history',
  'status',
  'warnings',
  'calcPeriod',
  'scope',
  'explanation',
  'computedAt',
] as const;
const WHOLE_MUNICIPALITY = 'Весь муниципалитет';

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Local time as yyyy-mm-ddThh:mm:ss (a Date cannot cross google.script.run). */
export const isoDateTime = (d: Date) =>
  `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
const kpiPeriod = (from: Day, to: Day): KpiPeriod => ({ from: isoDay(from), to: isoDay(to) });

export function buildReport(context: KpiContext, results: readonly IndicatorResult[], preset: string, now: Date): KpiReport {
  const periods = results.flatMap((r) => (r.period ? [r.period] : []));
  const calendar = { from: context.year * 10000 + 101, to: context.year * 10000 + 1231 };
  const from = periods.length ? Math.min(...periods.map((p) => p.from)) : calendar.from;
  const to = periods.length ? Math.max(...periods.map((p) => p.to)) : calendar.to;
  const { dataset, scope } = context;
  const orgs = new Map<string, KpiOrganizationIndicator[]>();
  for (const r of results) {
    for (const [org, counts] of r.byOrg) {
      const list = orgs.get(org) ?? [];
      orgs.set(org, list);
      list.push({ code: r.passport.code, ...counts });
    }
  }
  return {
    preset,
    period: kpiPeriod(from, to),
    scope: scope === null ? null : { code: dataset.orgCode(scope), name: dataset.orgName(scope) },
    computedAt: isoDateTime(now),
    indicators: results.map((r) => ({
      code: r.passport.code,
      name: r.passport.title,
      measure: r.passport.measure,
      parameters: r.passport.params,
      unit: r.passport.unit,
      period: r.period ? kpiPeriod(r.period.from, r.period.to) : null,
      numerator: r.numerator,
      denominator: r.denominator,
      value: r.value,
      plan: r.plan,
      comparator: r.passport.comparator,
      status: r.status,
      deviation: deviationOf(r.value, r.plan),
      previous: r.previous && { ...r.previous, period: kpiPeriod(r.previous.period.from, r.previous.period.to) },
      change: r.change,
      history: r.history,
      explanation: r.explanation,
      warnings: r.warnings,
    })),
    byOrganization: [...orgs]
      .map(([org, indicators]) => ({ code: dataset.orgCode(org), name: dataset.orgName(org), indicators }))
      .sort(byCode),
    problems: [...context.problems],
  };
}

/** What a recompute writes into «Показатели»: the computed cells of every data row, and a note on «Факт». */
export interface IndicatorSheetWrite {
  /** The sheet's header as read: computed columns are found by their header, wherever a methodist moved them. */
  readonly header: readonly string[];
  readonly keys: readonly (typeof RESULT_KEYS)[number][];
  /** One per data row (blank rows are cleared), values in `keys` order. */
  readonly rows: readonly (readonly Cell[])[];
  /** The measure kind of each data row (null: blank or a passport mistake), for the number formats. */
  readonly kinds: readonly (MeasureKind | null)[];
  /** «Как считается» of each data row, after its warnings. */
  readonly notes: readonly string[];
}

const cell = (v: number | string | null): Cell => (v === null ? '' : v);

export function indicatorSheetWrite(table: Table, results: readonly IndicatorResult[], report: KpiReport, now: Date): IndicatorSheetWrite {
  const byRow = new Map(results.map((r) => [r.passport.index, r]));
  const scopeText = report.scope ? report.scope.code : WHOLE_MUNICIPALITY;
  const rows: Cell[][] = [];
  const kinds: (MeasureKind | null)[] = [];
  const notes: string[] = [];
  for (let i = 0; i < table.size; i++) {
    const r = byRow.get(i);
    kinds.push(r?.spec?.kind ?? null);
    notes.push(r ? noteOf(r) : '');
    if (!r) {
      rows.push(RESULT_KEYS.map(() => ''));
      continue;
    }
    const values: Record<(typeof RESULT_KEYS)[number], Cell> = {
      numerator: cell(r.numerator),
      denominator: cell(r.denominator),
      // A «manual» row keeps what the methodist typed.
      fact: r.spec?.kind === 'manual' ? r.passport.fact : cell(typeof r.value === 'number' ? r.value : null),
      plan: cell(r.plan),
      deviation: cell(deviationOf(r.value, r.plan)),
      previousFact: cell(r.previous?.value ?? null),
      change: cell(r.change),
      previousNumerator: cell(r.previous?.numerator ?? null),
      previousDenominator: cell(r.previous?.denominator ?? null),
      previousPeriod: r.previous ? periodRange(r.previous.period.from, r.previous.period.to) : '',
      history: historyText(r.history, r.spec?.kind ?? null),
      status: r.status,
      warnings: warningsCell(r.warnings),
      calcPeriod: r.period ? periodRange(r.period.from, r.period.to) : '',
      scope: scopeText,
      explanation: r.explanation,
      computedAt: now,
    };
    rows.push(RESULT_KEYS.map((k) => values[k]));
  }
  return { header: table.header, keys: RESULT_KEYS, rows, kinds, notes };
}

/** The note on «Факт»: what to check first (the warnings), then how the row is computed. */
const noteOf = (r: IndicatorResult) => [...r.warnings.map((w) => `Внимание: ${w.text}`), r.explanation].filter(Boolean).join('\n\n');

/** «Показатели по ОО»: one row per ОО and indicator, ОО by code, indicators in passport order. */
export function byOrganizationRows(report: KpiReport, now: Date): Row[] {
  const titles = new Map(report.indicators.map((i) => [i.code, i.name]));
  return report.byOrganization.flatMap((org) =>
    org.indicators.map((i) => ({
      orgCode: org.code,
      orgName: org.name,
      indicatorCode: i.code,
      indicator: titles.get(i.code) ?? '',
      numerator: cell(i.numerator),
      denominator: cell(i.denominator),
      fact: cell(i.value),
      computedAt: now,
    })),
  );
}

const numberOrNull = (v: Cell): number | null => (typeof v === 'number' ? v : null);
const valueOfCell = (v: Cell): number | string | null => (v === '' ? null : typeof v === 'number' ? v : String(v));

/**
 * The last recompute, read back from «Показатели» and «Показатели по ОО» of a snapshot (no register is read):
 * what a digest or a dashboard shows. Null when nothing has been computed yet.
 */
export function readKpiReport(workbook: Workbook): KpiReport | null {
  const table = workbook.table('indicators');
  const computed = readPassports(table).filter((p) => isDate(table.get(p.index, 'computedAt')));
  if (!computed.length) return null;
  const stamps = computed.map((p) => (table.get(p.index, 'computedAt') as Date).getTime());
  const periods = computed.flatMap((p) => {
    const range = parsePeriodRange(table.text(p.index, 'calcPeriod'));
    return range ? [range] : [];
  });
  const scopeText = table.text(computed[0]!.index, 'scope');
  const orgNames = new Map<string, string>();
  const organizations = workbook.table('organizations');
  for (let i = 0; i < organizations.size; i++) orgNames.set(normalizeName(organizations.text(i, 'code')), organizations.text(i, 'name'));
  const status = (i: number): KpiStatus => {
    const text = table.text(i, 'status');
    return (KPI_STATUSES as readonly string[]).includes(text) ? (text as KpiStatus) : 'Нет данных';
  };
  return {
    preset: readSettings(workbook.table('settings')).get(SETTING.preset) ?? '',
    period: periods.length
      ? kpiPeriod(Math.min(...periods.map((p) => p.from)), Math.max(...periods.map((p) => p.to)))
      : { from: '', to: '' },
    scope: !scopeText || scopeText === WHOLE_MUNICIPALITY ? null : { code: scopeText, name: orgNames.get(normalizeName(scopeText)) ?? '' },
    computedAt: isoDateTime(new Date(Math.max(...stamps))),
    indicators: computed.map((p) => {
      const range = parsePeriodRange(table.text(p.index, 'calcPeriod'));
      const value = valueOfCell(table.get(p.index, 'fact'));
      const plan = planValue(table.get(p.index, 'plan'));
      return {
        code: p.code,
        name: p.title,
        measure: p.measure,
        parameters: p.params,
        unit: p.unit,
        period: range ? kpiPeriod(range.from, range.to) : null,
        numerator: numberOrNull(table.get(p.index, 'numerator')),
        denominator: numberOrNull(table.get(p.index, 'denominator')),
        value,
        plan,
        comparator: parseComparator(table.text(p.index, 'comparison')),
        status: status(p.index),
        deviation: numberOrNull(table.get(p.index, 'deviation')),
        previous: readPrevious(table, p.index),
        change: numberOrNull(table.get(p.index, 'change')),
        history: parseHistory(table.text(p.index, 'history')),
        explanation: table.text(p.index, 'explanation'),
        warnings: parseWarnings(table.text(p.index, 'warnings')),
      };
    }),
    byOrganization: readByOrganization(workbook.table('indicatorsByOrg')),
    problems: [],
  };
}

/** The year before as «Показатели» keeps it: its period, counts and fact; null when no period was written. */
function readPrevious(table: Table, index: number): KpiIndicator['previous'] {
  const range = parsePeriodRange(table.text(index, 'previousPeriod'));
  if (!range) return null;
  return {
    period: kpiPeriod(range.from, range.to),
    numerator: numberOrNull(table.get(index, 'previousNumerator')),
    denominator: numberOrNull(table.get(index, 'previousDenominator')),
    value: valueOfCell(table.get(index, 'previousFact')),
  };
}

function readByOrganization(table: Table): KpiOrganization[] {
  const orgs = new Map<string, { code: string; name: string; indicators: KpiOrganizationIndicator[] }>();
  for (let i = 0; i < table.size; i++) {
    const code = table.text(i, 'orgCode');
    if (!code) continue;
    const org = orgs.get(code) ?? { code, name: table.text(i, 'orgName'), indicators: [] };
    orgs.set(code, org);
    org.indicators.push({
      code: table.text(i, 'indicatorCode'),
      numerator: numberOrNull(table.get(i, 'numerator')),
      denominator: numberOrNull(table.get(i, 'denominator')),
      value: numberOrNull(table.get(i, 'fact')),
    });
  }
  return [...orgs.values()];
}
