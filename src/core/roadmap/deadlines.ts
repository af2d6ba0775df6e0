// «Срок» of a roadmap item, as the documents write it (SPEC §3), resolved to deadlines: a named date is that day; a
// named month, quarter or year is its last day; a frequency («ежегодно», «ежеквартально», «ежемесячно», «в течение
// года») recurs in whatever period is computed. What no rule reads is «unresolved» with the reason, so the methodist
// sees it and types a date — it is never guessed.
import { endOfMonth, endOfQuarter, format } from 'date-fns';
import { ru } from 'date-fns/locale';
import { dayNumber, type Day } from '../indicators/period';

export type Recurrence = 'month' | 'quarter' | 'year';

export type DeadlineRule =
  | { readonly kind: 'dates'; readonly days: readonly Day[] }
  /** Every month/quarter/year (on its last day, or on `on` = mmdd each year), optionally only in `years`. */
  | { readonly kind: 'every'; readonly unit: Recurrence; readonly on?: number; readonly years?: readonly [number, number] }
  | { readonly kind: 'unresolved'; readonly reason: string };

// Stems match the nominative («май»), the genitive («мая») and a capital letter alike.
const MONTHS = ['январ', 'феврал', 'март', 'апрел', 'ма[йя]', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];
const MONTH = `(${MONTHS.join('|')})[а-я]*`;
const monthIndex = (word: string) => MONTHS.findIndex((stem) => new RegExp(`^${stem}`).test(word));
const dayOf = (y: number, m: number, d: number): Day => y * 10000 + (m + 1) * 100 + d;
const lastOfMonth = (y: number, m: number): Day => dayNumber(endOfMonth(new Date(y, m, 1)));

const FREQUENCIES: readonly [RegExp, Recurrence][] = [
  [/ежемесячно|1 раз в месяц|ежемесячн/, 'month'],
  [/ежеквартально/, 'quarter'],
  [/ежегодно|в течение (учебного )?года/, 'year'],
];

const unresolved = (text: string, why: string): DeadlineRule => ({
  kind: 'unresolved',
  reason: `Срок «${text}» не распознан: ${why}. Укажите дату выполнения в столбце «Срок», например «31.12.2024» или «Май 2024 г.».`,
});

export function parseDeadline(written: string): DeadlineRule {
  const text = written.trim();
  if (!text) return unresolved(written, 'срок пуст');
  const t = text.toLowerCase().replace(/[–—]/g, '-').replace(/ё/g, 'е').replace(/\s+/g, ' ');
  const yearSpan = /(\d{4})\s*(?:-|,)\s*(\d{4})\s*гг/.exec(t) ?? /в течение (\d{4})()/.exec(t);
  const years = yearSpan ? ([+yearSpan[1], +(yearSpan[2] || yearSpan[1])] as const) : undefined;
  const since = /начиная с (\d{4})/.exec(t);
  const frequency = FREQUENCIES.find(([re]) => re.test(t))?.[1];

  if (/еженедельно/.test(t) && !years) return unresolved(text, 'еженедельные мероприятия не имеют одного срока');
  // A frequency, or a whole span of years («в течение 2023-2024 гг.»): each period's end within those years.
  if (frequency || (years && !new RegExp(MONTH).test(t))) {
    const on = new RegExp(`(\\d{1,2}) ${MONTH}`).exec(t);
    const unit = frequency ?? 'year';
    const span = years ?? (since ? ([+since[1], 9999] as const) : undefined);
    if (on && unit === 'year') return { kind: 'every', unit, on: (monthIndex(on[2]) + 1) * 100 + +on[1], ...(span && { years: span }) };
    return { kind: 'every', unit, ...(span && { years: span }) };
  }

  const days: Day[] = [];
  for (const m of t.matchAll(/(\d{1,2})\.(\d{1,2})\.(\d{4})/g)) days.push(dayOf(+m[3], +m[2] - 1, +m[1]));
  // «6 октября 2023 г.», «с 16 октября по 30 октября 2023 г.» (the last day named), «Май-июнь 2023 г.», «Май 2023 г.,
  // январь 2024 г.», «Июнь 2023 г декабрь 2023 г.»: each month (or range of months) takes the year that follows it.
  const re = new RegExp(`(?:(\\d{1,2}) )?${MONTH}(?: ?(?:-|по) ?(?:(\\d{1,2}) )?${MONTH})?(?:[^а-я0-9]*(\\d{4}))?`, 'g');
  const pending: [number, number | undefined][] = [];
  for (const m of t.matchAll(re)) {
    const [, d1, m1, d2, m2, year] = m;
    pending.push(m2 ? [monthIndex(m2), d2 ? +d2 : undefined] : [monthIndex(m1), d1 ? +d1 : undefined]);
    if (!year) continue;
    for (const [month, day] of pending) days.push(day ? dayOf(+year, month, day) : lastOfMonth(+year, month));
    pending.length = 0;
  }
  if (pending.length) return unresolved(text, 'у месяца не указан год, и срок не назван повторяющимся («ежегодно»)');
  if (!days.length) return unresolved(text, 'в нём нет ни даты, ни месяца с годом, ни периодичности');
  return { kind: 'dates', days: [...new Set(days)].sort((a, b) => a - b) };
}

/** The deadlines of a rule that fall in [from, to] (a recurring rule has one per month/quarter/year there). */
export function deadlinesWithin(rule: DeadlineRule, from: Day, to: Day): Day[] {
  if (rule.kind === 'unresolved') return [];
  if (rule.kind === 'dates') return rule.days.filter((d) => d >= from && d <= to);
  const out: Day[] = [];
  const [y0, y1] = [Math.floor(from / 10000), Math.floor(to / 10000)];
  for (let y = y0; y <= y1; y++) {
    if (rule.years && (y < rule.years[0] || y > rule.years[1])) continue;
    if (rule.unit === 'year') out.push(rule.on ? y * 10000 + rule.on : y * 10000 + 1231);
    else if (rule.unit === 'quarter') for (let q = 0; q < 4; q++) out.push(dayNumber(endOfQuarter(new Date(y, q * 3, 1))));
    else for (let m = 0; m < 12; m++) out.push(lastOfMonth(y, m));
  }
  return out.filter((d) => d >= from && d <= to);
}

/** A deadline as people read it: «31 мая 2023». */
export const shownDeadline = (day: Day): string =>
  format(new Date(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100), 'd MMMM yyyy', { locale: ru });
