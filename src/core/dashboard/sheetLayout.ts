// The «Дашборд» sheet as a plan the adapter applies in a few calls: every cell of the sheet (one setValues), its
// font weights and number formats (one call each), the column widths and the charts. Each section is a row with
// its title, a chart on the left (columns A–G) and the small table it draws on the right (from column H): the
// methodist sees the picture and its numbers side by side. The table is the last used column, so «Настроить книгу»
// (which trims a sheet to its used columns) never cuts the ground from under a chart.
import { format } from 'date-fns';
import { ru } from 'date-fns/locale';
import { EVENT_LEVELS, IOM_STATUSES, MENTORING_FORMS } from '../schema/choices';
import { SHEETS } from '../schema/sheets';
import { compareRu } from '../text';
import { MONTHS, type DashboardData, type DashboardIndicator } from './data';
import { countsOf, defaultYear, eventsByMonth } from './views';

export type ChartKind = 'BAR' | 'COLUMN' | 'PIE' | 'COMBO';

export interface SheetChart {
  readonly kind: ChartKind;
  readonly title: string;
  /** The data range, 1-based, header row included: labels in its first column, one series per further column. */
  readonly range: { readonly row: number; readonly column: number; readonly rows: number; readonly columns: number };
  /** The chart's top-left cell (1-based). */
  readonly anchor: { readonly row: number; readonly column: number };
  readonly options: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

export type SheetCell = string | number;

export interface DashboardSheetPlan {
  /** Rows from row 1, each `WIDTH` cells. */
  readonly values: SheetCell[][];
  readonly fontWeights: ('bold' | 'normal')[][];
  readonly numberFormats: string[][];
  /** Pixels, from column A. */
  readonly columnWidths: readonly number[];
  readonly charts: readonly SheetChart[];
  /** The status colours of the comparison table, as the sheet's conditional formatting (first match wins). */
  readonly rules: readonly SheetRule[];
}

/**
 * One conditional formatting rule over ranges: an empty cell, a filled one, or a custom formula written for the top-left
 * cell of the first range (Sheets shifts its relative references for every other cell and range).
 */
export interface SheetRule {
  readonly ranges: readonly { readonly row: number; readonly column: number; readonly rows: number; readonly columns: number }[];
  readonly when: 'empty' | 'notEmpty' | 'formula';
  readonly formula?: string;
  readonly background: string;
  readonly font: string;
}

/** The status colours of «Показатели» (background, font), for the cells of a unit that meets the plan or not. */
export const STATUS_FILL = {
  Выполнен: ['#e6f4ea', '#0d652d'],
  'Не выполнен': ['#fce8e6', '#a50e0e'],
  'Нет данных': ['#f1f3f4', '#5f6368'],
  'Нет плана': ['#fef7e0', '#7a4f01'],
} as const;

/** Row 1 of «Дашборд» is the header set-up wrote (the schema's only column): a rebuild writes it again. */
const DASHBOARD_HEADER = SHEETS.dashboard.columns[0].header;

const CHART_COLUMNS = 7;
const TABLE_COLUMN = CHART_COLUMNS + 1;
const TABLE_WIDTH = 5;
export const SHEET_WIDTH = CHART_COLUMNS + TABLE_WIDTH;
const CHART_WIDTH = 680;
const CHART_HEIGHT = 340;
/** Rows a chart covers at Google's default row height of 21 px. */
const CHART_ROWS = Math.ceil(CHART_HEIGHT / 21);
const FIRST_SECTION_ROW = 4;
const LABEL_LENGTH = 70;

export const PLAN_COLOR = '#9aa0a6';
export const FACT_COLOR = '#1a73e8';
export const LEVEL_COLORS = ['#81c995', '#1a73e8', '#f9ab00', '#d93025'];

const cut = (text: string) => (text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text);
const shownIso = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');
const localDate = (iso: string) =>
  new Date(
    Number(iso.slice(0, 4)),
    Number(iso.slice(5, 7)) - 1,
    Number(iso.slice(8, 10)),
    Number(iso.slice(11, 13)),
    Number(iso.slice(14, 16)),
  );
/** «1 октября 2025 г., 12:00». */
export const spokenDateTime = (iso: string) => format(localDate(iso), "d MMMM yyyy 'г.', HH:mm", { locale: ru });
export const monthName = (month: number) => {
  const name = format(new Date(2000, month - 1, 1), 'LLLL', { locale: ru });
  return name.charAt(0).toUpperCase() + name.slice(1);
};

interface Section {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly SheetCell[])[];
  /** Columns of the table the chart draws (from the first): the labels and its series. */
  readonly chartColumns: number;
  readonly kind: ChartKind;
  readonly options: SheetChart['options'];
}

