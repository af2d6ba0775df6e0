// DashboardData from one snapshot: counts by year, ОО and label computed by hand; the indicators read back as the
// last recompute left them; no register row in it; the «Дашборд» sheet plan; the page's embedding of the data.
import { buildDashboard } from '../../src/core/dashboard/build';
import {
  dashboardDataSchema,
  type DashboardData,
  type DashboardIndicator,
  type DashboardUnitIndicator,
} from '../../src/core/dashboard/data';
import { dashboardPage, PAYLOAD_PLACEHOLDER, scriptJson } from '../../src/core/dashboard/page';
import { dashboardOfRegion, regionalDashboard } from '../../src/core/dashboard/regional';
import { dashboardSheetPlan, rankedUnits } from '../../src/core/dashboard/sheetLayout';
import { d, MemoryPort, type Rows } from '../support/memoryWorkbook';
import { Workbook } from '../../src/core/workbook';

const NOW = new Date(2025, 9, 1, 12, 0, 0);
const HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>$&';

const ORGS: Rows = [
  { code: 'S1', name: 'Школа № 1', municipality: 'Клин', type: 'Школа' },
  { code: 'S2', name: HOSTILE, municipality: 'Клин', type: 'Школа' },
  { code: 'MS', name: 'Методический центр', municipality: 'Клинский округ', type: 'Методическая служба' },
];
const STAFF: Rows = [
  { name: 'Иванова Ирина', orgCode: 'S1', email: 'ivanova@school.example', birthDate: d('1980-01-01') },
  { name: 'Петров Пётр', orgCode: 'S2', email: 'petrov@school.example', birthDate: d('1999-05-05') },
];
const iom = (personName: string, personOrgCode: string, start: string, end: string, status: string) => ({
  personName,
  personOrgCode,
  email: `${personName}@mail.example`,
  start: d(start),
  end: end ? d(end) : '',
  status,
  position: 'Учитель',
});
const IOMS: Rows = [
  iom('Иванова Ирина', 'S1', '2023-09-01', '2024-05-31', 'Реализован'),
  iom('Петров Пётр', 'S2', '2024-09-01', '', 'Реализуется'),
  iom('Сидорова Анна', 'S2', '2022-01-10', '2022-12-20', 'Не реализован'),
  iom('Без даты', 'S1', '', '', 'Разработан'), // no start: not counted
];
const event = (title: string, start: string, level: string, organizerCode: string, status = '') => ({
  title,
  start: d(start),
  level,
  organizerCode,
  status,
  kind: 'Семинар',
});
const EVENTS: Rows = [
  event(HOSTILE, '2024-02-05', 'Муниципальный', 'MS'),
  event('Семинар 2', '2024-02-20', 'Школьный', 'S1', 'Проведено'),
  event('Форум', '2024-11-20', 'Региональный', 'MS', 'Запланировано'), // not held
  event('Вебинар', '2023-12-01', 'Федеральный', ''),
];
const pair = (mentorName: string, menteeName: string, menteeOrgCode: string, form: string, start: string, end = '') => ({
  mentorName,
  menteeName,
  menteeOrgCode,
  form,
  start: d(start),
  end: end ? d(end) : '',
});
const PAIRS: Rows = [
  pair('Иванова Ирина', 'Петров Пётр', 'S2', 'Педагог — молодой специалист', '2023-09-01'),
  pair('Иванова Ирина', 'Сидорова Анна', 'S2', 'Педагог — педагог', '2022-01-01', '2023-06-30'),
];
const KPI_AT = new Date(2025, 8, 30, 10, 0, 0);
const INDICATORS: Rows = [
  {
    code: '8.1',
    title: 'Доля педагогов с ИОМ',
    unit: '%',
    measure: 'share_iom_developed',
    period: 'Календарный год',
    plan2024: 60,
    comparison: '≥',
    numerator: 3,
    denominator: 24,
    fact: 12.5,
    plan: 60,
    deviation: -47.5,
    status: 'Не выполнен',
    calcPeriod: '01.01.2024–31.12.2024',
    scope: 'Весь муниципалитет',
    computedAt: KPI_AT,
  },
  {
    code: '9',
    title: 'Участники конкурсов',
    unit: 'чел.',
    measure: 'count_staff_participated',
    period: 'Календарный год',
    plan2024: 1,
    comparison: '≥',
    numerator: 2,
    denominator: '',
    fact: 2,
    plan: 1,
    deviation: 1,
    status: 'Выполнен',
    calcPeriod: '01.01.2024–31.12.2024',
    scope: 'Весь муниципалитет',
    computedAt: KPI_AT,
  },
];
const BY_ORG: Rows = [
  { orgCode: 'S1', orgName: 'Школа № 1', indicatorCode: '8.1', numerator: 2, denominator: 3, fact: 200 / 3, computedAt: KPI_AT },
  { orgCode: 'S1', orgName: 'Школа № 1', indicatorCode: '9', numerator: 1, denominator: '', fact: 1, computedAt: KPI_AT },
  { orgCode: 'S2', orgName: HOSTILE, indicatorCode: '8.1', numerator: 1, denominator: 20, fact: 5, computedAt: KPI_AT },
];
const SETTINGS: Rows = [{ key: 'Набор показателей', value: 'klin' }];

