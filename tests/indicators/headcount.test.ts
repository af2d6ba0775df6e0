// ОО-1 against the roster (SPEC §6, /work/shared/domain/SPEC.md §6 «Definitions»): «Shares are percentages 0–100 and
// can never exceed 100: where an ОО's ОО-1 headcount is smaller than the people of that ОО the numerator counts, the
// numerator takes that ОО's headcount, and the row carries a warning naming the ОО and both numbers». Issue 15 point
// 1: «`staff_per_methodist` says so too when the headcount and the roster disagree by more than 10 %». The fixture's
// municipality (fixture.ts) with the ОО-1 figures changed per test; every number is worked out by hand below.
import { KpiContext, type IndicatorResult, type KpiRequest } from '../../src/core/indicators/compute';
import { buildReport, indicatorSheetWrite, readKpiReport } from '../../src/core/indicators/report';
import { parseWarnings, warningsCell } from '../../src/core/indicators/warnings';
import { memoryWorkbook, type Rows } from '../support/memoryWorkbook';
import { ORGS, REGISTERS, STAFF } from './fixture';

const withHeadcounts = (headcounts: Record<string, number | ''>): Rows =>
  ORGS.map((o) => (String(o.code) in headcounts ? { ...o, headcount: headcounts[String(o.code)]! } : o));

function run(measure: string, organizations: Rows, request: KpiRequest = { year: 2024 }, staff: Rows = STAFF, params = '') {
  const workbook = memoryWorkbook({
    ...REGISTERS,
    organizations,
    staff,
    indicators: [{ code: '1', title: 'Показатель', measure, params, plan2024: 90, comparison: '≥' }],
  });
  const context = new KpiContext(workbook, request, new Date(2025, 0, 15));
  const [result] = context.passports().map((p) => context.evaluate(p));
  return { result: result!, context, workbook };
}
const counts = (r: IndicatorResult) => [r.numerator, r.denominator, r.value];
const figures = (r: IndicatorResult) =>
  r.warnings.map(({ code, organization, counted, headcount }) => [code, organization, counted, headcount]);

// share_staff_participated 2024 (events held or with no status; not planned, postponed or cancelled): S1 a1, a2, a3
// (3), S2 b1, b3, b4, b5 (4; b2 only at the cancelled and the postponed seminars), D1 c1, c2 (2) — 9 people.
describe('a share never exceeds 100 %: an ОО counts at most its ОО-1 headcount', () => {
  test('ОО-1 S1 = 1, S2 = 2, D1 by roster (2): today 9 of 5 = 180 %; clipped 1 + 2 + 2 = 5 of 5 = 100 %', () => {
    const { result } = run('share_staff_participated', withHeadcounts({ S1: 1, S2: 2 }));
    expect(counts(result)).toEqual([5, 5, 100]);
    expect(result.value as number).toBeLessThanOrEqual(100);
    expect(figures(result)).toEqual([
      ['headcount_exceeded', 'S1', 3, 1],
      ['headcount_exceeded', 'S2', 4, 2],
    ]);
    expect(result.warnings[1]!.text).toBe(
      'ОО S2 — Школа № 2: в числителе 4 чел. с листа «Педагоги», а по ОО-1 работников 2 — засчитано 2. ' +
        'Проверьте «Численность работников (ОО-1)» на листе «Организации» или уберите лишние и повторные строки этой ОО на листе «Педагоги».',
    );
  });

  test('the per-ОО rows are clipped too; D1 (no ОО-1, 2 of its 2) carries no warning', () => {
    const { result } = run('share_staff_participated', withHeadcounts({ S1: 1, S2: 2 }));
    expect([...result.byOrg].map(([org, c]) => [org, c.numerator, c.denominator, c.value])).toEqual(
      expect.arrayContaining([
        ['s1', 1, 1, 100],
        ['s2', 2, 2, 100],
        ['d1', 2, 2, 100],
      ]),
    );
  });

  test('one ОО as the scope: S2 with 4 counted and ОО-1 = 2 reads 2 of 2, not 200 %', () => {
    const { result } = run('share_staff_participated', withHeadcounts({ S2: 2 }), { year: 2024, scope: 'S2' });
    expect(counts(result)).toEqual([2, 2, 100]);
    expect(figures(result)).toEqual([['headcount_exceeded', 'S2', 4, 2]]);
  });

  test('an ОО-1 at least the people counted changes nothing and warns of nothing (S1 = 3, S2 = 4)', () => {
    const { result } = run('share_staff_participated', withHeadcounts({ S1: 3, S2: 4 }));
    expect(counts(result)).toEqual([9, 9, 100]);
    expect(result.warnings).toEqual([]);
  });

  test('a subset (учителя) is counted by roster rows, so it is never clipped', () => {
    // Teachers S1 a1 a2, S2 b1 b2 (b3 is a speech therapist); participated: a1, a2, b1 of 4.
    const teachers = run('share_staff_participated', withHeadcounts({ S1: 1, S2: 1 }), { year: 2024 }, STAFF, 'население=учителя');
    expect([...counts(teachers.result), teachers.result.warnings]).toEqual([3, 4, 75, []]);
  });
});

