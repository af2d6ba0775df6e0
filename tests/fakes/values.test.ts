// The local spreadsheet reads a written string as Google Sheets does in the ru_RU locale, so a product that forgets
// the quote prefix sees its text turn into a number, a date or a formula here exactly as it would in Google.
import { createLocalRuntime } from '../../src/local/runtime';

const NOW = new Date(2025, 2, 10, 12, 0, 0);

function cell(input: unknown, format?: string) {
  const rt = createLocalRuntime({ now: () => NOW });
  const sheet = rt.spreadsheets.create('Тест').getSheets()[0]!;
  const range = sheet.getRange('A1');
  if (format) range.setNumberFormat(format);
  range.setValue(input);
  return { value: range.getValue(), formula: range.getFormula(), format: range.getNumberFormat(), shown: range.getDisplayValue() };
}
/** A wall-clock time in Moscow (UTC+3 all year since 2014), whatever the zone of the test process. */
const day = (y: number, m: number, d: number, h = 0, mi = 0) => new Date(Date.UTC(y, m - 1, d, h - 3, mi));

describe('a typed string in a ru_RU spreadsheet', () => {
  test.each([
    ['1,5', 1.5],
    ['-5', -5],
    ['+5', 5],
    ['007', 7],
    ['1 000', 1000],
    ['22 34', 2234],
    ['1e3', 1000],
    ['5E-3', 0.005],
    ['1,5e3', 1500],
    [' 42 ', 42],
  ])('«%s» becomes the number %p', (input, expected) => {
    expect(cell(input).value).toBe(expected);
  });

  test('«1e400» does not survive as text: Sheets cannot hold it (#NUM!)', () => {
    expect(cell('1e400').value).toBe('#NUM!');
  });

  test.each([
    ['01.02.2024', day(2024, 2, 1)],
    ['1.2.24', day(2024, 2, 1)],
    ['1.5', day(2025, 5, 1)], // a decimal point is a date separator in ru_RU: 1 May of this year
    ['02.2024', day(2024, 2, 1)],
    ['2024-02-01', day(2024, 2, 1)],
    ['1/2/2024', day(2024, 2, 1)],
    ['1 февраля 2024', day(2024, 2, 1)],
    ['2 мая 2024 г.', day(2024, 5, 2)],
    ['Feb 1, 2024', day(2024, 2, 1)],
    ['01.02.2024 12:30', day(2024, 2, 1, 12, 30)],
    ['2024-02-01T08:05:00', day(2024, 2, 1, 8, 5)],
  ])('«%s» becomes a date', (input, expected) => {
    const c = cell(input);
    expect(c.value).toBeInstanceOf(Date);
    expect((c.value as Date).getTime()).toBe(expected.getTime());
  });

  test.each(['1.13', '3.14', '32.01.2024', '1 мешок', 'ИОМ 2024', '2024 год', '1.5.2024 утром', '=', '-', '+', '@'])(
    '«%s» stays text',
    (input) => {
      expect(cell(input)).toMatchObject({ value: input, formula: '' });
    },
  );

  test('a time is a Date on 30.12.1899 shown as the time; past 24 hours a duration', () => {
    const t = cell('12:30');
    expect(t.value).toBeInstanceOf(Date);
    expect(t.shown).toBe('12:30:00');
    expect(new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short' }).format(t.value as Date)).toBe('30.12.1899');
    expect(cell('9:05 PM').shown).toBe('21:05:00');
    expect(cell('25:00').format).toBe('[h]:mm:ss');
  });

  test('a percent is a fraction with a percent format', () => {
    expect(cell('50%')).toMatchObject({ value: 0.5, format: '0%', shown: '50%' });
    expect(cell('12,5 %')).toMatchObject({ value: 0.125, format: '0.00%', shown: '12,50%' });
  });

  test.each([
    ['TRUE', true],
    ['истина', true],
    ['ЛОЖЬ', false],
    ['false', false],
  ])('«%s» becomes a boolean', (input, expected) => {
    expect(cell(input).value).toBe(expected);
  });

  test.each([
    ['100 ₽', 100],
    ['1 500,50 руб.', 1500.5],
    ['$5', 5],
  ])('a currency «%s» becomes a number', (input, expected) => {
    expect(cell(input).value).toBe(expected);
  });

  test.each([
    ['=1+1', '=1+1'],
    ['+7 (999) 123-45-67', '=+7 (999) 123-45-67'],
    ['-Иванова', '=-Иванова'],
    ['@metodist', '=@metodist'],
  ])('«%s» becomes the formula %s', (input, formula) => {
    expect(cell(input)).toMatchObject({ value: '', formula });
  });

  test('the quote prefix keeps any of these as text, without the apostrophe', () => {
    for (const text of ['1e3', '01.02.2024', '=1+1', '+7 (999)', 'TRUE', '50%', '12:30', "'"]) {
      expect(cell(`'${text}`)).toMatchObject({ value: text, formula: '' });
    }
  });

  test('a cell formatted as plain text («@») keeps what is written exactly, apostrophe included', () => {
    for (const text of ['1e3', '01.02.2024', '=1+1', 'TRUE', "'007"]) expect(cell(text, '@')).toMatchObject({ value: text, formula: '' });
  });

  test('a cell with its own format keeps it when a date is typed', () => {
    expect(cell('01.02.2024', 'dd.mm.yyyy').format).toBe('dd.mm.yyyy');
    expect(cell('01.02.2024').format).toBe('dd.MM.yyyy');
  });

  test('non-finite numbers never reach a cell', () => {
    expect(cell(Infinity).value).toBe('#NUM!');
    expect(cell(Number.NaN).value).toBe('#NUM!');
  });
});

describe('50,000 characters per cell', () => {
  const TOO_LONG = 'Your input contains more than the maximum of 50000 characters in a single cell.';

  test('setValue, setValues and appendRow refuse a longer string with Google’s message, and write nothing', () => {
    const rt = createLocalRuntime({ now: () => NOW });
    const sheet = rt.spreadsheets.create('Тест').getSheets()[0]!;
    const long = 'я'.repeat(50_001);
    expect(() => sheet.getRange('A1').setValue(long)).toThrow(TOO_LONG);
    expect(() => sheet.getRange('A1:B1').setValues([['первая', long]])).toThrow(TOO_LONG);
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(() => sheet.appendRow(['первая', long])).toThrow(TOO_LONG);
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('A1').setValue('я'.repeat(50_000));
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50_000);
  });
});
