// The fake sheet keeps values by row and every other attribute (formula, format, note, validation, font) in its own
// sparse layer: what a script sees must be what one object per cell gave — the attributes move with their cells
// when rows or columns are inserted or deleted, a read hands out fresh Dates, and text that skips the ru_RU parse
// is exactly the text the parse would have kept.
import { parseTyped, staysText } from '../../src/local/fakes/spreadsheet/locale';
import { createLocalRuntime } from '../../src/local/runtime';

const NOW = new Date(2025, 2, 10, 12, 0, 0);
const sheetOf = () =>
  createLocalRuntime({ now: () => NOW })
    .spreadsheets.create('Тест')
    .getSheets()[0]!;

describe('the shortcut past the ru_RU parse', () => {
  const words = ['Иванова Мария Петровна', 'МБОУ СОШ', 'Да', 'Нет', 'ж', 'учитель', 'Semenov', '«Школа»', 'é', 'Ёлка'];
  const tricky = [
    'true',
    'FALSE',
    'Истина',
    'ложь',
    'ЛОЖЬ',
    'марта 5, 2024',
    'march 5, 2024',
    'Mar 5, 2024',
    'января 12, 2025 10:00',
    'true ',
    'Нет\u00a0',
    '\u2003слово',
    'слово\n',
    "'текст",
    '=A1',
    '+7 (999) 123-45-67',
    '-',
    '@имя',
    '€5',
    '$ 5',
    ',5',
    '5',
    '1.5',
    '12 мая',
    'Школа №5',
    'кабинет 12',
    'x1',
    '',
  ];
  const strings = [...words, ...tricky, ...words.map((w) => `${w} 2024`), ...words.map((w) => ` ${w}`)];

  test.each(strings)('«%s»: skipped only where the parse keeps it as text', (s) => {
    const kept = parseTyped(s, 'Europe/Moscow', () => NOW) === null && !s.startsWith("'");
    if (staysText(s)) expect(kept).toBe(true);
  });

  test('plain words do skip it, and read back as written', () => {
    expect(words.filter(staysText)).toEqual(words);
    const sheet = sheetOf();
    sheet.getRange(1, 1, 1, words.length).setValues([words]);
    expect(sheet.getRange(1, 1, 1, words.length).getValues()).toEqual([words]);
  });

  test('words that could be a boolean or a date still take the parse, as Google reads them', () => {
    const sheet = sheetOf();
    sheet.getRange('A1:C1').setValues([['Истина', 'марта 5, 2024', 'Мария']]);
    const [[yes, date, name]] = sheet.getRange('A1:C1').getValues();
    expect(yes).toBe(true);
    expect(date).toEqual(new Date(Date.UTC(2024, 2, 4, 21)));
    expect(sheet.getRange('B1').getNumberFormat()).toBe('dd.MM.yyyy');
    expect(name).toBe('Мария');
  });
});

describe('the layers move with their cells', () => {
  test('inserted and deleted rows carry formats, notes and formulas along', () => {
    const sheet = sheetOf();
    sheet.getRange('A1:B3').setValues([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    sheet.getRange('B2').setNumberFormat('0.00').setNote('проверить');
    sheet.getRange('A3').setFormula('=B1+B2');
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A1:B5').getValues()).toEqual([
      ['a', 1],
      ['', ''],
      ['', ''],
      ['b', 2],
      ['', 3],
    ]);
    expect(sheet.getRange('B4').getDisplayValue()).toBe('2,00');
    expect(sheet.getRange('B4').getNote()).toBe('проверить');
    expect(sheet.getRange('A5').getFormula()).toBe('=B1+B2');
    expect(sheet.getLastRow()).toBe(5);
    sheet.deleteRows(2, 3);
    expect(sheet.getRange('A1:B2').getFormulas()).toEqual([
      ['', ''],
      ['=B1+B2', ''],
    ]);
    expect(sheet.getRange('B2').getNote()).toBe('');
    expect(sheet.getRange('B2').getNumberFormat()).toBe('General');
    expect(sheet.getLastRow()).toBe(2);
  });

  test('inserted and deleted columns carry them too', () => {
    const sheet = sheetOf();
    sheet.getRange('A1:C1').setValues([['x', 'y', 'z']]);
    sheet.getRange('C1').setFontWeight('bold').setBackground('#ff0000');
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['x', '', 'y', 'z']]);
    expect(sheet.getRange('D1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('D1').getBackground()).toBe('#ff0000');
    sheet.deleteColumns(1, 2);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['y', 'z']]);
    expect(sheet.getRange('B1').getFontWeight()).toBe('bold');
    expect(sheet.getLastColumn()).toBe(2);
  });

  test('a formula alone makes a row count; a note alone does not', () => {
    const sheet = sheetOf();
    sheet.getRange('C7').setFormula('=1+1');
    sheet.getRange('A9').setNote('пометка');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 3]);
    sheet.getRange('C7').setValue('слово');
    expect(sheet.getRange('C7').getFormula()).toBe('');
    expect(sheet.getRange('C7').getValue()).toBe('слово');
  });

  test('every read hands out its own Date', () => {
    const sheet = sheetOf();
    const when = new Date(2025, 0, 15);
    sheet.getRange('A1').setValues([[when]]);
    when.setFullYear(2000);
    const first = sheet.getRange('A1').getValues()[0]![0] as Date;
    first.setFullYear(1990);
    expect(sheet.getRange('A1').getValue()).toEqual(new Date(2025, 0, 15));
    expect(sheet.getDataRange().getValues()[0]![0]).toEqual(new Date(2025, 0, 15));
  });
});
