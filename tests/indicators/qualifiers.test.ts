// Issue 15 points 2–6, read against the documents line by line (SPEC §6): each row's measure and parameters are taken
// from PRESETS itself and computed over the hand-counted municipality of fixture.ts (year 2024, R = 31.12.2024, ОО-1
// of S = 17) plus the rows a case adds; each test reads the source line (tests/fixtures/seeds) whose qualifier it guards.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KpiContext, type IndicatorResult } from '../../src/core/indicators/compute';
import { presetOf } from '../../src/core/indicators/presets';
import { d, memoryWorkbook, type Rows } from '../support/memoryWorkbook';
import { DIAGNOSTICS, REGISTERS, STAFF } from './fixture';

/** The five source documents as the product team received them (shared/seeds), kept with the tests. */
const SEEDS = join(__dirname, '../fixtures/seeds');
const seedLine = (seed: string, line: number) => {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(seed))!;
  return readFileSync(join(SEEDS, file), 'utf8').split('\n')[line - 1]!;
};

function preset(id: string, code: string, extra: Partial<Record<string, Rows>> = {}): IndicatorResult {
  const row = presetOf(id).rows.find((r) => r.code === code)!;
  const indicators: Rows = [{ code, title: row.title, measure: row.measure, params: row.params }];
  const context = new KpiContext(memoryWorkbook({ ...REGISTERS, indicators, ...extra }), { year: 2024 }, new Date(2025, 0, 15));
  return context.evaluate(context.passports()[0]!);
}
const counts = (r: IndicatorResult) => [r.numerator, r.denominator];
const diagnostic = (name: string, date: string, procedure: string, level: string) => {
  const who = STAFF.find((s) => s.name === name)!;
  return { personName: name, personOrgCode: who.orgCode, date: d(date), procedure, level };
};

test('klin 2 counts the levels «высокий, повышенный, базовый» only (seed 000 L484)', () => {
  expect(seedLine('000', 484)).toContain('не менее 60% высокий, повышенный, базовый уровень');
  // 2024: a1 (Базовый), b1 (Высокий), c1 (Повышенный); c2's «Ниже базового» is not counted.
  const r = preset('klin', '2', { diagnostics: [...DIAGNOSTICS, diagnostic('c2', '2024-04-01', 'Муниципальная', 'Ниже базового')] });
  expect(counts(r)).toEqual([3, 17]);
});

test('klin 4 is «за 1 региональным методистом» (seed 000 L486): the role Региональный методист, the document’s name', () => {
  expect(seedLine('000', 486)).toContain('закрепленных за 1 региональным методистом');
  const r = preset('klin', '4');
  expect(counts(r)).toEqual([17, 1]); // m2 only; a4, m1, m3 are «Методист»
  expect(presetOf('klin').rows.find((x) => x.code === '4')!.title).toBe(
    'Количество педагогических работников, закреплённых за 1 региональным методистом для осуществления методического сопровождения',
  );
});

test('klin 8.1 counts IOMs «на основе результатов диагностики» (seed 000 L492): a diagnostic on or before the start', () => {
  expect(seedLine('000', 492)).toContain('на основе результатов диагностики профессиональных дефицитов');
  // b1 (diagnosed 31.12, IOM 31.12), c1 (01.01 → 01.03), b4 (2022 → 05.05); a1's IOM (01.11.2023) precedes its diagnostic.
  expect(counts(preset('klin', '8.1'))).toEqual([3, 17]);
});

test('seversk 1 and 2: «в ЦНППМ» — regional or federal procedures only (seed 002 L238, L244–245)', () => {
  expect(seedLine('002', 238)).toContain('в ЦНППМ');
  // b5 was diagnosed at school in 2024 and has an IOM after it: neither counts for Северск.
  const extra = {
    diagnostics: [...DIAGNOSTICS, diagnostic('b5', '2024-02-01', 'Школьная', 'Базовый')],
    iom: [
      ...REGISTERS.iom,
      { personName: 'b5', personOrgCode: 'S2', position: 'Руководитель', start: d('2024-03-01'), end: '', status: 'Разработан' },
    ],
  };
  expect(counts(preset('seversk', '1', extra))).toEqual([3, 17]);
  expect(counts(preset('seversk', '2', extra))).toEqual([3, 17]);
  expect(counts(preset('klin', '8.1', extra))).toEqual([4, 17]); // klin asks for any diagnostic
});

test('klin 8.2 judges only IOMs that are due by R or final: «успешно реализовали» (seed 000 L492)', () => {
  expect(seedLine('000', 492)).toContain('80% педагогов успешно реализовали ИОМ');
  expect(counts(preset('klin', '8.2'))).toEqual([2, 3]); // a1, a3, b4 judged; b1, c1 still running
});

test('a young-specialist flag stands in only for missing dates (SPEC §6 МС)', () => {
  // b3 is flagged «Молодой специалист» but born 1985 and working since 2010: not МС. A flagged newcomer without
  // dates is МС; one with dates that say young is МС without a flag.
  const staff = [
    ...STAFF,
    { name: 'n1', orgCode: 'S1', position: 'Учитель', youngSpecialist: 'Да', source: 'Реестр' },
    { name: 'n2', orgCode: 'S1', position: 'Учитель', youngSpecialist: 'Да', birthDate: d('1980-01-01'), source: 'Реестр' },
  ];
  const r = preset('klin', '5', { staff });
  expect(r.denominator).toBe(4); // a2, b2 by dates; n1 and n2 by the flag (each lacks a date)
});
