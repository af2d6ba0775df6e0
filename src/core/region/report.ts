// The regional workbook's two sheets in memory: «Муниципалитеты» (the listed workbooks and what became of each)
// and «Сводные показатели» (the region's totals, then each municipality's rows) — written by a refresh and read
// back as RegionReport: what the sidebar, region.json and the regional dashboard show.
import type { Cell } from '../ports';
import { parseComparator, planValue } from '../indicators/passport';
import { parseDayNumber, parsePeriodRange, periodRange, isoDay } from '../indicators/period';
import { isoDateTime, type KpiIndicator, type KpiPeriod } from '../indicators/report';
import { KPI_STATUSES, type KpiStatus } from '../indicators/status';
import type { Row, Table } from '../table';
import { isDate, normalizeName, parseDateTime } from '../text';
import { historyText, mergeHistory, parseHistory } from '../indicators/history';
import type { Workbook } from '../workbook';
import { REGION_TOTAL, type SummaryRow } from './consolidate';
import { reasonCodeOf, yearOf, type MunicipalOutcome, type ReasonCode, type RoadmapStanding } from './municipal';
import { readRegionSettings } from './settings';
import { workbookIdOf } from './workbookId';

/** One listed workbook, as «Муниципалитеты» holds it. */
export interface MunicipalEntry {
  /** 0-based data row. */
  readonly index: number;
  /** What the methodist pasted (or the ID the add-on kept). */
  readonly link: string;
  /** null: not a link to a spreadsheet nor an ID. */
  readonly id: string | null;
  readonly name: string;
  readonly checkedAt: Date | null;
  /** The row (1-based, in the sheet) that lists the same workbook first; null when this row is the first. */
  readonly duplicateOf: number | null;
}

/** The listed workbooks in sheet order; blank rows are not entries. */
export function municipalEntries(table: Table): MunicipalEntry[] {
  const first = new Map<string, number>();
  const entries: MunicipalEntry[] = [];
  for (let index = 0; index < table.size; index++) {
    const link = table.text(index, 'workbook');
    const name = table.text(index, 'name');
    if (!link && !name) continue;
    const id = workbookIdOf(link);
    const checked = table.get(index, 'checkedAt');
    const duplicateOf = id === null ? null : (first.get(id) ?? null);
    if (id !== null && duplicateOf === null) first.set(id, index + 2);
    entries.push({ index, link, id, name, checkedAt: isDate(checked) ? checked : null, duplicateOf });
  }
  return entries;
}

const dateOf = (iso: string | null): Cell => (iso ? (parseDateTime(iso) ?? '') : '');
const isoOf = (v: Cell): string | null => (isDate(v) ? isoDateTime(v) : null);
const periodText = (p: KpiPeriod | null) => {
  const from = p ? parseDayNumber(p.from) : null;
  const to = p ? parseDayNumber(p.to) : null;
  return from !== null && to !== null ? periodRange(from, to) : '';
};
function periodOfText(text: string): KpiPeriod | null {
  const range = parsePeriodRange(text);
  return range ? { from: isoDay(range.from), to: isoDay(range.to) } : null;
}

/** What a refresh writes into an entry's row of «Муниципалитеты». */
export function entryUpdate(entry: MunicipalEntry, outcome: MunicipalOutcome, checkedAt: Date): Row {
  return {
    workbook: entry.id ?? entry.link,
    name: entry.name || outcome.title,
    read: outcome.reason === null ? 'Да' : 'Нет',
    checkedAt,
    reason: outcome.reason ?? '',
    preset: outcome.preset,
    computedAt: dateOf(outcome.computedAt),
    period: periodText(outcome.period),
    roadmapItems: outcome.roadmap?.items ?? '',
    roadmapOverdue: outcome.roadmap?.overdue ?? '',
  };
}

