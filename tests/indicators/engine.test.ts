// Every measure of SPEC §6 on the hand-computed municipality of fixture.ts (year 2024, R = 31.12.2024): the
// expected numbers are worked out in the comments from the fixture's rows, not from the engine.
import type { Cell } from '../../src/core/ports';
import { KpiContext, type IndicatorResult, type KpiRequest } from '../../src/core/indicators/compute';
import { d, memoryWorkbook, type Rows, type SheetData } from '../support/memoryWorkbook';
import { REGISTERS } from './fixture';

type Passport = {
  measure: string;
  params?: string;
  period?: string;
  plan2024?: Cell;
  plan2023?: Cell;
  comparison?: string;
  fact?: Cell;
  code?: string;
};

function run(rows: Passport[], request: KpiRequest = { year: 2024 }, extra: Partial<Record<string, SheetData>> = {}): IndicatorResult[] {
  const indicators: Rows = rows.map((r, i) => ({ code: r.code ?? String(i + 1), title: `Показатель ${i + 1}`, ...r }));
  const workbook = memoryWorkbook({ ...REGISTERS, indicators, ...extra });
  const context = new KpiContext(workbook, request, new Date(2025, 0, 15));
  return context.passports().map((p) => context.evaluate(p));
}

const one = (row: Passport, request?: KpiRequest) => run([row], request)[0]!;
const counts = (r: IndicatorResult) => [r.numerator, r.denominator, r.value];

describe('staff measures over S (the methodical service left out), ОО-1 where SPEC says', () => {
  test('share_diagnosed: a1 (twice), b1 on 31.12, c1 on 01.01 — not a2 (31.12.2023), b2 (01.01.2025), m1 (MS); by ОО-1: 17', () => {
    expect(counts(one({ measure: 'share_diagnosed' }))).toEqual([3, 17, (100 * 3) / 17]);
  });

  test('share_diagnosed with уровни: Высокий b1 and Повышенный c1', () => {
    expect(counts(one({ measure: 'share_diagnosed', params: 'уровни=Высокий|Повышенный' }))).toEqual([2, 17, (100 * 2) / 17]);
  });

  test('count_staff_diagnosed: people, not diagnostics (a1 counted once)', () => {
    expect(counts(one({ measure: 'count_staff_diagnosed' }))).toEqual([3, null, 3]);
  });

  test('share_iom_developed: IOMs straddling the year edges count; «Возвращён на доработку» does not', () => {
    // a1 (2023-11-01…2024-01-01), b1 (starts 31.12.2024), c1, a3 (2022, no end), b4 (added from a form) = 5; not
    // a2 (ended 31.12.2023), b2 (starts 01.01.2025), b3 (returned for rework).
    expect(counts(one({ measure: 'share_iom_developed' }))).toEqual([5, 17, (100 * 5) / 17]);
  });

  test('share_iom_implemented: of the IOMs in 2024 already due or final — a1, a3, b4 — a1 and b4 have «Реализован»', () => {
    // b1 (started 31.12.2024, no end) and c1 («Реализуется», no end) are not yet due: they leave the denominator
    // (SPEC §6; seed 000 L492 «80% педагогов успешно реализовали ИОМ» judges a route once it has run its course).
    expect(counts(one({ measure: 'share_iom_implemented' }))).toEqual([2, 3, (100 * 2) / 3]);
  });

  test('share_dpp: certified on a ДПП course in 2024; учителя and педагоги by roster, все by ОО-1', () => {
    // Certified on «Курсы ДПП по управлению»: a1, b4, a3 (a2 not certified; b1 certified on a non-ДПП course).
    expect(counts(one({ measure: 'share_dpp', params: 'население=учителя' }))).toEqual([1, 4, 25]);
    expect(counts(one({ measure: 'share_dpp', params: 'население=педагоги' }))).toEqual([2, 7, (100 * 2) / 7]);
    expect(counts(one({ measure: 'share_dpp' }))).toEqual([3, 17, (100 * 3) / 17]);
  });

  test('staff_per_methodist: S by ОО-1 per «Методист» token (a4, m1, m3 — not m2 «Региональный методист»)', () => {
    expect(counts(one({ measure: 'staff_per_methodist' }))).toEqual([17, 3, 17 / 3]);
    expect(counts(one({ measure: 'staff_per_methodist', params: 'роль=Региональный методист' }))).toEqual([17, 1, 17]);
  });

  test('share_young_supported: mentees of pairs active in 2024 and young participants of held events', () => {
    // МС by dates = a2, b2 (b1 turns 35 on 31.12.2024; b3's roster flag and c1's mentoring flag are overruled by
    // their dates). Active pairs: →b2 (ends 01.01.2024); a2 came to the held young seminar.
    expect(counts(one({ measure: 'share_young_supported' }))).toEqual([2, 2, 100]);
    expect(counts(one({ measure: 'share_young_supported', params: 'только_наставничество=да' }))).toEqual([1, 2, 50]);
  });

  test('share_in_associations: roster «Методическое объединение» (a1, c1) or a held МО meeting (c1) — ОО-1 denominator', () => {
    expect(counts(one({ measure: 'share_in_associations' }))).toEqual([2, 17, (100 * 2) / 17]);
  });

  test('share_staff_participated and count_staff_participated: held events only, with filters', () => {
    // In held 2024 events: a1 a2 a3 b4 (ДПП), b1 b5 c2 (ИКТ), a1 b1 (конкурс), a2, c1, b3 (консультация 31.12) = 9.
    expect(counts(one({ measure: 'share_staff_participated' }))).toEqual([9, 17, (100 * 9) / 17]);
    expect(counts(one({ measure: 'count_staff_participated' }))).toEqual([9, null, 9]);
    expect(one({ measure: 'count_staff_participated', params: 'виды=Конкурс профессионального мастерства' }).value).toBe(2);
    // Seminars: only the held one (the cancelled, the postponed and the 2023 one do not count).
    expect(counts(one({ measure: 'share_staff_participated', params: 'виды=Семинар' }))).toEqual([1, 17, 100 / 17]);
    expect(one({ measure: 'count_staff_participated', params: 'виды=Консультация' }).value).toBe(1);
    expect(one({ measure: 'count_staff_participated', params: 'роли=Победитель конкурса|Призёр конкурса' }).value).toBe(1);
    expect(one({ measure: 'count_staff_participated', params: 'уровни=Школьный' }).value).toBe(2);
    expect(
      counts(one({ measure: 'share_staff_participated', params: 'виды=Конкурс профессионального мастерства; население=учителя' })),
    ).toEqual([2, 4, 50]);
  });
});