function municipal(): { data: DashboardData; port: MemoryPort } {
  const port = new MemoryPort({
    organizations: ORGS,
    staff: STAFF,
    iom: IOMS,
    events: EVENTS,
    mentoring: PAIRS,
    indicators: INDICATORS,
    indicatorsByOrg: BY_ORG,
    settings: SETTINGS,
  });
  return { data: buildDashboard(new Workbook(port), { now: NOW, fallbackTitle: 'Книга' }), port };
}

describe('buildDashboard', () => {
  const { data, port } = municipal();

  test('reads each sheet once, and never the roster or the participation register', () => {
    expect([...port.reads].sort()).toEqual([
      'events',
      'indicators',
      'indicatorsByOrg',
      'iom',
      'mentoring',
      'organizations',
      'roadmap',
      'settings',
    ]);
  });

  test('title, times, period, units and years', () => {
    expect(data).toMatchObject({
      title: 'Клин', // the municipality most ОО belong to
      builtAt: '2025-10-01T12:00:00',
      computedAt: '2025-09-30T10:00:00',
      preset: 'klin',
      period: { from: '2024-01-01', to: '2024-12-31' },
      unitKind: 'organization',
    });
    expect(data.units).toEqual([
      { code: 'MS', name: 'Методический центр' },
      { code: 'S1', name: 'Школа № 1' },
      { code: 'S2', name: HOSTILE },
    ]);
    // IOMs and pairs span the years they are open (an open one up to now, 2025); events count in their start year.
    expect(data.years).toEqual([2022, 2023, 2024, 2025]);
  });

  test('IOMs by year, ОО and status: every year an IOM is open in', () => {
    expect(data.ioms).toEqual({
      '2022': { S2: { 'Не реализован': 1 } },
      '2023': { S1: { Реализован: 1 } },
      '2024': { S1: { Реализован: 1 }, S2: { Реализуется: 1 } },
      '2025': { S2: { Реализуется: 1 } },
    });
  });

  test('events held by year, organizer, month and level; a planned event is not held', () => {
    expect(data.events).toEqual({
      '2023': { '': { '12': { Федеральный: 1 } } },
      '2024': { MS: { '2': { Муниципальный: 1 } }, S1: { '2': { Школьный: 1 } } },
    });
  });

  test('pairs active in each year by the mentee’s ОО and form (start ≤ 31.12, no end or end ≥ 01.01)', () => {
    expect(data.pairs).toEqual({
      '2022': { S2: { 'Педагог — педагог': 1 } },
      '2023': { S2: { 'Педагог — педагог': 1, 'Педагог — молодой специалист': 1 } },
      '2024': { S2: { 'Педагог — молодой специалист': 1 } },
      '2025': { S2: { 'Педагог — молодой специалист': 1 } },
    });
  });

  test('indicators as recomputed, per ОО with a status where a unit can meet the plan (a share, not a count)', () => {
    const [share, count] = data.indicators;
    expect(share).toMatchObject({
      code: '8.1',
      value: 12.5,
      plan: 60,
      comparator: '≥',
      status: 'Не выполнен',
      numerator: 3,
      denominator: 24,
    });
    expect(share!.byUnit).toEqual([
      { unit: 'S1', numerator: 2, denominator: 3, value: 200 / 3, status: 'Выполнен' },
      { unit: 'S2', numerator: 1, denominator: 20, value: 5, status: 'Не выполнен' },
    ]);
    expect(count!.byUnit).toEqual([{ unit: 'S1', numerator: 1, denominator: null, value: 1, status: null }]);
  });

  test('aggregates only: no name, e-mail or birth date of a register row is in it', () => {
    const json = JSON.stringify(data);
    for (const text of [
      'Иванова',
      'Петров',
      'Сидорова',
      'Без даты',
      '@mail.example',
      '@school.example',
      '1980',
      '1999',
      'Семинар 2',
      'Форум',
    ]) {
      expect({ text, found: json.includes(text) }).toEqual({ text, found: false });
    }
    expect(dashboardDataSchema.parse(data)).toEqual(data);
  });

  test('the schema refuses anything that is not declared: a list of people cannot ride along', () => {
    expect(() => dashboardDataSchema.parse({ ...data, teachers: ['Иванова Ирина'] })).toThrow();
    expect(() => dashboardDataSchema.parse({ ...data, units: [{ code: 'S1', name: 'Школа', email: 'a@b.c' }] })).toThrow();
    expect(() => dashboardDataSchema.parse({ ...data, ioms: { '2024': { S1: { 'Иванова Ирина': 1 } } } })).toThrow();
  });

  test('a register of 200,000 IOMs is counted (its years are not spread as arguments: that overflowed the stack)', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => ({
      personName: `П ${i}`,
      personOrgCode: 'S1',
      start: d(i % 2 ? '2023-03-01' : '2024-03-01'),
      end: '',
      status: 'Реализуется',
    }));
    const big = buildDashboard(new Workbook(new MemoryPort({ organizations: ORGS, iom: many })), { now: NOW, fallbackTitle: 'Книга' });
    expect(big.years).toEqual([2023, 2024, 2025]);
    expect(big.ioms).toEqual({
      '2023': { S1: { Реализуется: 100_000 } },
      '2024': { S1: { Реализуется: 200_000 } },
      '2025': { S1: { Реализуется: 200_000 } },
    });
  });

  test('an empty workbook: no indicators, no years, empty counts', () => {
    const empty = buildDashboard(new Workbook(new MemoryPort({})), { now: NOW, fallbackTitle: 'Маршрут — книга' });
    expect(empty).toMatchObject({
      title: 'Маршрут — книга',
      computedAt: null,
      period: null,
      years: [],
      indicators: [],
      ioms: {},
      events: {},
      pairs: {},
    });
  });
});