/** What the caption under the header says: where, which indicators, when. */
export function dashboardCaption(data: DashboardData): string {
  const parts = [data.title];
  if (data.preset) parts.push(`набор «${data.preset}»`);
  if (data.period && data.computedAt)
    parts.push(`показатели за ${shownIso(data.period.from)}–${shownIso(data.period.to)}, рассчитаны ${spokenDateTime(data.computedAt)}`);
  else parts.push('показатели ещё не рассчитаны («Маршрут → Показатели…»)');
  parts.push(`дашборд обновлён ${spokenDateTime(data.builtAt)}`);
  return parts.join(' · ');
}

const numeric = (v: DashboardIndicator['value']): SheetCell => (v === null ? '' : v);

function indicatorSection(data: DashboardData): Section | null {
  if (!data.indicators.length) return null;
  return {
    title: 'Показатели: план и факт',
    header: ['Показатель', 'План', 'Факт', 'Статус', 'Ед. изм.'],
    rows: data.indicators.map((i) => [cut(`${i.code}. ${i.name}`), numeric(i.plan), numeric(i.value), i.status, i.unit]),
    chartColumns: 3,
    kind: 'BAR',
    options: { colors: [PLAN_COLOR, FACT_COLOR], 'legend.position': 'top' },
  };
}

function registerSections(data: DashboardData, year: number): Section[] {
  const sections: Section[] = [];
  if (data.ioms) {
    const counts = countsOf(data.ioms, year, null);
    sections.push({
      title: `ИОМ по статусам, ${year} год`,
      header: ['Статус ИОМ', 'ИОМ'],
      rows: IOM_STATUSES.map((s) => [s, counts[s] ?? 0]),
      chartColumns: 2,
      kind: 'PIE',
      options: { 'legend.position': 'right', pieHole: 0.4 },
    });
  }
  if (data.events) {
    const months = eventsByMonth(data.events, year, null);
    sections.push({
      title: `Проведённые мероприятия по месяцам и уровням, ${year} год`,
      header: ['Месяц', ...EVENT_LEVELS],
      rows: MONTHS.map((m) => [monthName(Number(m)), ...EVENT_LEVELS.map((l) => months[m]?.[l] ?? 0)]),
      chartColumns: 1 + EVENT_LEVELS.length,
      kind: 'COLUMN',
      options: { isStacked: true, colors: LEVEL_COLORS, 'legend.position': 'top' },
    });
  }
  if (data.pairs) {
    const counts = countsOf(data.pairs, year, null);
    sections.push({
      title: `Действующие пары наставничества по формам, ${year} год`,
      header: ['Форма наставничества', 'Пар'],
      rows: MENTORING_FORMS.map((f) => [f, counts[f] ?? 0]),
      chartColumns: 2,
      kind: 'BAR',
      options: { colors: [FACT_COLOR], 'legend.position': 'none' },
    });
  }
  return sections;
}

const UNIT_WORD = { organization: 'ОО', municipality: 'Муниципалитет' } as const;
const TOTAL_WORD = { organization: 'Итого по муниципалитету', municipality: 'Итого по региону' } as const;

/** A unit's value of an indicator, with its name (never an internal code of a municipality). */
interface Ranked {
  readonly name: string;
  readonly value: number | null;
}

/** Each unit's name by its place in Russian order (names the collator finds equal share one): sorted once for every indicator. */
function nameRanks(data: DashboardData): ReadonlyMap<string, number> {
  const names = [...new Set(data.units.map((u) => u.name || u.code))].sort(compareRu);
  const ranks = new Map<string, number>();
  names.forEach((name, i) => ranks.set(name, i > 0 && compareRu(names[i - 1]!, name) === 0 ? ranks.get(names[i - 1]!)! : i));
  return ranks;
}

/** Every unit's value, best first (the lowest for «≤»), units without a value last; ties by name. */
export function rankedUnits(data: DashboardData, indicator: DashboardIndicator, ranks = nameRanks(data)): Ranked[] {
  const byUnit = new Map(indicator.byUnit.map((u) => [u.unit, u.value]));
  const rows = data.units.map((u) => ({ name: u.name || u.code, value: byUnit.get(u.code) ?? null }));
  const down = indicator.comparator === '≤' ? 1 : -1;
  const byName = (a: Ranked, b: Ranked) => ranks.get(a.name)! - ranks.get(b.name)!;
  return rows.sort((a, b) =>
    a.value === null || b.value === null
      ? Number(a.value === null) - Number(b.value === null) || byName(a, b)
      : down * (a.value - b.value) || byName(a, b),
  );
}

/** Indicators some unit has a number for: what the comparison shows. */
export const comparedIndicators = (data: DashboardData) => data.indicators.filter((i) => i.byUnit.some((u) => typeof u.value === 'number'));

