// One recompute over the snapshot: the registers are indexed once (Dataset), each passport row is compiled and
// evaluated by the engine for its period, and compared with its plan. Pure: the caller writes the result.
import type { Cell } from '../ports';
import { readSettings, SETTING } from '../settings';
import { compareCodes, normalizeName } from '../text';
import type { Workbook } from '../workbook';
import { Dataset } from './dataset';
import { Engine, valueOf, type Counts, type Coverage } from './engine';
import { explain } from './explain';
import type { MeasureSpec, Params } from './measures';
import { compilePassport, planValue, readPassports, rowLabel, type Passport, type Plan } from './passport';
import { parsePeriodRule, periodOf, PERIOD_TEXT, yearBefore, yearsBack, type Day, type Period, type PeriodRule } from './period';
import { changeOf, statusOf, type KpiStatus } from './status';
import { warningsOf, type HeadcountGap, type KpiWarning } from './warnings';

export interface KpiRequest {
  /** The plan year and the year of each row's period; default «Отчётный год» (empty: the year of the latest data). */
  readonly year?: number;
  /** An explicit period for every row (instead of each row's «Период»). */
  readonly from?: Day;
  readonly to?: Day;
  /** One ОО by its code; default the whole municipality. */
  readonly scope?: string;
}

export interface IndicatorResult {
  readonly passport: Passport;
  readonly spec: MeasureSpec | null;
  readonly period: Period | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** A percentage for shares, a count, people per methodist, or what was typed for «manual»; null = no data. */
  readonly value: number | string | null;
  readonly plan: Plan;
  /**
   * The same period one year earlier, from the same snapshot and engine; null where the registers keep no history
   * (a «manual» row, staff_per_methodist: the roster and ОО-1 are as of today).
   */
  readonly previous: YearBefore | null;
  /** value − previous.value: percentage points for shares, units for counts. */
  readonly change: number | null;
  /**
   * The row's value in each year the registers hold (the same period shifted by whole years, from the earliest
   * record's year to the row's own), ascending; the row's year only where the registers keep no history, none for «manual».
   */
  readonly history: readonly YearValue[];
  readonly status: KpiStatus;
  readonly explanation: string;
  /** A mistake in the passport (unknown measure, parameter or period): the row is not computed. */
  readonly problem: string | null;
  /** Where ОО-1 and the roster disagree: a numerator clipped to an ОО's headcount, or staff_per_methodist (SPEC §6). */
  readonly warnings: readonly KpiWarning[];
  /** By normalized ОО code. */
  readonly byOrg: ReadonlyMap<string, Counts & { readonly value: number | null }>;
}

export interface YearBefore {
  readonly period: Period;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
}

/** One year of a trend: the period's year (the plan year) and its counts. */
export interface YearValue {
  readonly year: number;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
}

/** A row ready to evaluate: its measure, parameters and period resolved; or why it cannot be. */
export type ResolvedRow =
  | { readonly ok: true; readonly spec: MeasureSpec; readonly params: Params; readonly period: Period }
  | { readonly ok: false; readonly message: string };

/** The snapshot indexed for one request: what every row of a recompute (or one «кто не охвачен» list) needs. */
export class KpiContext {
  readonly dataset: Dataset;
  readonly engine: Engine;
  readonly year: number;
  readonly scope: string | null;
  readonly problems: string[] = [];
  private readonly fallback: PeriodRule;
  private readonly explicit: PeriodRule | null;

  constructor(
    readonly workbook: Workbook,
    request: KpiRequest,
    now: Date,
  ) {
    this.dataset = new Dataset(workbook);
    const settings = readSettings(workbook.table('settings'));
    this.year = request.year ?? reportingYear(settings.get(SETTING.year), this.dataset, now);
    this.scope = scopeOf(this.dataset, request.scope);
    this.engine = new Engine(this.dataset, this.scope);
    const setting = parsePeriodRule(settings.get(SETTING.period) || PERIOD_TEXT.calendar);
    if (!setting.ok) this.problems.push(`«Настройки» → «${SETTING.period}»: ${setting.message}; считается календарный год.`);
    this.fallback = setting.ok ? setting.rule : { kind: 'calendar' };
    this.explicit =
      request.from !== undefined && request.to !== undefined ? { kind: 'explicit', from: request.from, to: request.to } : null;
  }

  get scopeName(): string | undefined {
    return this.scope === null ? undefined : this.dataset.orgName(this.scope) || this.dataset.orgCode(this.scope);
  }

  passports(): Passport[] {
    return readPassports(this.workbook.table('indicators'));
  }

  resolve(passport: Passport): ResolvedRow {
    const compiled = compilePassport(passport);
    if (!compiled.ok) return compiled;
    const period = periodOf(this.explicit ?? compiled.rule ?? this.fallback, this.year);
    if (!period.ok) return { ok: false, message: `${rowLabel(passport)}: ${period.message}.` };
    return { ok: true, spec: compiled.spec, params: compiled.params, period: period.period };
  }

  /** The people, schools, events or mentors a row counts; null for «manual» and staff_per_methodist. */
  coverage(row: ResolvedRow & { ok: true }): Coverage | null {
    return row.spec.kind === 'manual' || row.spec.id === 'staff_per_methodist'
      ? null
      : this.engine.coverage(row.spec, row.params, row.period);
  }