describe('register rows spelled otherwise than «Педагоги» and «Мероприятия»', () => {
  test('case, spaces and «ё» aside, a row still finds its person; a participation finds its event by title or by label', () => {
    const iom = { personName: '  A2 ', personOrgCode: 's1', start: d('2024-03-01'), status: 'Разработан' };
    const byTitle = {
      personName: 'B2',
      personOrgCode: 'S2',
      eventTitle: 'УЧИТЕЛЬ  ГОДА',
      eventStart: d('2024-04-01'),
      role: 'Участник конкурса',
    };
    const byLabel = { personName: 'b4', personOrgCode: 'S2', eventLabel: 'Учитель года (01.04.2024)', role: 'Участник конкурса' };
    const registers = { iom: [...REGISTERS.iom, iom], participation: [...REGISTERS.participation, byTitle, byLabel] };
    const [developed, contest] = run(
      [{ measure: 'share_iom_developed' }, { measure: 'count_staff_participated', params: 'виды=Конкурс профессионального мастерства' }],
      { year: 2024 },
      registers,
    );
    expect(developed!.numerator).toBe(6); // + a2
    expect(contest!.value).toBe(4); // a1, b1 + b2, b4
  });

  test('«Да» typed by hand («ДА», « да ») counts as «Да»: a ДПП course and a certified participation', () => {
    const course = {
      title: 'Курсы ДПП 2',
      kind: 'Курсы повышения квалификации',
      level: 'Региональный',
      start: d('2024-05-10'),
      status: 'Проведено',
      organizerCode: 'MS',
      dpp: 'ДА',
    };
    const certified = {
      personName: 'b1',
      personOrgCode: 'S2',
      eventTitle: 'Курсы ДПП 2',
      eventStart: d('2024-05-10'),
      role: 'Слушатель',
      certified: ' да ',
    };
    const result = run(
      [{ measure: 'share_dpp' }],
      { year: 2024 },
      { events: [...REGISTERS.events, course], participation: [...REGISTERS.participation, certified] },
    );
    expect(counts(result[0]!)).toEqual([4, 17, (100 * 4) / 17]); // a1, b4, a3 + b1
  });
});

