// The month a digest reports on (SPEC §7): the digest sent on the 1st of a month tells about the month just ended
// and the year to date. Month names and dates people read are date-fns with the Russian locale («декабрь 2024»,
// «1 января 2025»); days are yyyymmdd numbers like the indicators' periods, so no time zone shifts a boundary.
import { format } from 'date-fns';
import { ru } from 'date-fns/locale';
import type { Day } from '../indicators/period';

export interface DigestMonth {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The month before the one `date` is in: what a run on `date` reports (a follow-up on the 3rd still reports it). */
export function reportedMonth(year: number, month: number): DigestMonth {
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/** `2024-12`: the month in payloads and properties. */
export const monthKey = (m: DigestMonth): string => `${m.year}-${pad2(m.month)}`;

export function parseMonthKey(text: string): DigestMonth | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : null;
}

/** `12.2024`: the month in «Рассылки» (written as text: a sheet keeps it as typed). */
export const logPeriod = (m: DigestMonth): string => `${pad2(m.month)}.${m.year}`;

const firstDay = (m: DigestMonth) => new Date(m.year, m.month - 1, 1);

/** «декабрь 2024» */
export const monthName = (m: DigestMonth): string => format(firstDay(m), 'LLLL yyyy', { locale: ru });

/** The month as a span of days. */
export function monthSpan(m: DigestMonth): { from: Day; to: Day } {
  const last = new Date(m.year, m.month, 0).getDate();
  const base = m.year * 10000 + m.month * 100;
  return { from: base + 1, to: base + last };
}

/** 1 January of the month's year to its last day. */
export const yearToDate = (m: DigestMonth): { from: Day; to: Day } => ({ from: m.year * 10000 + 101, to: monthSpan(m).to });

/** The 1st of the next month: the day the digest is about («на 1 января 2025»). */
export function sendDay(m: DigestMonth): Day {
  const next = m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 };
  return next.year * 10000 + next.month * 100 + 1;
}

/** A day of kpi.json and KpiReport (`yyyy-mm-dd`) as yyyymmdd. */
export const dayOfIso = (iso: string): Day => Number(iso.replace(/-/g, ''));

/** «1 января 2025» */
export function longDay(day: Day): string {
  return format(new Date(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100), 'd MMMM yyyy', { locale: ru });
}