  evaluate(passport: Passport): IndicatorResult {
    const row = this.resolve(passport);
    if (!row.ok) {
      this.problems.push(row.message);
      const plan = planValue(passport.plans.get(this.year));
      return {
        passport,
        spec: null,
        period: null,
        numerator: null,
        denominator: null,
        value: null,
        plan,
        previous: null,
        change: null,
        history: [],
        status: statusOf(null, plan, passport.comparator),
        explanation: `Ошибка в паспорте: ${row.message}`,
        problem: row.message,
        warnings: [],
        byOrg: new Map(),
      };
    }
    const { spec, params, period } = row;
    const plan = planValue(passport.plans.get(period.year));
    const explanation = explain(spec, params, period, this.scopeName);
    const done = (
      counts: Counts,
      value: number | string | null,
      byOrg: IndicatorResult['byOrg'],
      previous: YearBefore | null = null,
      gaps: readonly HeadcountGap[] = [],
      history: readonly YearValue[] = [],
    ): IndicatorResult => ({
      passport,
      spec,
      period,
      numerator: spec.kind === 'manual' ? null : counts.numerator,
      denominator: counts.denominator,
      value,
      plan,
      previous,
      change: changeOf(value, previous?.value ?? null),
      history,
      status: statusOf(value, plan, passport.comparator, previous?.value ?? null),
      explanation,
      problem: null,
      warnings: warningsOf(
        gaps,
        (org) => this.dataset.orgCode(org),
        (org) => this.dataset.orgName(org),
      ),
      byOrg,
    });
    if (spec.kind === 'manual') return done({ numerator: 0, denominator: null }, typedValue(passport.fact), new Map());
    const coverage = this.coverage(row);
    const tally = coverage ? this.engine.tally(coverage, spec.kind) : this.engine.perMethodist(params);
    const byOrg = new Map(
      [...tally.byOrg].filter(([org]) => org).map(([org, counts]) => [org, { ...counts, value: valueOf(spec.kind, counts) }]),
    );
    const value = valueOf(spec.kind, tally);
    const previous = this.yearsBefore(row, 1);
    const current: YearValue = { year: period.year, numerator: tally.numerator, denominator: tally.denominator, value };
    return done(tally, value, byOrg, previous, tally.gaps, coverage ? this.history(row, current, previous) : [current]);
  }

  /**
   * The row's measure over the same period `years` earlier: the same engine over the same indexed snapshot (its
   * populations, sorted registers and the participations it linked for every year at once are shared), only the
   * period's ranges move.
   */
  private yearsBefore(row: ResolvedRow & { ok: true }, years: number): YearBefore | null {
    const period = yearBefore(row.period, years);
    const coverage = this.engine.coverage(row.spec, row.params, period);
    if (!coverage) return null;
    // tally, not a bare count: earlier years follow the same rules (the ОО-1 denominators) as the row.
    const { numerator, denominator } = this.engine.tally(coverage, row.spec.kind);
    return { period, numerator, denominator, value: valueOf(row.spec.kind, { numerator, denominator }) };
  }

  /** Every year from the earliest record's to the row's, ascending (the year before and the row's own reused). */
  private history(row: ResolvedRow & { ok: true }, current: YearValue, previous: YearBefore | null): YearValue[] {
    const back = yearsBack(row.period, this.engine.earliest) - 1;
    const years: YearValue[] = [];
    for (let k = back; k >= 1; k--) {
      const before = k === 1 ? previous : this.yearsBefore(row, k);
      if (before)
        years.push({ year: before.period.year, numerator: before.numerator, denominator: before.denominator, value: before.value });
    }
    years.push(current);
    return years;
  }
}

/** «Отчётный год» of «Настройки»; empty (or not a year) means the year of the latest data, else the current one. */
export function reportingYear(setting: string | undefined, dataset: Dataset, now: Date): number {
  const typed = /^\s*(\d{4})\s*$/.exec(setting ?? '');
  return typed ? Number(typed[1]) : (dataset.latestYear() ?? now.getFullYear());
}

const SCOPE_CODES_SHOWN = 40;

/** The normalized code of the ОО `code` names, or an error a methodist can act on. */
function scopeOf(dataset: Dataset, code: string | undefined): string | null {
  if (!code?.trim()) return null;
  const org = normalizeName(code);
  if (!dataset.orgs.get(org)?.name) {
    const known = [...dataset.orgs.values()].filter((o) => o.name).map((o) => o.code);
    const list = known.length
      ? `Коды ОО в книге: ${known.sort(compareCodes).slice(0, SCOPE_CODES_SHOWN).join(', ')}${known.length > SCOPE_CODES_SHOWN ? ` … (всего ${known.length})` : ''}.`
      : 'Лист «Организации» пуст: загрузите справочник ОО.';
    throw new Error(`ОО с кодом «${code.trim()}» нет в листе «Организации». ${list}`);
  }
  return org;
}

const typedValue = (fact: Cell): number | string | null => (fact === '' ? null : typeof fact === 'number' ? fact : String(fact));