describe('young specialists at the reference date R', () => {
  const alone = (birthDate: string, careerStart: string) => ({
    staff: [{ name: 'Юная Ю. Ю.', orgCode: 'S1', position: 'Учитель', birthDate: d(birthDate), careerStart: d(careerStart) }],
  });

  test('35 on R itself is no longer young; the day before R they still are', () => {
    const row = { measure: 'share_young_supported' };
    expect(run([row], { year: 2024 }, alone('1989-12-31', '2022-09-01'))[0]!.denominator).toBe(0);
    expect(run([row], { from: 20240101, to: 20241230 }, alone('1989-12-31', '2022-09-01'))[0]!.denominator).toBe(1);
  });

  test('a career begun exactly 3 years before R is not «less than 3 years»', () => {
    const row = { measure: 'share_young_supported' };
    expect(run([row], { year: 2024 }, alone('1995-01-01', '2021-12-31'))[0]!.denominator).toBe(0);
    expect(run([row], { year: 2024 }, alone('1995-01-01', '2022-01-01'))[0]!.denominator).toBe(1);
  });
});

describe('schools, events and mentors', () => {
  test('share_orgs_with_mentoring: schools that are the mentee ОО of an active pair (D1 is not a school)', () => {
    expect(counts(one({ measure: 'share_orgs_with_mentoring' }))).toEqual([2, 2, 100]);
    expect(counts(one({ measure: 'share_orgs_with_mentoring', params: 'формы=Руководитель — руководитель' }))).toEqual([1, 2, 50]);
  });

  test('share_orgs_management_trained: a school whose УК member completed courses (topic in title or direction)', () => {
    // a3 (S1) certified on the ДПП course «…управлению», direction «Управление качеством образования»; b5 (S2) took
    // «Курсы по ИКТ» without the final assessment: S2 does not count (SPEC §6, seed 002 L258–260 «повысивших»).
    expect(counts(one({ measure: 'share_orgs_management_trained' }))).toEqual([1, 2, 50]);
    expect(counts(one({ measure: 'share_orgs_management_trained', params: 'тема=качеств' }))).toEqual([1, 2, 50]);
  });

  test('roadmap_completion: items due in 2024 done by their deadline (SPEC §6) — 1.1, 1.3 by their events, 2.1 marked', () => {
    // Due in 2024: 1.1 1.2 1.3 1.4 2.1 2.2 = 6 (2.3 has no deadline, 3.1 is due in 2023); 1.2's event was cancelled,
    // 1.4's postponed, 2.2 done after its deadline.
    expect(counts(one({ measure: 'roadmap_completion' }))).toEqual([3, 6, 50]);
    // 2023: 3.1 (done on time) and the yearly 2.1, whose 31.12.2023 passed with nothing done in 2023.
    expect(counts(one({ measure: 'roadmap_completion' }, { year: 2023 }))).toEqual([1, 2, 50]);
  });

  test('count_events: held events of 2024 (empty status = Проведено; 31.12 counts, 31.12.2023 and 01.01.2025 do not)', () => {
    expect(one({ measure: 'count_events' }).value).toBe(6);
    expect(one({ measure: 'count_events', params: 'уровни=Муниципальный' }).value).toBe(2);
    expect(one({ measure: 'count_events', params: 'уровни=Школьный' }).value).toBe(2);
    expect(one({ measure: 'count_events', params: 'виды=Форум' }).value).toBe(0); // the forum is only planned
  });

  test('count_mentors: distinct mentors of pairs active in 2024', () => {
    expect(one({ measure: 'count_mentors' }).value).toBe(3);
    expect(one({ measure: 'count_mentors', params: 'формы=Педагог — молодой специалист' }).value).toBe(1);
  });
});