// staff_per_methodist: S by ОО-1 (S1 = 4 = its roster, S2 = 10, D1 by roster 2) = 16 per holder of «Методист» (a4,
// m1, m3) = 16/3. S2 has b1–b5 in the roster plus `extra` people; the rule: |roster − ОО-1| > 10 % of ОО-1.
describe('staff_per_methodist warns where ОО-1 and the roster differ by more than 10 % of ОО-1', () => {
  const extra = (n: number): Rows =>
    Array.from({ length: n }, (_, i) => ({ name: `s2-${i + 1}`, orgCode: 'S2', position: 'Учитель', source: 'Реестр' }));
  const ratio = (n: number) =>
    run('staff_per_methodist', withHeadcounts({ S1: 4, S2: 10 }), { year: 2024 }, [...STAFF, ...extra(n)]).result;

  test.each([
    [4, 9],
    [6, 11],
  ])('S2 with %i more people: %i in the roster against 10 — exactly 10 % — no warning', (n) => {
    const r = ratio(n);
    expect([r.numerator, r.denominator, r.value, r.warnings]).toEqual([16, 3, 16 / 3, []]);
  });

  test('8 in the roster against 10 (20 %): a warning asking for the missing people', () => {
    const r = ratio(3);
    expect([r.value, figures(r)]).toEqual([16 / 3, [['headcount_roster_mismatch', 'S2', 8, 10]]]);
    expect(r.warnings[0]!.text).toBe(
      'ОО S2 — Школа № 2: на листе «Педагоги» 8 чел., а по ОО-1 работников 10 — расходятся больше чем на 10 %; в расчёте взята ' +
        'численность по ОО-1. Проверьте «Численность работников (ОО-1)» на листе «Организации» или добавьте недостающих работников этой ОО на листе «Педагоги».',
    );
  });

  test('12 in the roster against 10 (20 %): a warning asking to remove extra rows', () => {
    const r = ratio(7);
    expect(figures(r)).toEqual([['headcount_roster_mismatch', 'S2', 12, 10]]);
    expect(r.warnings[0]!.text).toMatch(/уберите лишние и повторные строки этой ОО на листе «Педагоги»\.$/);
  });

  test('an ОО without ОО-1 is counted by its roster and cannot disagree with it', () => {
    // The fixture as it is: S1 ОО-1 = 10 against 4 rows (a warning), S2 and D1 without ОО-1.
    const r = run('staff_per_methodist', ORGS).result;
    expect(figures(r)).toEqual([['headcount_roster_mismatch', 'S1', 4, 10]]);
  });
});

describe('the warnings on «Показатели» and read back from it', () => {
  test('written to «Предупреждения» and the note on «Факт», and parsed again by readKpiReport', () => {
    const { result, context, workbook } = run('share_staff_participated', withHeadcounts({ S1: 1, S2: 2 }));
    const now = new Date(2025, 0, 15, 10, 0, 0);
    const report = buildReport(context, [result], 'klin', now);
    const table = workbook.table('indicators');
    const write = indicatorSheetWrite(table, [result], report, now);
    const cell = write.rows[0]![write.keys.indexOf('warnings')];
    expect(cell).toBe(result.warnings.map((w) => w.text).join('\n'));
    expect(write.notes[0]).toBe(`Внимание: ${result.warnings[0]!.text}\n\nВнимание: ${result.warnings[1]!.text}\n\n${result.explanation}`);
    write.keys.forEach((key, k) => table.update(0, { [key]: write.rows[0]![k]! }));
    expect(readKpiReport(workbook)!.indicators[0]!.warnings).toEqual(result.warnings);
  });

  test('an ОО code or name with a colon or a dash is still read back whole; a line typed by hand is left out', () => {
    const warnings = [
      { code: 'headcount_exceeded' as const, organization: 'СОШ 3: корпус', counted: 38, headcount: 30, text: '' },
      { code: 'headcount_roster_mismatch' as const, organization: 'Ш-2', counted: 5, headcount: 40, text: '' },
    ];
    const texts = [
      'ОО СОШ 3: корпус — МБОУ «СОШ № 3 — имени А. С. Пушкина»: в числителе 38 чел. с листа «Педагоги», а по ОО-1 работников 30 — засчитано 30. Проверьте.',
      'ОО Ш-2: на листе «Педагоги» 5 чел., а по ОО-1 работников 40 — расходятся больше чем на 10 %.',
    ];
    const cell = warningsCell(warnings.map((w, i) => ({ ...w, text: texts[i]! })));
    expect(parseWarnings(`${cell}\nпроверила, всё верно`)).toEqual(warnings.map((w, i) => ({ ...w, text: texts[i] })));
  });
});
