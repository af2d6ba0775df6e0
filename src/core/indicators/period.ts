// Reporting periods (SPEC §6): calendar year Y = 01.01.Y–31.12.Y; учебный год Y/Y+1 = 01.09.Y–31.08.Y+1;
// «нарастающим итогом с D» = D–31.12.Y; or an explicit from/to. Days are compared as yyyymmdd numbers, so a time of
// day or a Date from another realm never shifts a boundary.
import { isDate, normalizeName, parseDay } from '../text';

/** A calendar day as yyyymmdd: orderable, and free of time zones. */
export type Day = number;

export const dayNumber = (d: Date): Day => d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
export const dayOfCell = (v: unknown): Day | null => (isDate(v) ? dayNumber(v) : null);
const yearOf = (day: Day) => Math.floor(day / 10000);
const pad2 = (n: number) => String(n).padStart(2, '0');
const parts = (day: Day) => [yearOf(day), Math.floor(day / 100) % 100, day % 100] as const;

/** `yyyy-mm-dd`, the form kpi.json and the sidebar use. */
export function isoDay(day: Day): string {
  const [y, m, d] = parts(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** `дд.мм.гггг`, the form people read. */
export function shownDay(day: Day): string {
  const [y, m, d] = parts(day);
  return `${pad2(d)}.${pad2(m)}.${y}`;
}

export const PERIOD_TEXT = {
  calendar: 'Календарный год',
  school: 'Учебный год',
  cumulative: 'Нарастающим итогом с',
} as const;

export type PeriodRule =
  | { readonly kind: 'calendar' }
  | { readonly kind: 'school' }
  | { readonly kind: 'cumulative'; readonly since: Day }
  | { readonly kind: 'explicit'; readonly from: Day; readonly to: Day };

export interface Period {
  readonly from: Day;
  readonly to: Day;
  /** The year whose plan the value is compared with. */
  readonly year: number;
  readonly rule: PeriodRule;
}

export type PeriodRuleResult = { readonly ok: true; readonly rule: PeriodRule } | { readonly ok: false; readonly message: string };

/** The «Период» of a passport row; empty means the workbook's «Отчётный период», then the calendar year. */
export function parsePeriodRule(text: string): PeriodRuleResult {
  const key = normalizeName(text);
  if (key === normalizeName(PERIOD_TEXT.calendar)) return { ok: true, rule: { kind: 'calendar' } };
  if (key === normalizeName(PERIOD_TEXT.school)) return { ok: true, rule: { kind: 'school' } };
  const cumulative = /^нарастающим итогом с\s+(.+)$/.exec(key);
  const since = cumulative && parseDay(cumulative[1]!);
  if (since) return { ok: true, rule: { kind: 'cumulative', since: dayNumber(since) } };
  return {
    ok: false,
    message:
      `период «${text}» не распознан (допустимо: ${PERIOD_TEXT.calendar} | ${PERIOD_TEXT.school} | ` +
      `${PERIOD_TEXT.cumulative} дд.мм.гггг)`,
  };
}

export type PeriodResult = { readonly ok: true; readonly period: Period } | { readonly ok: false; readonly message: string };

export function periodOf(rule: PeriodRule, year: number): PeriodResult {
  const span = (): [Day, Day] => {
    switch (rule.kind) {
      case 'calendar':
        return [year * 10000 + 101, year * 10000 + 1231];
      case 'school':
        return [year * 10000 + 901, (year + 1) * 10000 + 831];
      case 'cumulative':
        return [rule.since, year * 10000 + 1231];
      case 'explicit':
        return [rule.from, rule.to];
    }
  };
  const [from, to] = span();
  if (from > to) return { ok: false, message: `период начинается (${shownDay(from)}) позже, чем заканчивается (${shownDay(to)})` };
  return { ok: true, period: { from, to, year: rule.kind === 'explicit' ? yearOf(to) : year, rule } };
}

/**
 * The same period one year earlier (SPEC §6 «Динамика»): both bounds a year back. Days are yyyymmdd numbers, so
 * 29.02 becomes 20230229 — still between 28.02 and 01.03 for every range comparison.
 */
export const yearBefore = (period: Period, years = 1): Period => ({
  ...period,
  from: period.from - 10000 * years,
  to: period.to - 10000 * years,
  year: period.year - years,
});

/** The most years a trend goes back (the current one included): a decade of registers at most. */
export const HISTORY_YEARS = 10;

/**
 * How many years before `period` the registers are read for it: one year before the earliest record's (so the
 * earliest year's own year before lies inside too), at least the year before, at most the trend's length.
 */
export const yearsBack = (period: Period, earliest: number | null) =>
  Math.max(1, Math.min(HISTORY_YEARS, period.year - (earliest ?? period.year) + 1));

/** «в 2024 году», «в 2024/2025 учебном году», «с 01.09.2022 по 31.12.2024» — inside a «Как считается» sentence. */
export function describePeriod(period: Period): string {
  switch (period.rule.kind) {
    case 'calendar':
      return `в ${period.year} году`;
    case 'school':
      return `в ${period.year}/${period.year + 1} учебном году`;
    default:
      return `с ${shownDay(period.from)} по ${shownDay(period.to)}`;
  }
}

/** «01.01.2024–31.12.2024»: what «Период расчёта» shows, and what the last recompute is read back from. */
export const periodRange = (from: Day, to: Day): string => `${shownDay(from)}–${shownDay(to)}`;

export function parsePeriodRange(text: string): { from: Day; to: Day } | null {
  const [a, b] = text.split(/[–—-]/).map((s) => parseDay(s.trim()));
  return a && b ? { from: dayNumber(a), to: dayNumber(b) } : null;
}

/** A date typed by a methodist or passed on the command line (дд.мм.гггг or гггг-мм-дд). */
export function parseDayNumber(text: string): Day | null {
  const d = parseDay(text);
  return d ? dayNumber(d) : null;
}
