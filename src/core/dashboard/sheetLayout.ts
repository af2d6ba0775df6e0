// The «Дашборд» sheet as a plan the adapter applies in a few calls: every cell of the sheet (one setValues), its
// font weights and number formats (one call each), the column widths and the charts. Each section is a row with
// its title, a chart on the left (columns A–G) and the small table it draws on the right (from column H): the
// methodist sees the picture and its numbers side by side. The table is the last used column, so «Настроить книгу»
// (which trims a sheet to its used columns) never cuts the ground from under a chart.
import { format } from 'date-fns';
import { ru } from 'date-fns/locale';
import { EVENT_LEVELS, IOM_STATUSES, MENTORING_FORMS } from '../schema/choices';
import { SHEETS } from '../schema/sheets';
import { MONTHS, type DashboardData, type DashboardIndicator } from './data';
import { countsOf, defaultYear, eventsByMonth } from './views';

export type ChartKind = 'BAR' | 'COLUMN' | 'PIE';

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
}

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

const formatOf = (v: SheetCell) => (typeof v === 'number' && !Number.isInteger(v) ? '0.0' : '0');

export function dashboardSheetPlan(data: DashboardData): DashboardSheetPlan {
  const values: SheetCell[][] = [];
  const weights: ('bold' | 'normal')[][] = [];
  const formats: string[][] = [];
  const put = (row: number, column: number, value: SheetCell, bold = false) => {
    while (values.length < row) {
      values.push(Array<SheetCell>(SHEET_WIDTH).fill(''));
      weights.push(Array<'bold' | 'normal'>(SHEET_WIDTH).fill('normal'));
      formats.push(Array<string>(SHEET_WIDTH).fill('General'));
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
  let row = FIRST_SECTION_ROW;
  for (const section of sections) {
    put(row, 1, section.title, true);
    const top = row + 1;
    section.header.forEach((h, c) => put(top, TABLE_COLUMN + c, h, true));
    section.rows.forEach((cells, r) => cells.forEach((v, c) => put(top + 1 + r, TABLE_COLUMN + c, v)));
    charts.push({
      kind: section.kind,
      title: section.title,
      range: { row: top, column: TABLE_COLUMN, rows: section.rows.length + 1, columns: section.chartColumns },
      anchor: { row: top, column: 1 },
      options: { title: section.title, width: CHART_WIDTH, height: CHART_HEIGHT, ...section.options },
    });
    row = top + Math.max(CHART_ROWS, section.rows.length + 1) + 1;
  }
  if (!sections.length)
    put(FIRST_SECTION_ROW, 1, 'Данных для дашборда пока нет: загрузите ответы форм и пересчитайте показатели («Маршрут → Показатели…»).');
  return {
    values,
    fontWeights: weights,
    numberFormats: formats,
    columnWidths: [...Array<number>(CHART_COLUMNS).fill(100), 360, 110, 110, 110, 110],
    charts,
  };
}