/** A municipality's rows of «Сводные показатели», from what it computed. */
export function municipalSummary(workbookId: string, municipality: string, outcome: MunicipalOutcome): SummaryRow[] {
  return outcome.indicators.map(({ measure, parameters: _p, deviation: _d, ...indicator }: KpiIndicator) => {
    // A workbook recomputed before «Факт по годам» existed still gives its own year.
    const year = yearOf(indicator.period);
    const own =
      measure !== 'manual' && year !== null && (typeof indicator.value === 'number' || indicator.value === null)
        ? [{ year, numerator: indicator.numerator, denominator: indicator.denominator, value: indicator.value }]
        : [];
    return {
      ...indicator,
      history: measure === 'manual' ? [] : mergeHistory(own, indicator.history),
      municipality,
      workbookId,
      computedAt: outcome.computedAt,
    };
  });
}

/**
 * A municipality's rows as just read, each with the years its earlier rows held and the new read lacks (a year is
 * replaced by the new read, never dropped): the regional refresh keeps every municipality's trend.
 */
export function keepEarlierYears(earlier: readonly SummaryRow[], fresh: readonly SummaryRow[]): SummaryRow[] {
  const before = new Map(earlier.map((r) => [normalizeName(r.code), r]));
  return fresh.map((row) => {
    const old = before.get(normalizeName(row.code));
    return old && row.history.length ? { ...row, history: mergeHistory(old.history, row.history) } : row;
  });
}

/** How «Факт по годам» of a summary row is written: a count has no denominator, a share is in %. */
const kindOfRow = (row: SummaryRow) =>
  row.denominator === null && row.history.every((h) => h.denominator === null) ? 'count' : row.unit === '%' ? 'share' : 'ratio';

const cell = (v: number | string | null): Cell => (v === null ? '' : v);
/** «Значение» shows one decimal, as «Показатели» does (the status was decided on the exact value). */
const shownValue = (v: number | string | null): Cell => (typeof v === 'number' ? Math.round(v * 10) / 10 : cell(v));

export function summarySheetRow(row: SummaryRow): Row {
  return {
    municipality: row.municipality,
    code: row.code,
    indicator: row.name,
    unit: row.unit,
    numerator: cell(row.numerator),
    denominator: cell(row.denominator),
    value: shownValue(row.value),
    plan: cell(row.plan),
    comparison: row.comparator,
    status: row.status,
    period: periodText(row.period),
    explanation: row.explanation,
    computedAt: dateOf(row.computedAt),
    history: historyText(row.history, kindOfRow(row)),
    workbookId: row.workbookId,
  };
}

const numberOrNull = (v: Cell): number | null => (typeof v === 'number' ? v : null);
const valueOfCell = (v: Cell): number | string | null => (v === '' ? null : typeof v === 'number' ? v : String(v));
const statusOfText = (text: string): KpiStatus => ((KPI_STATUSES as readonly string[]).includes(text) ? (text as KpiStatus) : 'Нет данных');

/** The rows of «Сводные показатели» as the refresh wrote them. */
export function readSummary(table: Table): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (let i = 0; i < table.size; i++) {
    const code = table.text(i, 'code');
    if (!code) continue;
    rows.push({
      municipality: table.text(i, 'municipality'),
      workbookId: table.text(i, 'workbookId'),
      code,
      name: table.text(i, 'indicator'),
      unit: table.text(i, 'unit'),
      numerator: numberOrNull(table.get(i, 'numerator')),
      denominator: numberOrNull(table.get(i, 'denominator')),
      value: valueOfCell(table.get(i, 'value')),
      plan: planValue(table.get(i, 'plan')),
      comparator: parseComparator(table.text(i, 'comparison')),
      status: statusOfText(table.text(i, 'status')),
      period: periodOfText(table.text(i, 'period')),
      explanation: table.text(i, 'explanation'),
      computedAt: isoOf(table.get(i, 'computedAt')),
      history: parseHistory(table.text(i, 'history')),
    });
  }
  return rows;
}

