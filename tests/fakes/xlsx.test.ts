import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalRuntime } from '../../src/local/runtime';
import { exportWorkbookXlsx } from '../../src/local/xlsx';

test('XLSX export round-trip', async () => {
  const rt = createLocalRuntime();
  const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const ss = rt.spreadsheets.create('Книга');
  const sheet = ss.getSheets()[0]!.setName('Журнал');
  sheet
    .getRange('A1:C1')
    .setValues([['Дата', 'Кол-во', 'Итого']])
    .setFontWeight('bold');
  sheet.getRange('A2:C2').setValues([[new Date(2025, 0, 5), 3, '=B2*2']]);
  sheet.setFrozenRows(1);
  sheet.setColumnWidth(1, 140);
  sheet.getRange('D2').setDataValidation(app.newDataValidation().requireValueInList(['да', 'нет']).build());
  const long = Array.from({ length: 60 }, (_, i) => `Вариант номер ${i + 1}`);
  sheet.getRange('E2').setDataValidation(app.newDataValidation().requireValueInList(long).build());
  ss.insertSheet('Служебный').hideSheet();

  const path = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'book.xlsx');
  await exportWorkbookXlsx(ss, path);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Журнал', 'Служебный', '_lists']);
  const ws = wb.getWorksheet('Журнал')!;
  expect(ws.getCell('A1').value).toBe('Дата');
  expect(ws.getCell('A1').font?.bold).toBe(true);
  expect(ws.getCell('C2').formula).toBe('B2*2');
  const a2 = ws.getCell('A2').value as Date;
  expect([a2.getUTCFullYear(), a2.getUTCMonth(), a2.getUTCDate()]).toEqual([2025, 0, 5]);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(ws.getColumn(1).width).toBe(20);
  expect(ws.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"да,нет"'] });
  expect(ws.getCell('E2').dataValidation.formulae[0]).toBe('_lists!$A$1:$A$60');
  expect(wb.getWorksheet('Служебный')!.state).toBe('hidden');
  expect(wb.getWorksheet('_lists')!.getCell('A60').value).toBe('Вариант номер 60');
});

// Styles are shared objects by look (src/local/xlsx.ts styleOf): each cell must keep its own look, none another's.
test('XLSX export keeps each cell its own look', async () => {
  const rt = createLocalRuntime();
  const ss = rt.spreadsheets.create('Книга');
  const sheet = ss.getSheets()[0]!;
  sheet.getRange('A1:D1').setValues([['Жирный', 'Курсив', 'Обычный', 7]]);
  sheet.getRange('A1').setFontWeight('bold');
  sheet.getRange('B1').setFontStyle('italic').setFontColor('#cc0000').setBackground('#ffeeaa');
  sheet.getRange('A2:B2').setValues([[new Date(2025, 0, 5), new Date(2025, 0, 5, 14, 30)]]);
  sheet.getRange('A2').setNumberFormat('dd.MM.yyyy');
  sheet.getRange('B2').setNumberFormat('dd.MM.yyyy HH:mm');
  sheet.getRange('C2').setValue('Перенос').setWrap(true);
  // Notes ride in their own layer of the fake's grid (the «Факт» note of «Показатели» is one).
  sheet.getRange('D1').setNote('Факт: 7 из 9');
  const path = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'book.xlsx');
  await exportWorkbookXlsx(ss, path);

  const ws = (await new ExcelJS.Workbook().xlsx.readFile(path)).worksheets[0]!;
  expect(ws.getCell('A1').font?.bold).toBe(true);
  expect(ws.getCell('A1').font?.italic).toBeFalsy();
  expect(ws.getCell('B1').font).toMatchObject({ italic: true, color: { argb: 'FFCC0000' } });
  expect(ws.getCell('B1').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFEEAA' } });
  expect(ws.getCell('C1').font?.bold).toBeFalsy();
  expect(ws.getCell('C1').fill).toBeFalsy();
  expect(ws.getCell('D1').value).toBe(7);
  expect(ws.getCell('A2').numFmt).toBe('dd.mm.yyyy');
  expect(ws.getCell('B2').numFmt).toBe('dd.mm.yyyy HH:mm');
  expect(ws.getCell('C2').alignment).toMatchObject({ wrapText: true });
  expect(ws.getCell('C1').alignment?.wrapText).toBeFalsy();
  expect(ws.getCell('D1').note).toBe('Факт: 7 из 9');
  expect(ws.getCell('C1').note).toBeUndefined();
});