/** Per indicator: the units sorted, the plan and the territory's total as lines (a count's plan is not the unit's). */
function comparisonSections(data: DashboardData): Section[] {
  const ranks = nameRanks(data);
  return comparedIndicators(data).map((i) => {
    const unitPlan = i.byUnit.some((u) => u.status !== null) && typeof i.plan === 'number' ? i.plan : '';
    const total = typeof i.value === 'number' ? i.value : '';
    return {
      title: cut(`Сравнение: ${i.code}. ${i.name}`),
      header: [UNIT_WORD[data.unitKind], `Значение${i.unit ? `, ${i.unit}` : ''}`, 'План', TOTAL_WORD[data.unitKind]],
      rows: rankedUnits(data, i, ranks).map((r) => [r.name, r.value ?? '', unitPlan, total]),
      chartColumns: 4,
      kind: 'COMBO' as const,
      options: {
        seriesType: 'bars',
        'series.1.type': 'line',
        'series.2.type': 'line',
        colors: [FACT_COLOR, '#202124', '#e37400'],
        'legend.position': 'top',
      },
    };
  });
}

/** The conditional formatting of one indicator's column of the table: by its comparator against the plan. */
type RuleRange = SheetRule['ranges'][number];

/** A1 of a cell; `$row` fixes the row. */
const a1 = (row: number, column: number, fixedRow = false) => {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${fixedRow ? '$' : ''}${row}`;
};

/**
 * The status colours of the table unit × indicator: a fixed set of rules whatever the number of indicators (each
 * rule is a few service calls to build). Each cell is compared with its column's plan in the «План» row by the
 * column's comparator, as core/indicators/status.ts unitStatusOf decides: an empty cell «Нет данных», a share or a
 * ratio without a plan «Нет плана»; a count (its plan is the territory's) and «рост» (no unit keeps a year before)
 * are not coloured. The empty cell's rule comes first: the first rule that holds wins.
 */
function statusRules(
  columns: readonly { readonly indicator: DashboardIndicator; readonly range: RuleRange }[],
  planRow: number,
): SheetRule[] {
  const fill = (status: keyof typeof STATUS_FILL) => ({ background: STATUS_FILL[status][0], font: STATUS_FILL[status][1] });
  const coloured = columns.filter(({ indicator: i }) => i.byUnit.some((u) => u.status !== null) && i.comparator !== 'рост');
  // Adjacent columns as one range: a range is a service call to make.
  const rangesOf = (keep: (i: DashboardIndicator) => boolean, among: typeof columns = coloured) => {
    const spans: RuleRange[] = [];
    for (const { range } of among.filter((c) => keep(c.indicator))) {
      const last = spans[spans.length - 1];
      if (last && last.column + last.columns === range.column) spans[spans.length - 1] = { ...last, columns: last.columns + 1 };
      else spans.push(range);
    }
    return spans;
  };
  const rules: SheetRule[] = [];
  const add = (
    when: SheetRule['when'],
    ranges: RuleRange[],
    status: keyof typeof STATUS_FILL,
    formula?: (cell: string, plan: string) => string,
  ) => {
    if (!ranges.length) return;
    const first = ranges[0]!;
    const rule = { when, ranges, ...fill(status) };
    rules.push(formula ? { ...rule, formula: formula(a1(first.row, first.column), a1(planRow, first.column, true)) } : rule);
  };
  add(
    'empty',
    // An empty cell is «Нет данных» in every column, a count's too.
    rangesOf(() => true, columns),
    'Нет данных',
  );
  add(
    'notEmpty',
    rangesOf((i) => typeof i.plan !== 'number'),
    'Нет плана',
  );
  const atLeast = rangesOf((i) => typeof i.plan === 'number' && i.comparator === '≥');
  const atMost = rangesOf((i) => typeof i.plan === 'number' && i.comparator === '≤');
  add('formula', atLeast, 'Выполнен', (cell, plan) => `=${cell}>=${plan}`);
  add('formula', atLeast, 'Не выполнен', (cell, plan) => `=${cell}<${plan}`);
  add('formula', atMost, 'Выполнен', (cell, plan) => `=${cell}<=${plan}`);
  add('formula', atMost, 'Не выполнен', (cell, plan) => `=${cell}>${plan}`);
  return rules;
}

const formatOf = (v: SheetCell) => (typeof v === 'number' && !Number.isInteger(v) ? '0.0' : '0');

export function dashboardSheetPlan(data: DashboardData): DashboardSheetPlan {
  // The table unit × indicator may be wider than the sections (one column per indicator).
  const width = Math.max(SHEET_WIDTH, 1 + comparedIndicators(data).length);
  const values: SheetCell[][] = [];
  const weights: ('bold' | 'normal')[][] = [];
  const formats: string[][] = [];
  const put = (row: number, column: number, value: SheetCell, bold = false) => {
    while (values.length < row) {
      values.push(Array<SheetCell>(width).fill(''));
      weights.push(Array<'bold' | 'normal'>(width).fill('normal'));
      formats.push(Array<string>(width).fill('General'));
    }
    values[row - 1]![column - 1] = value;
    if (bold) weights[row - 1]![column - 1] = 'bold';
    if (typeof value === 'number') formats[row - 1]![column - 1] = formatOf(value);
  };
  put(1, 1, DASHBOARD_HEADER, true);
  put(2, 1, dashboardCaption(data));

  const year = defaultYear(data);
  const sections = [indicatorSection(data), ...(year === null ? [] : registerSections(data, year))].filter((s): s is Section => s !== null);
  const charts: SheetChart[] = [];
  let rules: SheetRule[] = [];
  let row = FIRST_SECTION_ROW;
  /** A section's title and table, and (unless `chart` is false: a table only) its chart to the left. */
  const place = (section: Section, chart = true) => {
    put(row, 1, section.title, true);
    const top = row + 1;
    const column = chart ? TABLE_COLUMN : 1;
    section.header.forEach((h, c) => put(top, column + c, h, true));
    section.rows.forEach((cells, r) => cells.forEach((v, c) => put(top + 1 + r, column + c, v)));
    if (!chart) {
      row = top + section.rows.length + 2;
      return;
    }
    charts.push({
      kind: section.kind,
      title: section.title,
      range: { row: top, column: TABLE_COLUMN, rows: section.rows.length + 1, columns: section.chartColumns },
      anchor: { row: top, column: 1 },
      options: { title: section.title, width: CHART_WIDTH, height: CHART_HEIGHT, ...section.options },
    });
    row = top + Math.max(CHART_ROWS, section.rows.length + 1) + 1;
  };
  for (const section of sections) place(section);
  // Units side by side, below: the table unit × indicator (no chart: its colours are the picture), then one chart
  // per indicator, its units sorted.
  const compared = comparedIndicators(data);
  if (compared.length && data.units.length) {
    put(row, 1, `${data.unitKind === 'municipality' ? 'Муниципалитеты' : 'ОО'} по показателям: цвет — статус относительно плана`, true);
    put(
      row + 1,
      1,
      'Без цвета — количественный показатель: его план — на всю территорию. Коды показателей — как в разделе «Показатели: план и факт».',
    );
    const top = row + 2;
    [UNIT_WORD[data.unitKind], ...compared.map((i) => i.code)].forEach((h, c) => put(top, 1 + c, h, true));
    // The plan of each indicator under its code: what the colours compare with.
    put(top + 1, 1, 'План', true);
    compared.forEach((i, c) => put(top + 1, 2 + c, typeof i.plan === 'number' ? i.plan : ''));
    const first = top + 2;
    const units = [...data.units].sort((a, b) => compareRu(a.name || a.code, b.name || b.code));
    // Each indicator's value by unit in a Map: a search of byUnit per cell is units² per indicator (1,000 ОО: 10⁶).
    const values = compared.map((i) => {
      const byUnit = new Map<string, number | null>();
      for (const b of i.byUnit) if (!byUnit.has(b.unit)) byUnit.set(b.unit, b.value);
      return byUnit;
    });
    units.forEach((u, r) => {
      put(first + r, 1, u.name || u.code);
      values.forEach((byUnit, c) => put(first + r, 2 + c, byUnit.get(u.code) ?? ''));
    });
    put(first + units.length, 1, TOTAL_WORD[data.unitKind], true);
    compared.forEach((i, c) => put(first + units.length, 2 + c, typeof i.value === 'number' ? i.value : '', true));
    rules = statusRules(
      compared.map((indicator, c) => ({ indicator, range: { row: first, column: 2 + c, rows: units.length, columns: 1 } })),
      top + 1,
    );
    row = first + units.length + 2;
    // One chart, of the first indicator; the others as sorted tables: the sheet's calls stay fixed however many
    // indicators (a regional refresh draws it at the end of a 6-minute execution), and the HTML dashboard charts any.
    const [chosen, ...others] = comparisonSections(data);
    put(row, 1, 'Диаграмма — по первому показателю, по остальным — таблицы ниже; любой показатель на диаграмме — в «Маршрут → Дашборд…».');
    row += 1;
    place(chosen!);
    for (const section of others) place(section, false);
  }
  if (!sections.length)
    put(FIRST_SECTION_ROW, 1, 'Данных для дашборда пока нет: загрузите ответы форм и пересчитайте показатели («Маршрут → Показатели…»).');
  return {
    values,
    fontWeights: weights,
    numberFormats: formats,
    columnWidths: [
      ...Array<number>(CHART_COLUMNS).fill(100),
      360,
      110,
      110,
      110,
      110,
      ...Array<number>(Math.max(0, width - SHEET_WIDTH)).fill(70),
    ],
    charts,
    rules,
  };
}
