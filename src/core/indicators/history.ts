// «Факт по годам»: an indicator's value in each year the registers hold, as one text cell of «Показатели» (and of the
// regional «Сводные показатели»), readable by a methodist and read back exactly: «2024: 40 (12 из 30); 2025: 48,4
// (15 из 31)» for a share, «2024: 16; 2025: 95» for a count, «2026: 85,5 (342 / 4)» for people per methodist. The
// counts are kept, so a region sums numerators and denominators of each year (never averages percentages), and the
// value is recomputed from them when read.
import { valueOf } from './engine';
import type { MeasureKind } from './measures';

export interface YearFigure {
  readonly year: number;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** A percentage for shares, a count, people per methodist; null = no data (a denominator of 0). */
  readonly value: number | null;
}

const shown = (n: number) => String(Math.round(n * 10) / 10).replace('.', ',');

/** One cell: the years ascending, each with its value and (for a share or a ratio) its counts. */
export function historyText(history: readonly YearFigure[], kind: MeasureKind | null): string {
  return [...history]
    .sort((a, b) => a.year - b.year)
    .map((h) => {
      const value = h.value === null ? '—' : shown(h.value);
      const counts =
        h.numerator !== null && h.denominator !== null && kind !== 'count'
          ? ` (${h.numerator}${kind === 'ratio' ? ' / ' : ' из '}${h.denominator})`
          : '';
      return `${h.year}: ${value}${counts}`;
    })
    .join('; ');
}

const ENTRY = /^(\d{4}):\s*(—|-?[\d\s\u00a0]*\d(?:[,.]\d+)?)\s*(?:\((\d+)\s*(из|\/)\s*(\d+)\))?$/;

/**
 * The cell read back, ascending by year; entries that do not read are skipped (a hand edit). Each entry says its
 * kind: «из» a share, «/» a ratio, no counts a count.
 */
export function parseHistory(text: string): YearFigure[] {
  const byYear = new Map<number, YearFigure>();
  for (const part of text.split(';')) {
    const m = ENTRY.exec(part.trim());
    if (!m) continue;
    const year = Number(m[1]);
    const typed = m[2] === '—' ? null : Number(m[2]!.replace(/[\s\u00a0]/g, '').replace(',', '.'));
    if (m[3] === undefined) {
      byYear.set(year, { year, numerator: typed, denominator: null, value: typed });
      continue;
    }
    const numerator = Number(m[3]);
    const denominator = Number(m[5]);
    // Exact again from the counts (the cell shows one decimal).
    byYear.set(year, { year, numerator, denominator, value: valueOf(m[4] === 'из' ? 'share' : 'ratio', { numerator, denominator }) });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** Two histories as one: `newer`'s years replace `older`'s, the other years of `older` are kept. */
export function mergeHistory(older: readonly YearFigure[], newer: readonly YearFigure[]): YearFigure[] {
  const byYear = new Map(older.map((h) => [h.year, h]));
  for (const h of newer) byYear.set(h.year, h);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