describe('the «Дашборд» sheet plan', () => {
  const { data } = municipal();
  const plan = dashboardSheetPlan(data);
  const cellsOf = (r: { row: number; column: number; rows: number; columns: number }) =>
    plan.values.slice(r.row - 1, r.row - 1 + r.rows).map((line) => line.slice(r.column - 1, r.column - 1 + r.columns));

  test('row 1 is the sheet’s header, row 2 says what and when', () => {
    expect(plan.values[0]![0]).toBe('Дашборд');
    expect(plan.values[1]![0]).toBe(
      'Клин · набор «klin» · показатели за 01.01.2024–31.12.2024, рассчитаны 30 сентября 2025 г., 10:00 · дашборд обновлён 1 октября 2025 г., 12:00',
    );
  });

  test('four charts over their small tables, in the indicators’ year, for the whole municipality', () => {
    expect(plan.charts.slice(0, 4).map((c) => [c.kind, c.title])).toEqual([
      ['BAR', 'Показатели: план и факт'],
      ['PIE', 'ИОМ по статусам, 2024 год'],
      ['COLUMN', 'Проведённые мероприятия по месяцам и уровням, 2024 год'],
      ['BAR', 'Действующие пары наставничества по формам, 2024 год'],
    ]);
    const [kpi, ioms, events, pairs] = plan.charts.map((c) => cellsOf(c.range));
    expect(kpi).toEqual([
      ['Показатель', 'План', 'Факт'],
      ['8.1. Доля педагогов с ИОМ', 60, 12.5],
      ['9. Участники конкурсов', 1, 2],
    ]);
    expect(ioms).toEqual([
      ['Статус ИОМ', 'ИОМ'],
      ['Разработан', 0],
      ['Реализуется', 1],
      ['Реализован', 1],
      ['Не реализован', 0],
      ['Возвращён на доработку', 0],
    ]);
    expect(events![0]).toEqual(['Месяц', 'Школьный', 'Муниципальный', 'Региональный', 'Федеральный']);
    expect(events![2]).toEqual(['Февраль', 1, 1, 0, 0]);
    expect(events!.slice(1).map((r) => r[0])).toEqual([
      'Январь',
      'Февраль',
      'Март',
      'Апрель',
      'Май',
      'Июнь',
      'Июль',
      'Август',
      'Сентябрь',
      'Октябрь',
      'Ноябрь',
      'Декабрь',
    ]);
    expect(pairs![1]).toEqual(['Педагог — молодой специалист', 1]);
    expect(plan.charts[2]!.options).toMatchObject({ isStacked: true, title: 'Проведённые мероприятия по месяцам и уровням, 2024 год' });
  });

  test('a chart to the left of its table, sections one under the other without overlapping', () => {
    for (const c of plan.charts) {
      expect(c.anchor).toEqual({ row: c.range.row, column: 1 });
      expect(c.range.column).toBe(8);
      expect(plan.values[c.range.row - 2]![0]).toBe(c.title); // the section's title above both
    }
    const rows = plan.charts.map((c) => c.anchor.row);
    rows.slice(1).forEach((row, i) => expect(row - rows[i]!).toBeGreaterThanOrEqual(17)); // 340 px at 21 px a row
    expect(plan.values.every((line) => line.length === 12)).toBe(true);
    expect(plan.columnWidths).toHaveLength(12);
  });

  test('the regional dashboard: the indicator section only, per municipality', () => {
    const regional = regionalDashboard({
      title: 'Московская область',
      now: NOW,
      preset: 'klin',
      period: { from: '2024-01-01', to: '2024-12-31' },
      computedAt: '2025-09-30T10:00:00',
      municipalities: [{ code: 'klin', name: 'Клин' }],
      indicators: data.indicators.map((i) => ({
        ...i,
        byUnit: [
          {
            unit: 'klin',
            numerator: i.numerator,
            denominator: i.denominator,
            value: typeof i.value === 'number' ? i.value : null,
            status: i.status,
          },
        ],
      })),
    });
    expect(dashboardDataSchema.parse(regional)).toMatchObject({
      unitKind: 'municipality',
      years: [2024],
      ioms: null,
      events: null,
      pairs: null,
    });
    // The indicators, then the chart of the first indicator a municipality has a number for (the others: tables).
    const regionalPlan = dashboardSheetPlan(regional);
    expect(regionalPlan.charts.map((c) => c.title)).toEqual(['Показатели: план и факт', 'Сравнение: 8.1. Доля педагогов с ИОМ']);
    expect(regionalPlan.values.some((r) => r[0] === 'Сравнение: 9. Участники конкурсов')).toBe(true);
  });
});

