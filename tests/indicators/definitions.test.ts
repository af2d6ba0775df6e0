// Issue 15 points 7–11: the preset rows answer the question their document asks. Each test runs the preset's own
// row (measure and «Параметры» as loaded) over the hand-computed municipality of fixture.ts (year 2024), with the few
// rows a point needs added here; the expected numbers are worked out in the comments.
import { KpiContext, type IndicatorResult } from '../../src/core/indicators/compute';
import { presetOf } from '../../src/core/indicators/presets';
import { d, memoryWorkbook, type Rows } from '../support/memoryWorkbook';
import { EVENTS, MENTORING, PARTICIPATION, REGISTERS, STAFF } from './fixture';

const orgOf = (name: string) => STAFF.find((s) => s.name === name)!.orgCode as string;
const held = (title: string, kind: string, level: string, start: string, organizerCode = 'MS') => ({
  title,
  kind,
  level,
  start: d(start),
  status: 'Проведено',
  organizerCode,
});
const took = (name: string, event: Rows[number], role: string, certified = '') => ({
  personName: name,
  personOrgCode: orgOf(name),
  eventTitle: event.title,
  eventStart: event.start,
  eventLabel: event.title,
  role,
  certified,
});
const eventOf = (title: string) => EVENTS.find((e) => e.title === title)!;

/** The preset's row `code`, computed for 2024 over the fixture with `events` and `participation` added. */
function row(preset: string, code: string, added: { events?: Rows; participation?: Rows; mentoring?: Rows } = {}): IndicatorResult {
  const spec = presetOf(preset).rows.find((r) => r.code === code)!;
  const workbook = memoryWorkbook({
    ...REGISTERS,
    events: [...EVENTS, ...(added.events ?? [])],
    participation: [...PARTICIPATION, ...(added.participation ?? [])],
    mentoring: [...MENTORING, ...(added.mentoring ?? [])],
    indicators: [{ code, title: spec.title, measure: spec.measure, params: spec.params }],
  });
  const context = new KpiContext(workbook, { year: 2024 }, new Date(2025, 0, 15));
  return context.evaluate(context.passports()[0]!);
}
const counts = (r: IndicatorResult) => [r.numerator, r.denominator, r.value];

describe('point 7: roles', () => {
  test('klin 9 counts contestants, not the jury (seed 000 L493: «участвующих в конкурсах»)', () => {
    // «Учитель года»: b1 Участник, a1 Победитель; b5 sits on the jury (Эксперт) — not a contestant. m1 is MS.
    const r = row('klin', '9', { participation: [took('b5', eventOf('Учитель года'), 'Эксперт')] });
    expect(counts(r)).toEqual([2, null, 2]);
  });

  test('saratov С2: listeners of seminars and webinars (seed 004 L65, L130 «Семинары (вебинары)»)', () => {
    // Held seminar 2024: a2 Слушатель, c1 speaks (Выступающий, not «получил помощь»); a webinar: b1, b2 listen.
    const webinar = held('Вебинар по ФОП', 'Вебинар', 'Муниципальный', '2024-03-03');
    const r = row('saratov', 'С2', {
      events: [webinar],
      participation: [
        took('c1', eventOf('Семинар молодых педагогов'), 'Выступающий'),
        took('b1', webinar, 'Слушатель'),
        took('b2', webinar, 'Слушатель'),
      ],
    });
    expect(counts(r)).toEqual([3, 17, (100 * 3) / 17]); // a2, b1, b2 of S by ОО-1 (17)
  });

  test('saratov С3: listeners of consultations, not the one who gave it (seed 004 L86)', () => {
    // «Консультация по аттестации» (31.12.2024): b3 Слушатель; a1 held it (Организатор).
    const r = row('saratov', 'С3', { participation: [took('a1', eventOf('Консультация по аттестации'), 'Организатор')] });
    expect(counts(r)).toEqual([1, 17, 100 / 17]);
  });
});

test('point 8: saratov С6 is the share of staff at the August forum or conference (seed 004 L135 «(28 %)»)', () => {
  // The held forum: a3, b1, c2; the planned «Форум педагогов» (b3) does not count; the 2025 conference is not in P.
  const forum = held('Августовский форум', 'Форум', 'Муниципальный', '2024-08-28');
  const r = row('saratov', 'С6', {
    events: [forum],
    participation: [took('a3', forum, 'Слушатель'), took('b1', forum, 'Выступающий'), took('c2', forum, 'Слушатель')],
  });
  expect(presetOf('saratov').rows.find((x) => x.code === 'С6')!.unit).toBe('%');
  expect(counts(r)).toEqual([3, 17, (100 * 3) / 17]);
});