// Excel holds wall-clock times: each date is shifted by its zone's offset at that moment (looked up once a day, and
// hour by hour on a day the clocks change).
test('XLSX export writes the wall-clock time of each date, across a change of clocks and before 1970', async () => {
  const rt = createLocalRuntime();
  const ss = rt.spreadsheets.create('Книга');
  ss.setSpreadsheetTimeZone('Europe/Berlin');
  const moments = [
    '2025-03-30T00:30:00Z', // 01:30 CET, before the change at 01:00 UTC
    '2025-03-30T02:30:00Z', // 04:30 CEST, after it, the same UTC day
    '2025-03-29T12:00:00Z', // 13:00 CET, the day before
    '1961-04-12T06:07:00Z', // 07:07 CET
  ].map((iso) => new Date(iso));
  ss.getSheets()[0]!.getRange(1, 1, 1, moments.length).setValues([moments]);
  const path = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'book.xlsx');
  await exportWorkbookXlsx(ss, path);

  const ws = (await new ExcelJS.Workbook().xlsx.readFile(path)).worksheets[0]!;
  const wall = [1, 2, 3, 4].map((c) => (ws.getCell(1, c).value as Date).toISOString().slice(0, 16));
  expect(wall).toEqual(['2025-03-30T01:30', '2025-03-30T04:30', '2025-03-29T13:00', '1961-04-12T07:07']);
});

// The export remembers the last day's offset (src/local/xlsx.ts zoneOffsetMs): a workbook in another zone exported
// next must get its own zone's wall clock for the same day, not the previous workbook's.
test('XLSX export of workbooks in two zones gives each its own wall-clock time', async () => {
  const rt = createLocalRuntime();
  const moment = new Date('2025-01-15T09:00:00Z');
  const wallOf = async (zone: string) => {
    const ss = rt.spreadsheets.create(zone);
    ss.setSpreadsheetTimeZone(zone);
    ss.getSheets()[0]!.getRange('A1').setValue(moment);
    const path = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'book.xlsx');
    await exportWorkbookXlsx(ss, path);
    const ws = (await new ExcelJS.Workbook().xlsx.readFile(path)).worksheets[0]!;
    return (ws.getCell('A1').value as Date).toISOString().slice(0, 16);
  };
  expect(await wallOf('Europe/Moscow')).toBe('2025-01-15T12:00');
  expect(await wallOf('Asia/Yekaterinburg')).toBe('2025-01-15T14:00');
});

// Rows that carry values and no format, formula or note (most rows of a register) take the grid's values-only path
// (Grid.eachCellOfRow): every value must reach the file, those after an empty cell too, and the gap stays empty.
test('XLSX export writes the values of rows without formats, empty cells between them left empty', async () => {
  const rt = createLocalRuntime();
  const ss = rt.spreadsheets.create('Книга');
  const sheet = ss.getSheets()[0]!;
  sheet
    .getRange('A1:B1')
    .setValues([['ФИО', 'Стаж']])
    .setFontWeight('bold');
  sheet.getRange('A2:E3').setValues([
    ['Иванова Анна', '', 12, true, 'Учитель'],
    ['', 'Петров', '', '', 3.5],
  ]);
  const path = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'book.xlsx');
  await exportWorkbookXlsx(ss, path);

  const ws = (await new ExcelJS.Workbook().xlsx.readFile(path)).worksheets[0]!;
  const row = (r: number) => [1, 2, 3, 4, 5].map((c) => ws.getCell(r, c).value);
  expect(row(2)).toEqual(['Иванова Анна', null, 12, true, 'Учитель']);
  expect(row(3)).toEqual([null, 'Петров', null, null, 3.5]);
  expect(ws.getCell('A1').font?.bold).toBe(true);
});
