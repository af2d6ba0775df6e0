// The region's totals computed by hand from three municipalities (src/core/region/consolidate.ts): shares from the
// sums of numerators and denominators — never the mean of the percentages —, counts summed, people per methodist
// from the sums, a typed indicator by how many municipalities meet it, a municipality without data left out.
import { presetOf } from '../../src/core/indicators/presets';
import type { KpiStatus } from '../../src/core/indicators/status';
import { REGION_TOTAL, regionTotals, type SummaryRow } from '../../src/core/region/consolidate';

const klin = presetOf('klin');
const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };

function row(
  workbookId: string,
  code: string,
  numerator: number | null,
  denominator: number | null,
  value: number | string | null,
  status: KpiStatus = 'Не выполнен',
): SummaryRow {
  return {
    municipality: workbookId,
    workbookId,
    code,
    name: '',
    unit: '',
    numerator,
    denominator,
    value,
    plan: null,
    comparator: '≥',
    status,
    period: YEAR_2024,
    explanation: '',
    computedAt: '2024-12-31T10:00:00',
    history: [],
  };
}

// Three municipalities of very different sizes.
const ROWS: SummaryRow[] = [
  // «2» share_diagnosed: 1 of 2 (50 %), 10 of 100 (10 %), 0 of 0 (no data: no staff in the roster)
  row('A', '2', 1, 2, 50),
  row('B', '2', 10, 100, 10),
  row('C', '2', 0, 0, null, 'Нет данных'),
  // «4» staff_per_methodist (≤ 70): 100 staff / 2 methodists = 50, 50 / 3 = 16.7, 700 / 7 = 100
  row('A', '4', 100, 2, 50),
  row('B', '4', 50, 3, 50 / 3),
  row('C', '4', 700, 7, 100),
  // «9» count_staff_participated (≥ 1): counts, no denominator
  row('A', '9', 3, null, 3),
  row('B', '9', 4, null, 4),
  row('C', '9', 0, null, 0),
  // «1» manual («Да» planned): A met it, B typed «Нет», C typed nothing
  row('A', '1', null, null, 'Да', 'Выполнен'),
  row('B', '1', null, null, 'Нет', 'Не выполнен'),
  row('C', '1', null, null, null, 'Нет данных'),
  // «8.1» share_iom_developed: B's passport had a mistake (no numbers): A and C only
  row('A', '8.1', 30, 60, 50),
  row('B', '8.1', null, null, null, 'Нет данных'),
  row('C', '8.1', 90, 100, 90),
];

const totals = regionTotals(klin, 2024, ROWS, '2025-01-10T09:00:00');
const total = (code: string) => totals.find((t) => t.code === code)!;

test('one total per indicator of the region’s preset, in its order, marked as the region’s', () => {
  expect(totals.map((t) => t.code)).toEqual(klin.rows.map((r) => r.code));
  expect(new Set(totals.map((t) => [t.municipality, t.workbookId].join('|')))).toEqual(new Set([`${REGION_TOTAL}|`]));
  expect(total('2').name).toBe(klin.rows.find((r) => r.code === '2')!.title);
  expect(total('2').period).toEqual(YEAR_2024);
  expect(total('2').computedAt).toBe('2025-01-10T09:00:00');
});

test('a share is Σ numerators ÷ Σ denominators: 11 of 102 = 10.78 %, not the mean 30 % of 50 % and 10 %', () => {
  expect(total('2')).toMatchObject({ numerator: 11, denominator: 102, plan: 60, status: 'Не выполнен' });
  expect(total('2').value).toBeCloseTo((100 * 11) / 102, 10);
  expect(total('2').explanation).toBe('Сумма числителей ÷ сумма знаменателей × 100 (не среднее процентов) по 3 муниципалитетам.');
});

test('people per methodist is Σ staff ÷ Σ methodists: 850 ÷ 12 = 70.8, over the plan of ≤ 70', () => {
  expect(total('4')).toMatchObject({ numerator: 850, denominator: 12, plan: 70, comparator: '≤', status: 'Не выполнен' });
  expect(total('4').value).toBeCloseTo(850 / 12, 10);
  // The mean of the three ratios (55.6) would have met the plan: the wrong sum would show a wrong status.
  expect((50 + 50 / 3 + 100) / 3).toBeLessThan(70);
});

test('a count is the sum, with no denominator', () => {
  expect(total('9')).toMatchObject({ numerator: 7, denominator: null, value: 7, plan: 1, status: 'Выполнен' });
});

test('a typed indicator says in how many municipalities it is met, of those that typed a value', () => {
  expect(total('1')).toMatchObject({ numerator: null, denominator: null, value: '1 из 2', plan: 'Да', status: 'Не выполнен' });
  const allMet = regionTotals(
    klin,
    2024,
    [row('A', '1', null, null, 'Да', 'Выполнен'), row('C', '1', null, null, null, 'Нет данных')],
    'x',
  );
  expect(allMet[0]).toMatchObject({ value: '1 из 1', status: 'Выполнен' });
});

test('a municipality without numbers for an indicator is left out of that total, and the explanation counts who is in', () => {
  expect(total('8.1')).toMatchObject({ numerator: 120, denominator: 160, value: 75, plan: 60, status: 'Выполнен' });
  expect(total('8.1').explanation).toMatch(/по 2 муниципалитетам\.$/);
});

test('no municipality at all: every total «Нет данных»', () => {
  const empty = regionTotals(klin, 2024, [], 'x');
  expect(empty.map((t) => [t.value, t.status])).toEqual(klin.rows.map(() => [null, 'Нет данных']));
});

test('the plan is the preset’s for the region’s year, or — with no year set — for the year the municipalities computed', () => {
  expect(regionTotals(klin, 2023, ROWS, 'x').find((t) => t.code === '4')!.plan).toBeNull(); // klin plans «4» from 2024
  expect(regionTotals(klin, null, ROWS, 'x').find((t) => t.code === '4')!.plan).toBe(70);
  expect(regionTotals(klin, 2023, ROWS, 'x').find((t) => t.code === '4')!.status).toBe('Нет плана');
});