/** A listed workbook in the report: the refresh's verdict, never a personal datum. */
export interface RegionMunicipality {
  readonly name: string;
  /** The workbook's ID, or the text pasted when it is not a link. */
  readonly workbook: string;
  /** null: not checked yet. */
  readonly read: boolean | null;
  readonly checkedAt: string | null;
  /** 'read', the reason's code, or 'pending' (not checked yet). */
  readonly status: 'read' | 'pending' | ReasonCode;
  readonly reason: string;
  readonly preset: string;
  readonly computedAt: string | null;
  readonly period: KpiPeriod | null;
  /** Its «Дорожная карта» at the last check; null: not read (or no such sheet). */
  readonly roadmap: RoadmapStanding | null;
}

export type RegionIndicator = Omit<SummaryRow, 'municipality' | 'workbookId'>;

export interface RegionReport {
  readonly region: string;
  /** The preset the region sums. */
  readonly preset: string;
  /** «Отчётный год» of the region, null = the municipalities' own. */
  readonly year: number | null;
  /** When the totals were last summed (local time), null before the first refresh. */
  readonly updatedAt: string | null;
  readonly municipalities: readonly RegionMunicipality[];
  /** The region's totals. */
  readonly indicators: readonly RegionIndicator[];
  readonly byMunicipality: readonly { readonly workbook: string; readonly name: string; readonly indicators: readonly RegionIndicator[] }[];
}

const indicatorOf = ({ municipality: _m, workbookId: _w, ...indicator }: SummaryRow): RegionIndicator => indicator;

/** The last refresh, read back from the regional workbook's sheets (nothing is opened or recomputed). */
export function readRegionReport(workbook: Workbook): RegionReport {
  const settings = readRegionSettings(workbook.table('settings'));
  const list = workbook.table('municipalities');
  const summary = readSummary(workbook.table('regionIndicators'));
  const totals = summary.filter((r) => !r.workbookId && r.municipality === REGION_TOTAL);
  const byMunicipality = new Map<string, { workbook: string; name: string; indicators: RegionIndicator[] }>();
  for (const row of summary.filter((r) => r.workbookId)) {
    const entry = byMunicipality.get(row.workbookId) ?? { workbook: row.workbookId, name: row.municipality, indicators: [] };
    byMunicipality.set(row.workbookId, entry);
    entry.indicators.push(indicatorOf(row));
  }
  return {
    region: settings.region,
    preset: settings.preset,
    // With no «Год» set, the year the refresh summed (one year only: see units.ts).
    year: settings.year ?? totals.map((r) => yearOf(r.period)).find((y) => y !== null) ?? null,
    updatedAt:
      totals
        .map((r) => r.computedAt ?? '')
        .sort()
        .slice(-1)[0] || null,
    municipalities: municipalEntries(list).map((entry) => municipalityOf(list, entry)),
    indicators: totals.map(indicatorOf),
    byMunicipality: [...byMunicipality.values()],
  };
}

function municipalityOf(table: Table, entry: MunicipalEntry): RegionMunicipality {
  const read = table.text(entry.index, 'read');
  const reason = table.text(entry.index, 'reason');
  const checked = entry.checkedAt !== null && (read === 'Да' || read === 'Нет');
  return {
    name: entry.name,
    workbook: entry.id ?? entry.link,
    read: checked ? read === 'Да' : null,
    checkedAt: entry.checkedAt ? isoDateTime(entry.checkedAt) : null,
    status: !checked ? 'pending' : read === 'Да' ? 'read' : (reasonCodeOf(reason) ?? 'failed'),
    reason,
    preset: table.text(entry.index, 'preset'),
    computedAt: isoOf(table.get(entry.index, 'computedAt')),
    period: periodOfText(table.text(entry.index, 'period')),
    roadmap: roadmapOf(table.get(entry.index, 'roadmapItems'), table.get(entry.index, 'roadmapOverdue')),
  };
}

const roadmapOf = (items: Cell, overdue: Cell): RoadmapStanding | null =>
  typeof items === 'number' && typeof overdue === 'number' ? { items, overdue } : null;
/** The region's total a year before its own (the last of its kept years), null when that year is not kept. */
export function yearBeforeOf(total: Pick<SummaryRow, 'history'>): number | null {
  const last = total.history[total.history.length - 1];
  return last ? (total.history.find((h) => h.year === last.year - 1)?.value ?? null) : null;
}
