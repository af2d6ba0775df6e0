// Which of the workbooks read go into the region's totals: one year, and each municipality once. A workbook is one
// unit whatever form its link takes (municipalEntries already flags the same ID twice as «Повтор»); a second workbook
// of the same municipality — a copy under another ID, or a second workbook kept by hand — would count its people
// twice, so only the first in the list is summed and the others say why. With no «Год» in «Настройки», the year is
// the one most workbooks computed (the latest on a tie): the others are named, never summed into another year.
import { normalizeName } from '../text';
import type { SummaryRow } from './consolidate';
import { REASONS, yearOf } from './municipal';
import type { MunicipalEntry } from './report';

export interface ReadWorkbook {
  readonly entry: MunicipalEntry;
  /** «Муниципалитет» as the list or the workbook names it. */
  readonly municipality: string;
  readonly rows: readonly SummaryRow[];
}

export interface RollUp {
  readonly year: number | null;
  readonly summed: readonly ReadWorkbook[];
  readonly leftOut: readonly { readonly entry: MunicipalEntry; readonly reason: string }[];
}

const yearOfRows = (rows: readonly SummaryRow[]) => rows.map((r) => yearOf(r.period)).find((y) => y !== null) ?? null;

/** The year most workbooks computed; the latest of the tied. */
function commonYear(read: readonly ReadWorkbook[]): number | null {
  const counts = new Map<number, number>();
  for (const w of read) {
    const year = yearOfRows(w.rows);
    if (year !== null) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? null;
}

const figures = (rows: readonly SummaryRow[]) =>
  JSON.stringify(rows.map((r) => [normalizeName(r.code), r.numerator, r.denominator, r.value]));
const line = (entry: MunicipalEntry) => entry.index + 2;

export function rollUp(read: readonly ReadWorkbook[], settingsYear: number | null): RollUp {
  const year = settingsYear ?? commonYear(read);
  const leftOut: { entry: MunicipalEntry; reason: string }[] = [];
  const first = new Map<string, ReadWorkbook>();
  const summed: ReadWorkbook[] = [];
  for (const workbook of read) {
    const own = yearOfRows(workbook.rows);
    if (settingsYear === null && year !== null && own !== year) {
      leftOut.push({
        entry: workbook.entry,
        reason:
          `${REASONS.otherYear}: показатели рассчитаны за ${own ?? 'неизвестный'} год, а большинство книг — за ${year}; ` +
          `сводка — за ${year} год. Пересчитайте их за ${year} год или укажите «Год» в «Настройках» региональной книги.`,
      });
      continue;
    }
    const key = normalizeName(workbook.municipality);
    const earlier = key ? first.get(key) : undefined;
    if (earlier) {
      const same = figures(earlier.rows) === figures(workbook.rows);
      leftOut.push({
        entry: workbook.entry,
        reason: same
          ? `${REASONS.copy}: «${workbook.municipality}» с теми же показателями уже в сводке по книге в строке ${line(earlier.entry)} — это её копия. В сводку муниципалитет входит один раз.`
          : `${REASONS.copy}: «${workbook.municipality}» уже в сводке по книге в строке ${line(earlier.entry)}, а у этой книги другие показатели. Оставьте в списке одну книгу муниципалитета.`,
      });
      continue;
    }
    if (key) first.set(key, workbook);
    summed.push(workbook);
  }
  return { year, summed, leftOut };
}
