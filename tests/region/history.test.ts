// «Факт по годам» (src/core/indicators/history.ts) and the years a regional refresh keeps (src/core/region): the cell
// reads back exactly, a refresh replaces a municipality's year and keeps its other years, and the region's value of
// a year is Σ numerators ÷ Σ denominators over the municipalities that all have that year — never a mean.
import { historyText, mergeHistory, parseHistory, type YearFigure } from '../../src/core/indicators/history';
import { presetOf } from '../../src/core/indicators/presets';
import { regionTotals, type SummaryRow } from '../../src/core/region/consolidate';
import { keepEarlierYears, yearBeforeOf } from '../../src/core/region/report';

const year = (y: number, numerator: number | null, denominator: number | null, value: number | null): YearFigure => ({
  year: y,
  numerator,
  denominator,
  value,
});

describe('«Факт по годам», one cell', () => {
  test('a share, a count and a ratio are written for a reader and read back exactly', () => {
    const share = [year(2025, 15, 31, (100 * 15) / 31), year(2024, 12, 30, 40)];
    expect(historyText(share, 'share')).toBe('2024: 40 (12 из 30); 2025: 48,4 (15 из 31)');
    expect(parseHistory('2024: 40 (12 из 30); 2025: 48,4 (15 из 31)')).toEqual([
      year(2024, 12, 30, 40),
      year(2025, 15, 31, (100 * 15) / 31),
    ]);
    expect(historyText([year(2024, 16, null, 16), year(2025, 95, null, 95)], 'count')).toBe('2024: 16; 2025: 95');
    expect(parseHistory('2024: 16; 2025: 95')).toEqual([year(2024, 16, null, 16), year(2025, 95, null, 95)]);
    expect(parseHistory(historyText([year(2026, 342, 4, 85.5)], 'ratio'))).toEqual([year(2026, 342, 4, 85.5)]);
    // No denominator in a year: no value, and a hand-typed word is skipped.
    expect(parseHistory('2023: — (0 из 0); когда-то: 5')).toEqual([year(2023, 0, 0, null)]);
  });

  test('a newer history replaces its years and keeps the others', () => {
    expect(mergeHistory([year(2023, 1, 10, 10), year(2024, 2, 10, 20)], [year(2024, 3, 10, 30), year(2025, 4, 10, 40)])).toEqual([
      year(2023, 1, 10, 10),
      year(2024, 3, 10, 30),
      year(2025, 4, 10, 40),
    ]);
  });
});

const row = (workbookId: string, numerator: number, denominator: number, history: YearFigure[], code = '2'): SummaryRow => ({
  municipality: workbookId,
  workbookId,
  code,
  name: '',
  unit: '%',
  numerator,
  denominator,
  value: (100 * numerator) / denominator,
  plan: null,
  comparator: '≥',
  status: 'Нет плана',
  period: { from: '2025-01-01', to: '2025-12-31' },
  explanation: '',
  computedAt: '2025-12-31T10:00:00',
  history,
});

describe('the years a regional refresh keeps', () => {
  test('a municipality read again keeps the years its new read no longer has', () => {
    // Read in 2025 for 2024 (its registers then began in 2023); in 2026 its recompute for 2025 holds 2025 only.
    const earlier = [row('klin', 2, 10, [year(2023, 1, 10, 10), year(2024, 2, 10, 20)])];
    const fresh = [row('klin', 5, 10, [year(2025, 5, 10, 50)])];
    expect(keepEarlierYears(earlier, fresh)[0]!.history).toEqual([year(2023, 1, 10, 10), year(2024, 2, 10, 20), year(2025, 5, 10, 50)]);
  });

  test('the region’s value of each year: pooled counts of the municipalities that all have it', () => {
    const klin = row('klin', 30, 100, [year(2024, 10, 100, 10), year(2025, 30, 100, 30)]);
    const dubna = row('dubna', 10, 20, [year(2023, 1, 20, 5), year(2024, 5, 20, 25), year(2025, 10, 20, 50)]);
    const [total] = regionTotals(presetOf('klin'), 2025, [dubna, klin], '2026-01-10T09:00:00').filter((t) => t.code === '2');
    // 2024: (10 + 5) / (100 + 20) = 12,5 % (the mean of 10 % and 25 % would be 17,5 %); 2025: 40 / 120; 2023: Klin
    // has none — left out, not Dubna's 5 % alone.
    expect(total!.history).toEqual([year(2024, 15, 120, 12.5), year(2025, 40, 120, 100 / 3)]);
    expect(yearBeforeOf(total!)).toBe(12.5);
  });
});