describe('point 9: associations by level, management pairs, completed courses', () => {
  const rmo = held('Заседание ММО учителей физики', 'Заседание методического объединения', 'Муниципальный', '2024-10-10', 'S1');

  test('klin 10: meetings of municipal and regional associations only (seed 000 L494)', () => {
    // b2 at the municipal meeting; c1 at the school one («Заседание РМО учителей» is Школьный); a1 «ШМО математики»
    // and c1 «РМО воспитателей» typed in the roster have no level: they do not count where a level is asked.
    expect(counts(row('klin', '10', { events: [rmo], participation: [took('b2', rmo, 'Слушатель')] }))).toEqual([1, 17, 100 / 17]);
  });

  test('yartsevo Я4 asks no level: the roster text counts (a1, c1) with the meetings (c1, b2)', () => {
    expect(counts(row('yartsevo', 'Я4', { events: [rmo], participation: [took('b2', rmo, 'Слушатель')] }))).toEqual([
      3,
      17,
      (100 * 3) / 17,
    ]);
  });

  test('klin 7: a school counts from either side of a «Руководитель — руководитель» pair (seed 000 L491)', () => {
    // Active in 2024: b5 (S2) mentors a4 (S1) — both S1 and S2 count; a3→b5 starts in 2025.
    expect(counts(row('klin', '7'))).toEqual([2, 2, 100]);
  });

  test('seversk 4: «повысивших» — the management course completed (seed 002 L258–260)', () => {
    // «Курсы ДПП по управлению» (direction «…качеством…»): a3 (УК, S1) certified; b5 (УК, S2) attended, not certified.
    const r = row('seversk', '4', { participation: [took('b5', eventOf('Курсы ДПП по управлению'), 'Слушатель', 'Нет')] });
    expect(counts(r)).toEqual([1, 2, 50]);
  });
});

test('point 11: yartsevo Я6 — share of held events run by the methodical service (seed 001 L418 «на базе ММС»)', () => {
  // Held in 2024: Курсы ДПП, Курсы ИКТ, Учитель года (MS); Семинар молодых (S1); Заседание РМО (S2, status empty =
  // Проведено); Консультация (S2). Cancelled, planned, postponed and the 2023/2025 events are left out: 3 of 6.
  expect(counts(row('yartsevo', 'Я6'))).toEqual([3, 6, 50]);
});

test('point 11: yartsevo rows the document does not state as indicators say so, and Я1 cites the line it rests on', () => {
  const rows = presetOf('yartsevo').rows;
  for (const code of ['Я1', 'Я2', 'Я4', 'Я5'])
    expect(rows.find((r) => r.code === code)!.source).toMatch(/документ не называет его показателем/);
  // seed 001 L289: «разработка муниципальных методических мероприятий…»; L295 is about media libraries.
  expect(rows.find((r) => r.code === 'Я1')!.source).toMatch(/seed 001 L289;/);
  expect(rows.find((r) => r.code === 'Я6')!.source).not.toMatch(/не называет/);
});

describe('point 10: populations and procedures for every share and diagnostic measure', () => {
  /** A passport row of its own (not a preset's), computed for 2024 over the fixture as it is. */
  function own(measure: string, params: string): IndicatorResult {
    const workbook = memoryWorkbook({ ...REGISTERS, indicators: [{ code: 'П', title: 'Проверка', measure, params }] });
    const context = new KpiContext(workbook, { year: 2024 }, new Date(2025, 0, 15));
    return context.evaluate(context.passports()[0]!);
  }

  test.each([
    // УК = a3 a4 b5 c2: a3 is certified on the ДПП course (a1 and b4 are not УК) — by roster rows, not ОО-1.
    ['share_dpp', 'население=управленческие', [1, 4, 25]],
    // МС at R = a2, b2 by their dates (b3's and c1's flags are overruled by their dates, SPEC §6). a2's IOM ended in
    // 2023, b2's starts in 2025: none in 2024.
    ['share_iom_developed', 'население=МС', [0, 2, 0]],
    // No МС has an IOM of 2024 that is due or final: nothing to judge.
    ['share_iom_implemented', 'население=МС', [0, 0, null]],
    // a2 came to the held young teachers' seminar; b2's seminars were cancelled or postponed.
    ['share_staff_participated', 'население=МС', [1, 2, 50]],
    // a2 was diagnosed on 31.12.2023 and b2 on 01.01.2025: neither in 2024.
    ['share_diagnosed', 'население=МС', [0, 2, 0]],
    // Every diagnostic of the fixture is «Региональная»: a1 b1 c1 of 17 by ОО-1; none «Федеральная».
    ['share_diagnosed', 'процедуры=Региональная|Федеральная', [3, 17, (100 * 3) / 17]],
    ['share_diagnosed', 'процедуры=Федеральная', [0, 17, 0]],
    ['count_staff_diagnosed', 'процедуры=Региональная; уровни=Высокий; население=учителя', [1, null, 1]], // b1
  ] as const)('%s with «%s»', (measure, params, expected) => {
    const r = own(measure, params);
    expect(r.problem).toBeFalsy();
    expect(counts(r)).toEqual(expected);
  });

  test('an unknown population is a Russian message naming the row', () => {
    expect(own('share_diagnosed', 'население=директора').problem).toMatch(
      /Строка 2 листа «Показатели» \(код «П»\): значения «директора» нет у параметра «население» \(допустимо: все \| педагоги \| учителя \| управленческие \| МС\)/,
    );
  });
});
