// Units of equal value in the «Сравнение» tables: by name in Russian order (the ranks are sorted once per
// dashboard, not compared per comparison), so «Ё» sorts with «Е» and not before «А» as its code point would.
import { regionalDashboard } from '../../src/core/dashboard/regional';
import { rankedUnits } from '../../src/core/dashboard/sheetLayout';
import type { DashboardIndicator } from '../../src/core/dashboard/data';

const NAMES = ['Яхрома', 'Елово', 'Абрамцево', 'Ногинск', 'Ёлкино', 'Ясногорск'];
const code = (i: number) => `id-${i}`;

const share: DashboardIndicator = {
  code: '2',
  name: 'Доля диагностированных',
  unit: '%',
  plan: 60,
  comparator: '≥',
  value: 50,
  previousValue: null,
  change: null,
  history: [],
  numerator: 50,
  denominator: 100,
  status: 'Не выполнен',
  // Every municipality 50 % but Ногинск (no value: last) and Яхрома (70 %: first).
  byUnit: NAMES.map((name, i) => ({
    unit: code(i),
    numerator: null,
    denominator: null,
    value: name === 'Ногинск' ? null : name === 'Яхрома' ? 70 : 50,
    status: null,
  })),
};

test('ties by name in Russian order: «Ёлкино» between «Абрамцево» and «Елово», «Ясногорск» last of the 50 %', () => {
  const data = regionalDashboard({
    title: 'Область',
    now: new Date(2025, 9, 1, 12),
    preset: 'klin',
    period: { from: '2025-01-01', to: '2025-12-31' },
    computedAt: '2025-12-31T10:00:00',
    municipalities: NAMES.map((name, i) => ({ code: code(i), name })),
    indicators: [share],
  });
  expect(rankedUnits(data, share).map((r) => r.name)).toEqual(['Яхрома', 'Абрамцево', 'Ёлкино', 'Елово', 'Ясногорск', 'Ногинск']);
  // «≤»: the lowest first; the ties keep the same order.
  expect(rankedUnits(data, { ...share, comparator: '≤' }).map((r) => r.name)).toEqual([
    'Абрамцево',
    'Ёлкино',
    'Елово',
    'Ясногорск',
    'Яхрома',
    'Ногинск',
  ]);
});