describe('periods', () => {
  test('«Нарастающим итогом с 01.09.2022» runs to 31.12.Y: 01.09.2022 counts, 31.08.2022 does not', () => {
    const r = one({ measure: 'share_diagnosed', period: 'Нарастающим итогом с 01.09.2022' });
    // a1, a2 (31.12.2023), b1, c1, b4 (01.09.2022) = 5; not b3 (31.08.2022), b2 (2025).
    expect(counts(r)).toEqual([5, 17, (100 * 5) / 17]);
    expect(r.period).toMatchObject({ from: 20220901, to: 20241231, year: 2024 });
  });

  test('«Учебный год» 2024 = 01.09.2024–31.08.2025', () => {
    // Held: the МО meeting (01.09.2024), the consultation (31.12.2024), the conference (01.01.2025).
    expect(one({ measure: 'count_events', period: 'Учебный год' }).value).toBe(3);
  });

  test('an explicit period overrides every row; its plan year is the year of its end', () => {
    const r = one({ measure: 'count_events', period: 'Учебный год', plan2024: 2 }, { from: 20240201, to: 20240331 });
    expect(r.value).toBe(2); // the two courses
    expect(r.status).toBe('Выполнен');
  });

  test('the workbook default «Отчётный период» applies to a row with an empty «Период»', () => {
    const settings = [{ key: 'Отчётный период', value: 'Учебный год' }];
    expect(run([{ measure: 'count_events' }], { year: 2024 }, { settings })[0]!.value).toBe(3);
  });

  test('rows of different periods in one recompute each count the participations of their own period', () => {
    const year = { measure: 'count_staff_participated' };
    const since2022 = { measure: 'count_staff_participated', period: 'Нарастающим итогом с 01.01.2022' };
    const seminar2023 = REGISTERS.participation!.find((p) => p.eventTitle === 'Семинар 2023')!;
    const registers = { participation: [...REGISTERS.participation!, { ...seminar2023, personName: 'a4', personOrgCode: 'S1' }] };
    const [inYear, cumulative] = run([year, since2022], { year: 2024 }, registers);
    expect(counts(inYear!)).toEqual([9, null, 9]);
    expect(counts(cumulative!)).toEqual([10, null, 10]); // + a4, at the seminar of 2023 only
    // A wider period sees the participations a narrower row has not linked yet, in either order of the rows.
    expect(counts(run([since2022, year], { year: 2024 }, registers)[0]!)).toEqual([10, null, 10]);
  });

  test('an IOM or a diagnostic of someone not in «Педагоги» does not make the year of the latest data', () => {
    const stranger = { personName: 'Некто Посторонний', personOrgCode: 'S1' };
    const registers = {
      ...REGISTERS,
      iom: [...REGISTERS.iom, { ...stranger, start: d('2027-02-01'), status: 'Разработан' }],
      diagnostics: [...REGISTERS.diagnostics, { ...stranger, date: d('2028-03-01'), level: 'Высокий' }],
    };
    expect(new KpiContext(memoryWorkbook(registers), {}, new Date(2030, 0, 1)).year).toBe(2025);
  });

  test('without a year, «Отчётный год» empty = the year of the latest data (held events, IOMs, diagnostics, pairs)', () => {
    const workbook = memoryWorkbook({ ...REGISTERS, indicators: [{ code: '1', measure: 'count_events' }] });
    expect(new KpiContext(workbook, {}, new Date(2030, 0, 1)).year).toBe(2025);
    const typed = memoryWorkbook({ ...REGISTERS, settings: [{ key: 'Отчётный год', value: '2023' }] });
    expect(new KpiContext(typed, {}, new Date(2030, 0, 1)).year).toBe(2023);
    expect(new KpiContext(memoryWorkbook({}), {}, new Date(2030, 5, 1)).year).toBe(2030);
  });
});

describe('plan and status', () => {
  test('≥: the exact value against the plan of the year', () => {
    expect(one({ measure: 'share_dpp', params: 'население=учителя', plan2024: 25 }).status).toBe('Выполнен');
    expect(one({ measure: 'share_dpp', params: 'население=учителя', plan2024: '25,1' }).status).toBe('Не выполнен');
  });

  test('≤ (people per methodist): 17/3 = 5.67 meets «≤ 6», not «≤ 5»', () => {
    expect(one({ measure: 'staff_per_methodist', plan2024: 6, comparison: '≤' }).status).toBe('Выполнен');
    expect(one({ measure: 'staff_per_methodist', plan2024: 5, comparison: '≤' }).status).toBe('Не выполнен');
  });

  test('no plan for the year: «Нет плана» (a 2023 plan does not count for 2024)', () => {
    expect(one({ measure: 'count_events', plan2023: 5 }).status).toBe('Нет плана');
  });

  test('denominator 0: value null, «Нет данных» even with a plan', () => {
    const r = one({ measure: 'staff_per_methodist', params: 'роль=Тьютор', plan2024: 70, comparison: '≤' });
    expect(counts(r)).toEqual([17, 0, null]);
    expect(r.status).toBe('Нет данных');
  });

  test('manual: what the methodist typed, compared with a typed plan', () => {
    expect(one({ measure: 'manual', fact: 'да', plan2024: 'Да' })).toMatchObject({ value: 'да', status: 'Выполнен', numerator: null });
    expect(one({ measure: 'manual', fact: 'Нет', plan2024: 'Да' }).status).toBe('Не выполнен');
    expect(one({ measure: 'manual', plan2024: 'Да' })).toMatchObject({ value: null, status: 'Нет данных' });
  });

  test('a plan column a methodist added («План 2027») is read by its header', () => {
    const header = ['Код', 'Показатель', 'Расчёт', 'План 2027', 'Сравнение', 'Факт'];
    const indicators = { header, rows: [['1', 'События', 'count_events', 5, '≥', '']] };
    const [r] = run([], { year: 2027 }, { indicators });
    expect(r).toMatchObject({ value: 0, plan: 5, status: 'Не выполнен' });
  });
});

