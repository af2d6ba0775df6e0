// The «Дашборд» sheet through the built bundle: a recompute in «Показатели…» rebuilds it (charts over small data
// ranges, old charts removed), the menu item rebuilds it too, in a fixed number of Sheets calls; set-up run again
// leaves it whole; the XLSX export puts a titled table where each chart is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { importFolder } from '../../src/local/importFolder';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { unwrap } from '../../src/local/fakes/strict';
import type { FakeSheet } from '../../src/local/fakes/spreadsheet/sheet';
import { exportWorkbookXlsx } from '../../src/local/xlsx';
import { openBuiltWorkbook, sheetOf } from '../support/e2eBuild';
import { KLIN_2024, writeKpiFolder } from '../support/kpiFixture';

jest.setTimeout(60_000);

const tmp = mkdtempSync(join(tmpdir(), 'marshrut-dashboard-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = writeKpiFolder(join(tmp, 'data'));

function recomputed(): LocalWorkbook {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  importFolder(wb, data);
  wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  wb.rpc('rpcKpiRecompute', { year: 2024 });
  return wb;
}

interface ChartPicture {
  type: string;
  title: unknown;
  range: string;
  anchor: [number, number];
  values: unknown[][];
}

function charts(wb: LocalWorkbook): ChartPicture[] {
  return sheetOf(wb, 'Дашборд')
    .getCharts()
    .map((chart) => {
      const [range] = chart.getRanges();
      const info = chart.getContainerInfo();
      return {
        type: String(chart.modify().getChartType()),
        title: chart.getOptions().get('title'),
        range: range!.getA1Notation(),
        anchor: [info.getAnchorRow(), info.getAnchorColumn()] as [number, number],
        values: range!.getValues(),
      };
    });
}

describe('after a recompute of klin for 2024', () => {
  const wb = recomputed();
  const pictures = charts(wb);
  // The four sections of the registers and indicators; the ОО side by side follow (tested below).
  const main = pictures.slice(0, 4);

  test('four charts, each over its small table, with the values a methodist checks by hand', () => {
    expect(main.map((c) => c.title)).toEqual([
      'Показатели: план и факт',
      'ИОМ по статусам, 2024 год',
      'Проведённые мероприятия по месяцам и уровням, 2024 год',
      'Действующие пары наставничества по формам, 2024 год',
    ]);
    const [kpi, ioms, events, pairs] = main;
    // Plan and fact of every indicator, as recomputed (kpiFixture works them out by hand).
    expect(kpi!.values[0]).toEqual(['Показатель', 'План', 'Факт']);
    expect(kpi!.values).toHaveLength(KLIN_2024.length + 1);
    KLIN_2024.forEach((expected, i) => {
      const [label, plan, fact] = kpi!.values[i + 1]!;
      expect(String(label).startsWith(`${expected.code}. `)).toBe(true);
      expect(plan).toBe(expected.plan);
      if (typeof expected.value === 'number') expect(fact).toBeCloseTo(expected.value, 10);
      else expect(fact).toBe('');
    });
    // 2024: Иванова (Реализован), Петров (Реализуется), Новиков (Разработан); Кузнецов's IOM ended in 2023.
    expect(ioms!.values).toEqual([
      ['Статус ИОМ', 'ИОМ'],
      ['Разработан', 1],
      ['Реализуется', 1],
      ['Реализован', 1],
      ['Не реализован', 0],
      ['Возвращён на доработку', 0],
    ]);
    // Held in 2024: courses in February (regional), the council in March, the contest in April, the school of young
    // teachers in October (municipal); the forum in November is only planned.
    const byMonth = Object.fromEntries(events!.values.slice(1).map((r) => [r[0], r.slice(1)]));
    expect(events!.values[0]).toEqual(['Месяц', 'Школьный', 'Муниципальный', 'Региональный', 'Федеральный']);
    expect(byMonth).toMatchObject({
      Февраль: [0, 0, 1, 0],
      Март: [0, 1, 0, 0],
      Апрель: [0, 1, 0, 0],
      Октябрь: [0, 1, 0, 0],
      Ноябрь: [0, 0, 0, 0],
    });
    expect(pairs!.values.filter((r) => r[1] === 1).map((r) => r[0])).toEqual([
      'Педагог — молодой специалист',
      'Руководитель — руководитель',
    ]);
  });

  test('chart types and options: plan vs fact bars, a status pie, stacked month columns, bars by form', () => {
    expect(main.map((c) => c.type)).toEqual(['BAR', 'PIE', 'COLUMN', 'BAR']);
    const [, , events] = sheetOf(wb, 'Дашборд').getCharts();
    expect(events!.getOptions().get('isStacked')).toBe(true);
    expect(events!.getOptions().get('width')).toBe(680);
    expect(events!.getNumHeaders()).toBe(1);
  });

  test('laid out at a glance: each chart in columns A–G beside its table (from H), the sections one under another', () => {
    for (const c of pictures) {
      expect(c.range.startsWith('H')).toBe(true);
      expect(c.anchor).toEqual([Number(/\d+/.exec(c.range)![0]), 1]);
    }
    const rows = pictures.map((c) => c.anchor[0]);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    rows.slice(1).forEach((row, i) => expect(row - rows[i]!).toBeGreaterThanOrEqual(17));
    const sheet = sheetOf(wb, 'Дашборд');
    expect(sheet.getRange(1, 1).getValue()).toBe('Дашборд');
    expect(String(sheet.getRange(2, 1).getValue())).toMatch(/^Клин · набор «klin» · показатели за 01\.01\.2024–31\.12\.2024, рассчитаны /);
    expect(sheet.getRange(pictures[0]!.anchor[0] - 1, 1).getFontWeight()).toBe('bold');
  });

  test('a second recompute and the menu item rebuild it: the same charts, never a pile', () => {
    wb.rpc('rpcKpiRecompute', { year: 2024 });
    expect(charts(wb)).toHaveLength(pictures.length);
    wb.menu('menuRebuildDashboard');
    expect(charts(wb)).toEqual(pictures);
    expect(wb.runtime.ui.toasts.at(-1)?.message).toBe('Лист «Дашборд» обновлён: Клин.');
  });

  test('the rebuild costs a fixed number of Sheets calls: one setValues for every cell, one read per sheet', () => {
    wb.runtime.calls.reset();
    wb.menu('menuRebuildDashboard');
    const c = wb.runtime.calls.counts;
    expect(c['Range.setValues']).toBe(1);
    expect(c['Range.setFontWeights']).toBe(1);
    expect(c['Range.setNumberFormats']).toBe(1);
    expect(c['Range.getValues']).toBeLessThanOrEqual(8); // organizations, ИОМ, events, mentoring, indicators, by ОО, settings (+ access)
    // One chart per section: four, and one per indicator some ОО has a value of — whatever the registers' size.
    expect(c['Sheet.insertChart']).toBe(pictures.length);
    expect(c['Sheet.removeChart']).toBe(pictures.length);
    expect(c['Sheet.setConditionalFormatRules']).toBe(1);
  });

  test('a recompute reads each sheet at most once, the dashboard drawn from the same read', () => {
    wb.runtime.calls.reset();
    wb.runtime.calls.bySheet = true;
    wb.rpc('rpcKpiRecompute', { year: 2024 });
    wb.runtime.calls.bySheet = false;
    const reads = Object.entries(wb.runtime.calls.perSheet).filter(([key, n]) => key.startsWith('Range.getValues@') && n > 1);
    expect(reads).toEqual([]);
    expect(charts(wb)).toEqual(pictures);
  });

  test('set-up run again leaves the dashboard whole (its used columns cover the charts)', () => {
    const before = charts(wb);
    wb.menu('menuSetupWorkbook');
    expect(sheetOf(wb, 'Дашборд').getMaxColumns()).toBeGreaterThanOrEqual(12);
    expect(sheetOf(wb, 'Дашборд').getRange(1, 1, 1, 3).getValues()).toEqual([['Дашборд', '', '']]);
    expect(charts(wb)).toEqual(before);
  });

  test('the XLSX export: where each chart is, its title and its table (exceljs writes no charts)', async () => {
    const path = join(tmp, 'workbook.xlsx');
    await exportWorkbookXlsx(wb.spreadsheet, path);
    const xlsx = await new ExcelJS.Workbook().xlsx.readFile(path);
    const ws = xlsx.getWorksheet('Дашборд')!;
    for (const c of pictures) {
      const [row, col] = c.anchor;
      expect(ws.getCell(row, col).value).toBe(`Диаграмма «${c.title}»`);
      expect(ws.getCell(row, col).font?.bold).toBe(true);
      const table = c.values.map((line, r) => line.map((_, k) => cellValue(ws.getCell(row + 1 + r, col + k))));
      expect(table).toEqual(c.values);
    }
    // The data ranges themselves are exported as they are.
    const [first] = pictures;
    expect(ws.getCell(first!.anchor[0], 8).value).toBe('Показатель');
  });
});

const cellValue = (cell: ExcelJS.Cell) => (cell.value === null ? '' : cell.value);

test('a workbook made before this version: the rebuild turns the old two-column «Дашборд» into the new one', () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  const sheet = sheetOf(wb, 'Дашборд');
  sheet.getRange(1, 1, 1, 1).setValue('Показатель');
  sheet.insertColumnsAfter(1, 1);
  sheet.getRange(1, 2).setValue('Значение');
  wb.menu('menuRebuildDashboard');
  expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([['Дашборд', '']]);
  // Nothing computed, nothing received: the sheet says what to do, and has no chart.
  expect(String(sheet.getRange(4, 1).getValue())).toMatch(/^Данных для дашборда пока нет/);
  expect(sheet.getCharts()).toHaveLength(0);
  wb.menu('menuSetupWorkbook'); // adds no column: the header is the schema's
  expect(sheet.getRange(1, 1).getValue()).toBe('Дашборд');
  expect(sheet.getLastColumn()).toBe(1);
});

test('a user off the access list cannot rebuild it', () => {
  const wb = openBuiltWorkbook({ user: 'metodist@klin.example' });
  wb.menu('menuSetupWorkbook');
  wb.runtime.setActiveUser('stranger@x.ru');
  wb.menu('menuRebuildDashboard');
  expect(wb.runtime.ui.alerts.at(-1)?.message).toMatch(/^Нет доступа: stranger@x\.ru нет в списке доступа/);
  expect(sheetOf(wb, 'Дашборд').getCharts()).toHaveLength(0);
  expect(String(sheetOf(wb, 'Дашборд').getRange(2, 1).getValue())).toMatch(/^ⓘ Дашборд появится/);
});

describe('the ОО side by side on «Дашборд» (issue 18 p.2)', () => {
  const wb = recomputed();
  const sheet = sheetOf(wb, 'Дашборд');
  const values = sheet.getDataRange().getValues();
  const at = (text: string) => values.findIndex((r) => r[0] === text) + 1;

  test('per indicator every ОО by name, best first, with the plan and the municipality’s total; the first as a chart', () => {
    // The first compared indicator (2) is drawn: bars and two lines.
    const [chart] = charts(wb).filter((c) => String(c.title).startsWith('Сравнение: '));
    expect([chart!.type, String(chart!.title).slice(0, 13)]).toEqual(['COMBO', 'Сравнение: 2.']);
    expect(charts(wb).filter((c) => String(c.title).startsWith('Сравнение: '))).toHaveLength(1);
    const options = sheet
      .getCharts()
      .find((c) => String(c.getOptions().get('title')).startsWith('Сравнение: '))!
      .getOptions();
    expect([options.get('series.1.type'), options.get('series.2.type')]).toEqual(['line', 'line']);
    // Indicator 3 by hand (kpiFixture), as a table: Ш1 — Иванова certified of Иванова, Петров: 50 %; Ш2 — Кузнецов of
    // Кузнецов, Соколова, Новиков: 33,3 %; ДС and УМЦ have no teacher — last, by name. Plan 30, the municipality 2 of 5.
    const three = values.findIndex((r) => String(r[0]).startsWith('Сравнение: 3. ')) + 1;
    expect(values.slice(three, three + 5).map((r) => r.slice(0, 4))).toEqual([
      ['ОО', 'Значение, %', 'План', 'Итого по муниципалитету'],
      ['МОУ «Школа № 1»', 50, 30, 40],
      ['МОУ «Школа № 2»', 100 / 3, 30, 40],
      ['МДОУ «Детский сад № 3»', '', 30, 40],
      ['МУ «Учебно-методический центр»', '', 30, 40],
    ]);
    // A count (9, the contest): its plan is the municipality's whole, not set against one school.
    const nine = values.findIndex((r) => String(r[0]).startsWith('Сравнение: 9. ')) + 1;
    expect(values.slice(nine + 1, nine + 5).map((r) => r[2])).toEqual(['', '', '', '']);
  });

  test('the table ОО × indicator is coloured by status with conditional formatting rules, set in one call', () => {
    const top = at('ОО');
    expect(top).toBeGreaterThan(0);
    const header = values[top - 1]!;
    expect(values[top]!.slice(0, header.indexOf('3') + 1).at(-1)).toBe(30); // the «План» row under the codes
    expect(values[top + 1]![0]).toBe('МДОУ «Детский сад № 3»'); // then the ОО by name
    const rules = unwrap<FakeSheet>(sheet).conditionalRules.map(
      (r) =>
        unwrap<{ data: { condition: string; values: unknown[]; background?: string; ranges: GoogleAppsScript.Spreadsheet.Range[] } }>(r)
          .data,
    );
    const column = header.indexOf('3') + 1;
    const ofThree = rules.filter((r) =>
      r.ranges.some((range) => range.getColumn() <= column && column < range.getColumn() + range.getNumColumns()),
    );
    // Empty — grey («Нет данных»); every «≥» column against its plan in the «План» row: green at or above, red below
    // (the formula is written for the first range's top-left cell, B; Sheets shifts it to column 3's).
    expect(ofThree.map((r) => [r.condition, r.background])).toEqual([
      ['CELL_EMPTY', '#f1f3f4'],
      ['CUSTOM_FORMULA', '#e6f4ea'],
      ['CUSTOM_FORMULA', '#fce8e6'],
    ]);
    expect(ofThree[1]!.values[0]).toBe(`=B${top + 2}>=B$${top + 1}`);
    expect(ofThree[0]!.ranges[0]!.getA1Notation()).toMatch(new RegExp(`^B${top + 2}:[A-Z]${top + 5}$`));
    // A count (9) is not coloured by plan: no school meets or misses the municipality's plan (grey only when empty).
    const nine = header.indexOf('9') + 1;
    const covers = (at: number) => (range: GoogleAppsScript.Spreadsheet.Range) =>
      range.getColumn() <= at && at < range.getColumn() + range.getNumColumns();
    expect(rules.filter((r) => r.ranges.some(covers(nine))).map((r) => r.condition)).toEqual(['CELL_EMPTY']);
  });
});
