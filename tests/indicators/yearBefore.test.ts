// «Динамика» (SPEC §6): every row carries the same period one year earlier and the change, from the same recompute;
// the comparator «рост» is met above the year before. Expectations are worked out from fixture.ts by hand.
import { KpiContext, type IndicatorResult, type KpiRequest } from '../../src/core/indicators/compute';
import { presetOf } from '../../src/core/indicators/presets';
import { memoryWorkbook, type Rows } from '../support/memoryWorkbook';
import { REGISTERS } from './fixture';

function evaluate(rows: Rows, request: KpiRequest = { year: 2024 }): IndicatorResult[] {
  const workbook = memoryWorkbook({
    ...REGISTERS,
    indicators: rows.map((r, i) => ({ code: String(i + 1), title: `Показатель ${i + 1}`, ...r })),
  });
  const context = new KpiContext(workbook, request, new Date(2025, 0, 15));
  return context.passports().map((p) => context.evaluate(p));
}
const one = (row: Rows[number], request?: KpiRequest) => evaluate([row], request)[0]!;
const before = (r: IndicatorResult) =>
  r.previous && [r.previous.period.from, r.previous.period.to, r.previous.numerator, r.previous.denominator, r.previous.value];

describe('the same period one year earlier', () => {
  test('share_diagnosed: 2024 a1, b1, c1 = 3 of 17; 2023 only a2 (31.12.2023) = 1 of 17; change +200/17 п. п.', () => {
    const r = one({ measure: 'share_diagnosed' });
    expect(before(r)).toEqual([20230101, 20231231, 1, 17, 100 / 17]);
    expect(r.change).toBeCloseTo(200 / 17, 10);
  });

  test('count_staff_diagnosed for 2023: a2 = 1 against 2022: b3 (31.08.2022), b4 (01.09.2022) = 2; change −1', () => {
    const r = one({ measure: 'count_staff_diagnosed' }, { year: 2023 });
    expect([r.value, r.previous?.value, r.change]).toEqual([1, 2, -1]);
  });

  test('share_iom_developed 2023: a1 (from 01.11.2023), a2 (all 2023), a3 (2022, no end) = 3 of 17', () => {
    expect(before(one({ measure: 'share_iom_developed' }))).toEqual([20230101, 20231231, 3, 17, 300 / 17]);
  });

  test('an explicit range moves by a year at both ends: 01.03–30.06.2024 → 01.03–30.06.2023', () => {
    const r = one({ measure: 'count_staff_diagnosed' }, { from: 20240301, to: 20240630 });
    // 2024: a1 (01.03, 01.06) = 1; 2023 in the same months: none.
    expect([r.value, ...before(r)!, r.change]).toEqual([1, 20230301, 20230630, 0, null, 0, 1]);
  });

  test('no history where the registers keep none: «manual» and staff_per_methodist carry no year before', () => {
    const [manual, ratio] = evaluate([{ measure: 'manual', fact: 'Да' }, { measure: 'staff_per_methodist' }]);
    expect([manual!.previous, manual!.change, ratio!.previous, ratio!.change]).toEqual([null, null, null, null]);
  });
});

describe('the comparator «рост» (SPEC §6; seed 001 L337: «увеличение количества педагогов, принимающих участие в мероприятиях и конкурсах профессионального мастерства на разных уровнях»)', () => {
  test('met when the value exceeds the year before, with no plan: 3 (2024) > 1 (2023); 1 (2023) < 2 (2022)', () => {
    expect(one({ measure: 'count_staff_diagnosed', comparison: 'рост' }).status).toBe('Выполнен');
    expect(one({ measure: 'count_staff_diagnosed', comparison: 'рост' }, { year: 2023 }).status).toBe('Не выполнен');
  });

  test('equal to the year before is not growth', () => {
    // 01.03–30.06: a1 = 1 against none in 2023 — growth; July–August: none in 2024 and none in 2023 — 0 = 0 is not.
    expect(one({ measure: 'count_staff_diagnosed', comparison: 'рост' }, { from: 20240301, to: 20240630 }).status).toBe('Выполнен');
    const flat = one({ measure: 'count_staff_diagnosed', comparison: 'рост' }, { from: 20240701, to: 20240831 });
    expect([flat.value, flat.previous?.value, flat.change, flat.status]).toEqual([0, 0, 0, 'Не выполнен']);
  });

  test('yartsevo Я3 (seed 001 L337) is loaded with «рост»; the other rows keep «≥»', () => {
    const rows = presetOf('yartsevo').rows;
    expect(rows.find((r) => r.code === 'Я3')).toMatchObject({ measure: 'count_staff_participated', comparison: 'рост' });
    expect(rows.filter((r) => r.comparison === 'рост').map((r) => r.code)).toEqual(['Я3']);
  });
});