describe('scope and the breakdown by ОО', () => {
  test('per ОО: ОО-1 where filled (S1 = 10), roster rows elsewhere (S2 = 5, D1 = 2); MS is not listed', () => {
    const r = one({ measure: 'share_iom_developed' });
    expect(Object.fromEntries([...r.byOrg].map(([org, c]) => [org, [c.numerator, c.denominator]]))).toEqual({
      s1: [2, 10],
      s2: [2, 5],
      d1: [1, 2],
    });
  });

  test('events by organizer', () => {
    const r = one({ measure: 'count_events' });
    expect(Object.fromEntries([...r.byOrg].map(([org, c]) => [org, c.numerator]))).toEqual({ ms: 3, s1: 1, s2: 2 });
  });

  test('one ОО: its people, its schools, the events it organized; no methodist there = no data', () => {
    const [iom, events, mentoring, perMethodist] = run(
      [
        { measure: 'share_iom_developed' },
        { measure: 'count_events' },
        { measure: 'share_orgs_with_mentoring' },
        { measure: 'staff_per_methodist' },
      ],
      { year: 2024, scope: 's2' },
    );
    expect(counts(iom!)).toEqual([2, 5, 40]);
    expect(events!.value).toBe(2);
    expect(counts(mentoring!)).toEqual([1, 1, 100]);
    expect(counts(perMethodist!)).toEqual([5, 0, null]);
    expect(iom!.explanation).toMatch(/Только ОО «Школа № 2»\.$/);
  });

  test('an unknown ОО code is refused in Russian', () => {
    expect(() => run([{ measure: 'count_events' }], { year: 2024, scope: 'X9' })).toThrow('ОО с кодом «X9» нет в листе «Организации».');
  });
});

describe('passport mistakes are Russian messages naming the row, and the row is not computed', () => {
  test.each([
    [
      'count_events',
      'вид=Семинар',
      /Строка 2 листа «Показатели» \(код «1»\): параметр «вид» не подходит для расчёта count_events \(допустимы: виды, уровни\)/,
    ],
    ['count_events', 'виды=Лекция', /значения «Лекция» нет у параметра «виды» \(допустимо: Семинар \| Вебинар/],
    ['share_dpp', 'население=все|учителя', /у параметра «население» может быть только одно значение/],
    ['share_dpp', 'население', /«население» — ожидается запись вида ключ=значение/],
    ['share_diagnosed', 'уровни=Высокий; уровни=Базовый', /параметр «уровни» указан дважды/],
    [
      'share_iom_developed',
      'тема=x',
      /параметр «тема» не подходит для расчёта share_iom_developed \(допустимы: на_основе_диагностики, процедуры, население\)/,
    ],
    ['manual', 'население=все', /у него нет параметров/],
    [
      'share_dpp',
      'население=директора',
      /значения «директора» нет у параметра «население» \(допустимо: все \| педагоги \| учителя \| управленческие \| МС\)/,
    ],
    ['share_of_everything', '', /расчёт «share_of_everything» неизвестен \(допустимо: share_diagnosed/],
  ])('%s with «%s»', (measure, params, message) => {
    const r = one({ measure, params });
    expect(r.problem).toMatch(message);
    expect(r).toMatchObject({ value: null, status: 'Нет данных' });
    expect(r.explanation).toMatch(/^Ошибка в паспорте: /);
  });

  test('a period that is not one of the three forms', () => {
    expect(one({ measure: 'count_events', period: 'Квартал' }).problem).toMatch(/период «Квартал» не распознан/);
  });

  test('keys and values are matched like names: case, spaces and «ё» do not matter', () => {
    expect(one({ measure: 'count_mentors', params: ' Формы = ПЕДАГОГ — МОЛОДОЙ СПЕЦИАЛИСТ ' }).value).toBe(1);
    expect(one({ measure: 'share_young_supported', params: 'Только наставничество=Да' }).value).toBe(50);
  });
});