describe('units side by side (issue 18 p.2)', () => {
  const indicator = (over: Partial<DashboardIndicator>): DashboardIndicator => ({
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
    byUnit: [],
    ...over,
  });
  const region = (
    indicators: DashboardIndicator[],
    municipalities = [
      { code: 'id-a', name: 'Дубна' },
      { code: 'id-b', name: 'Клин' },
      { code: 'id-c', name: 'Серпухов' },
      { code: 'id-d', name: 'Истра' },
    ],
  ) =>
    regionalDashboard({
      title: 'Область',
      now: NOW,
      preset: 'klin',
      period: { from: '2025-01-01', to: '2025-12-31' },
      computedAt: '2025-12-31T10:00:00',
      municipalities,
      indicators,
    });
  const unit = (u: string, value: number | null, status: DashboardUnitIndicator['status']) => ({
    unit: u,
    numerator: null,
    denominator: null,
    value,
    status,
  });
  const share = indicator({
    byUnit: [unit('id-a', 40, 'Не выполнен'), unit('id-b', 75, 'Выполнен'), unit('id-c', 60, 'Выполнен'), unit('id-d', null, 'Нет данных')],
  });

  test('sorted best first by name, never by workbook id; a unit without a value last; «≤» the lowest first', () => {
    const data = region([share]);
    expect(rankedUnits(data, share)).toEqual([
      { name: 'Клин', value: 75 },
      { name: 'Серпухов', value: 60 },
      { name: 'Дубна', value: 40 },
      { name: 'Истра', value: null },
    ]);
    const lower = { ...share, comparator: '≤' as const };
    expect(rankedUnits(data, lower).map((r) => r.name)).toEqual(['Дубна', 'Серпухов', 'Клин', 'Истра']);
  });

  test('ties by name in Russian order (ranked once per dashboard): «Ё» with «Е», not before «А» as its code point', () => {
    const names = ['Яхрома', 'Елово', 'Абрамцево', 'Ногинск', 'Ёлкино', 'Ясногорск'];
    // Every municipality 50 % but Ногинск (no value: last) and Яхрома (70 %: first).
    const tied = indicator({
      byUnit: names.map((name, i) => unit(`id-${i}`, name === 'Ногинск' ? null : name === 'Яхрома' ? 70 : 50, null)),
    });
    const data = region(
      [tied],
      names.map((name, i) => ({ code: `id-${i}`, name })),
    );
    expect(rankedUnits(data, tied).map((r) => r.name)).toEqual(['Яхрома', 'Абрамцево', 'Ёлкино', 'Елово', 'Ясногорск', 'Ногинск']);
    // «≤»: the lowest first; the ties in the same order.
    const lower = { ...tied, comparator: '≤' as const };
    expect(rankedUnits(data, lower).map((r) => r.name)).toEqual(['Абрамцево', 'Ёлкино', 'Елово', 'Ясногорск', 'Яхрома', 'Ногинск']);
  });

  test('the sheet’s chart of an indicator: value, the plan and the region’s total as two more series (its lines)', () => {
    const plan = dashboardSheetPlan(region([share]));
    const chart = plan.charts.find((c) => c.title.startsWith('Сравнение: 2.'))!;
    expect(chart.kind).toBe('COMBO');
    expect(chart.options).toMatchObject({ seriesType: 'bars', 'series.1.type': 'line', 'series.2.type': 'line' });
    const { row, column, rows, columns } = chart.range;
    expect(plan.values.slice(row - 1, row - 1 + rows).map((r) => r.slice(column - 1, column - 1 + columns))).toEqual([
      ['Муниципалитет', 'Значение, %', 'План', 'Итого по региону'],
      ['Клин', 75, 60, 50],
      ['Серпухов', 60, 60, 50],
      ['Дубна', 40, 60, 50],
      ['Истра', '', 60, 50],
    ]);
    expect(JSON.stringify(plan.values)).not.toContain('id-');
  });

  test('the table municipality × indicator: coloured by comparator against the plan; a count not at all', () => {
    const lower = indicator({
      code: '4',
      unit: 'чел.',
      comparator: '≤',
      plan: 70,
      byUnit: [unit('id-a', 80, 'Не выполнен'), unit('id-b', 20, 'Выполнен')],
    });
    const count = indicator({ code: '9', unit: 'чел.', plan: 10, byUnit: [unit('id-a', 3, null), unit('id-b', 12, null)] });
    const noPlan = indicator({ code: '3', plan: null, byUnit: [unit('id-a', 3, 'Нет плана')] });
    const plan = dashboardSheetPlan(region([share, lower, count, noPlan]));
    const top = plan.values.findIndex((r) => r[0] === 'Муниципалитет' && r[1] === '2') + 1;
    // The plan under each code, the units by name, the region's total last.
    expect(plan.values.slice(top, top + 6).map((r) => r.slice(0, 5))).toEqual([
      ['План', 60, 70, 10, ''],
      ['Дубна', 40, 80, 3, 3],
      ['Истра', '', '', '', ''],
      ['Клин', 75, 20, 12, ''],
      ['Серпухов', 60, '', '', ''],
      ['Итого по региону', 50, 50, 50, 50],
    ]);
    // Rows top + 2 … top + 5 (1-based) are the units; the plan row is top + 1.
    const range = (column: number) => ({ row: top + 2, column, rows: 4, columns: 1 });
    const [planRow, first] = [top + 1, top + 2];
    // A fixed set of rules: an empty cell's first (it wins); each cell against its column's plan by the column's
    // comparator (B: ≥ 60, C: ≤ 70); the count (D) only when empty; E has no plan. Adjacent columns are one range.
    expect(plan.rules.map((r) => [r.when, r.formula, r.background, r.ranges])).toEqual([
      ['empty', undefined, '#f1f3f4', [{ ...range(2), columns: 4 }]],
      ['notEmpty', undefined, '#fef7e0', [range(5)]],
      ['formula', `=B${first}>=B$${planRow}`, '#e6f4ea', [range(2)]],
      ['formula', `=B${first}<B$${planRow}`, '#fce8e6', [range(2)]],
      ['formula', `=C${first}<=C$${planRow}`, '#e6f4ea', [range(3)]],
      ['formula', `=C${first}>C$${planRow}`, '#fce8e6', [range(3)]],
    ]);
  });

  test('the trend of the region: its totals of every year kept, and the change on the year before', () => {
    const data = dashboardOfRegion(
      {
        region: 'Область',
        preset: 'klin',
        year: 2025,
        updatedAt: '2025-12-31T10:00:00',
        municipalities: [],
        indicators: [
          {
            code: '8.1',
            name: 'Доля педагогов с ИОМ',
            unit: '%',
            numerator: 30,
            denominator: 60,
            value: 50,
            plan: 60,
            comparator: '≥',
            status: 'Не выполнен',
            period: { from: '2025-01-01', to: '2025-12-31' },
            explanation: '',
            computedAt: '2025-12-31T10:00:00',
            history: [
              { year: 2023, numerator: 10, denominator: 50, value: 20 },
              { year: 2024, numerator: 21, denominator: 60, value: 35 },
              { year: 2025, numerator: 30, denominator: 60, value: 50 },
            ],
          },
        ],
        byMunicipality: [],
      },
      NOW,
      'Регион',
    );
    expect(data.indicators[0]).toMatchObject({
      history: [
        { year: 2023, value: 20 },
        { year: 2024, value: 35 },
        { year: 2025, value: 50 },
      ],
      previousValue: 35,
      change: 15,
    });
  });
});

describe('the page payload', () => {
  const { data } = municipal();
  const template = `<p>x</p><script type="application/json" id="payload">${PAYLOAD_PLACEHOLDER}</script>`;

  test('embedded JSON cannot close its <script>, and reads back as the same data ($& stays as typed)', () => {
    const html = dashboardPage(template, { data });
    const inner = html.slice(html.indexOf('id="payload">') + 'id="payload">'.length, html.lastIndexOf('</script>'));
    expect(inner).not.toMatch(/[<>]/);
    expect(JSON.parse(inner)).toEqual({ data });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(scriptJson('\u2028&')).toBe('"\\u2028\\u0026"');
  });

  test('a refusal page carries the message and no data', () => {
    const html = dashboardPage(template, { refusal: 'Нет доступа' });
    expect(html).toContain('{"refusal":"Нет доступа"}');
    expect(html).not.toContain('Школа');
  });

  test('data that does not pass the schema is not embedded', () => {
    expect(() => dashboardPage(template, { data: { ...data, people: ['Иванова'] } as unknown as DashboardData })).toThrow();
    expect(() => dashboardPage('<p>no place</p>', { data })).toThrow('Шаблон дашборда повреждён');
  });
});
