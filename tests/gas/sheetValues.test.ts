// Every text a person typed reaches a sheet and comes back exactly, through the product's own write path
// (SheetsWorkbookPort over the local spreadsheet, which reads strings as Google Sheets does in ru_RU); and each
// class of the quote-prefix rule is needed: without it, some text of that class would not survive.
import { REINTERPRETED, quoteRule, type ReinterpretedClass } from '../../src/gas/sheetValues';
import { SheetsWorkbookPort } from '../../src/gas/workbookPort';
import { Workbook } from '../../src/core/workbook';
import { SHEETS } from '../../src/core/schema/sheets';
import { createLocalRuntime } from '../../src/local/runtime';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportWorkbookXlsx } from '../../src/local/xlsx';
import { unwrap } from '../../src/local/fakes/strict';
import type { FakeSpreadsheet } from '../../src/local/fakes/spreadsheet/spreadsheet';
import { testWorkbook } from '../support/workbook';

/** Hostile texts by the class of the rule that must protect them; the first of each is caught by no other class. */
const HOSTILE: Record<ReinterpretedClass, string[]> = {
  formula: ['=1+1', '+7 (999) 123-45-67', '-Иванова', '@metodist', "'в кавычках", '=HYPERLINK("http://x")'],
  number: ['007', '1 000', '1,5', '-5', '+5', ' 42 ', '3.14'],
  exponent: ['1e3', '5E-3', '1e400', '1,5e3', '-2e-2'],
  percent: ['50%', '12,5 %'],
  currency: ['100 ₽', '$5', '1 500,50 руб.'],
  date: ['01.02.2024', '1.5', '02.2024', '2024-02-01', '1/2/2024', '1 февраля 2024', '2 мая 2024 г.', 'Feb 1, 2024', '01.02.2024 12:30'],
  time: ['12:30', '9:05 PM', '25:00', '8:00:15'],
  boolean: ['TRUE', 'ИСТИНА', 'ложь', 'False'],
};
const CLASSES = Object.keys(REINTERPRETED) as ReinterpretedClass[];
const ALL = CLASSES.flatMap((c) => HOSTILE[c]);

describe('text through SheetsWorkbookPort', () => {
  const wb = testWorkbook();
  const workbook = new Workbook(wb.deps.workbook);
  const table = workbook.table('participation');
  for (const text of ALL) table.append({ eventLabel: text, personName: `Иванова ${text}`, document: text, email: text });
  workbook.flush();
  const { header, rows } = new SheetsWorkbookPort(wb.spreadsheet).readTable('participation');
  const column = (title: string) => rows.map((r) => r[header.indexOf(title)]);

  test.each(['Мероприятие', 'Документ (удостоверение, сертификат)', 'Email'])(
    'every hostile text in «%s» reads back identical',
    (title) => {
      expect(column(title)).toEqual(ALL);
    },
  );

  test('no formula was written anywhere', () => {
    expect(wb.formulas()).toEqual([]);
  });

  test('a name that merely contains such text is left alone (no prefix needed, none added)', () => {
    expect(column('ФИО участника')).toEqual(ALL.map((t) => `Иванова ${t}`));
  });
});

describe('each class of the quote-prefix rule is needed', () => {
  /** Writes `texts` with the given rule into a fresh sheet (one setValues) and reads them back. */
  function roundTrip(classes: ReinterpretedClass[], texts: string[]): unknown[] {
    const rt = createLocalRuntime({ now: () => new Date(2025, 9, 1, 12) });
    const sheet = rt.spreadsheets.create('Тест').getSheets()[0]!;
    const quote = quoteRule(classes);
    const range = sheet.getRange(1, 1, texts.length, 1);
    range.setValues(texts.map((t) => [quote(t) ? `'${t}` : t]));
    return range.getValues().map((r) => r[0]);
  }

  test('with every class, every text survives', () => {
    expect(roundTrip(CLASSES, ALL)).toEqual(ALL);
  });

  test.each(CLASSES)('without «%s», text of that class is lost', (dropped) => {
    const texts = HOSTILE[dropped];
    const back = roundTrip(
      CLASSES.filter((c) => c !== dropped),
      texts,
    );
    expect(back[0]).not.toEqual(texts[0]);
  });
});

describe('numbers: only numeric columns hold them, and only finite ones', () => {
  const wb = testWorkbook();
  const workbook = new Workbook(wb.deps.workbook);
  const events = workbook.table('events');
  const base = { title: 'Семинар', kind: 'Семинар', level: 'Муниципальный', start: new Date(2025, 8, 15), status: 'Проведено' };
  events.append({ ...base, participants: Infinity, roadmapItem: 1e21 });
  events.append({ ...base, participants: Number.NaN, roadmapItem: 5 });
  events.append({ ...base, participants: 42, roadmapItem: '1e3' });
  workbook.flush();
  const sheet = wb.spreadsheet.getSheetByName(SHEETS.events.name)!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  const col = (title: string) => rows.map((r) => r[header!.indexOf(title)]);

  test('a non-finite number in a numeric column leaves the cell empty; a finite one stays a number', () => {
    expect(col('Количество участников')).toEqual(['', '', 42]);
  });

  test('a number that reached a text column is written as its text', () => {
    expect(col('Пункт дорожной карты')).toEqual(['1e+21', '5', '1e3']);
  });

  test('the XLSX export holds no Infinity: text stays text, a non-finite cell is an error', async () => {
    const raw = unwrap<FakeSpreadsheet>(wb.spreadsheet).sheetByName(SHEETS.events.name)!;
    raw.put(5, 1, Infinity); // as an older fake stored «1e400»: the export must still not write it
    const path = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'book.xlsx');
    await exportWorkbookXlsx(wb.spreadsheet, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const values: unknown[] = [];
    book.getWorksheet(SHEETS.events.name)!.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain('1e3');
    expect(values).toContainEqual({ error: '#NUM!' });
    expect(values.some((v) => v === Infinity || v === -Infinity || String(v).includes('Infinity'))).toBe(false);
  });
});
