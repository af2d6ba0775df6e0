// The region's totals from its municipalities' rows (SPEC §2, §6): a share is Σ numerators ÷ Σ denominators — the
// share of the region's people, never the average of the municipalities' percentages —, a count is the sum, a ratio
// (people per methodist) is Σ people ÷ Σ methodists; a typed («manual») indicator says in how many municipalities it
// is met. The plan is the region's preset's plan for the year, and the status compares the exact value with it.
import { valueOf } from '../indicators/engine';
import { MEASURES, type MeasureKind } from '../indicators/measures';
import type { YearFigure } from '../indicators/history';
import type { Plan } from '../indicators/passport';
import type { Preset, PresetRow } from '../indicators/presets';
import type { KpiIndicator, KpiPeriod } from '../indicators/report';
import { statusOf, type KpiStatus } from '../indicators/status';
import { normalizeName } from '../text';
import { yearOf } from './municipal';

/** One row of «Сводные показатели»: a municipality's indicator as it computed it, or (workbookId '') the region's total. */
export type SummaryRow = Pick<
  KpiIndicator,
  'code' | 'name' | 'unit' | 'numerator' | 'denominator' | 'value' | 'plan' | 'comparator' | 'status' | 'period' | 'explanation' | 'history'
> & {
  readonly municipality: string;
  /** The municipal workbook the row comes from; '' on the region's totals. */
  readonly workbookId: string;
  /** Local time, yyyy-mm-ddThh:mm:ss: when the municipality computed it, or when the region summed it. */
  readonly computedAt: string | null;
};

export const REGION_TOTAL = 'Итого по региону';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const known = (v: number | null): v is number => v !== null;

/** The region's totals, one per indicator of its preset, in the preset's order. */
export function regionTotals(preset: Preset, year: number | null, rows: readonly SummaryRow[], computedAt: string): SummaryRow[] {
  const byCode = new Map<string, SummaryRow[]>();
  for (const row of rows) {
    const code = normalizeName(row.code);
    byCode.set(code, [...(byCode.get(code) ?? []), row]);
  }
  const planYear = year ?? latestYear(rows);
  return preset.rows.map((row) => total(row, byCode.get(normalizeName(row.code)) ?? [], planYear, computedAt));
}

function total(row: PresetRow, rows: readonly SummaryRow[], year: number | null, computedAt: string): SummaryRow {
  const kind = MEASURES[row.measure].kind;
  const plan: Plan = year === null ? null : (row.plans[year] ?? null);
  const base = {
    municipality: REGION_TOTAL,
    workbookId: '',
    code: row.code,
    name: row.title,
    unit: row.unit,
    plan,
    comparator: row.comparison,
    period: span(rows),
    computedAt,
    history: kind === 'manual' ? [] : yearsOfAll(kind, rows),
  };
  if (kind === 'manual') {
    const answered = rows.filter((r) => r.value !== null);
    const met = answered.filter((r) => r.status === 'Выполнен').length;
    const status: KpiStatus = !answered.length
      ? 'Нет данных'
      : plan === null
        ? 'Нет плана'
        : met === answered.length
          ? 'Выполнен'
          : 'Не выполнен';
    return {
      ...base,
      numerator: null,
      denominator: null,
      value: answered.length ? `${met} из ${answered.length}` : null,
      status,
      explanation: `В скольких муниципалитетах показатель выполнен, из ${answered.length} указавших значение.`,
    };
  }
  const counted = rows.filter((r) => known(r.numerator) && (kind === 'count' || known(r.denominator)));
  const numerator = sum(counted.map((r) => r.numerator!));
  const denominator = kind === 'count' ? null : sum(counted.map((r) => r.denominator!));
  const value = counted.length ? valueOf(kind, { numerator, denominator }) : null;
  return {
    ...base,
    numerator: counted.length ? numerator : null,
    denominator: counted.length ? denominator : null,
    value,
    status: statusOf(value, plan, row.comparison),
    explanation: `${HOW[kind]} ${counted.length} ${municipalitiesWord(counted.length)}.`,
  };
}

/**
 * The region's value in each year every municipality summed has (its own years, and those earlier refreshes kept):
 * Σ numerators ÷ Σ denominators of the year, like the totals. A year some municipality lacks is left out rather than
 * summed over fewer municipalities, so the line never jumps by a municipality's weight.
 */
function yearsOfAll(kind: Exclude<MeasureKind, 'manual'>, rows: readonly SummaryRow[]): YearFigure[] {
  const withData = rows.filter((r) => r.history.length);
  if (!withData.length) return [];
  const years = withData[0]!.history.map((h) => h.year).filter((y) => withData.every((r) => r.history.some((h) => h.year === y)));
  return years.map((year) => {
    const figures = withData.map((r) => r.history.find((h) => h.year === year)!);
    const counted = figures.filter((f) => known(f.numerator) && (kind === 'count' || known(f.denominator)));
    const numerator = sum(counted.map((f) => f.numerator!));
    const denominator = kind === 'count' ? null : sum(counted.map((f) => f.denominator!));
    return counted.length
      ? { year, numerator, denominator, value: valueOf(kind, { numerator, denominator }) }
      : { year, numerator: null, denominator: null, value: null };
  });
}

const HOW: Record<Exclude<MeasureKind, 'manual'>, string> = {
  share: 'Сумма числителей ÷ сумма знаменателей × 100 (не среднее процентов) по',
  count: 'Сумма по',
  ratio: 'Сумма числителей (работники) ÷ сумма знаменателей (методисты) по',
};

/** «по 1 муниципалитету», «по 3 муниципалитетам». */
const municipalitiesWord = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'муниципалитету' : 'муниципалитетам');

function span(rows: readonly SummaryRow[]): KpiPeriod | null {
  const periods = rows.flatMap((r) => (r.period ? [r.period] : []));
  if (!periods.length) return null;
  return {
    from: periods.map((p) => p.from).sort()[0]!,
    to: periods
      .map((p) => p.to)
      .sort()
      .slice(-1)[0]!,
  };
}

function latestYear(rows: readonly SummaryRow[]): number | null {
  const years = rows.map((r) => yearOf(r.period)).filter(known);
  return years.length ? Math.max(...years) : null;
}
