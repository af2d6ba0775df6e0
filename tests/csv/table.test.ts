import { CsvFormatError, parseCsvTable } from '../../src/core/csv/table';
import { fixture } from './helpers';

describe('parseCsvTable', () => {
  it('reads a Google export with a BOM, CRLF and quoted checkbox answers', () => {
    const t = parseCsvTable(fixture('iom-bom.csv'));
    expect(t.headers[0]).toBe('Отметка времени');
    expect(t.headers[1]).toBe('Адрес электронной почты');
    expect(t.headers).toHaveLength(16);
    expect(t.rows).toHaveLength(3);
    expect(t.rows[0][9]).toBe('Предметные, Метапредметные, функциональная грамотность');
    expect(t.rows[1][3]).toBe('МОУ «Средняя школа № 8, с. Воздвиженское»');
    expect(t.rows[1][5]).toBe('=HYPERLINK("http://x","y")');
    expect(t.rows.every((r) => r.length === 16)).toBe(true);
  });

  it('detects the semicolon delimiter and pads short rows', () => {
    const t = parseCsvTable(fixture('participation-semicolon.csv'));
    expect(t.headers).toHaveLength(8);
    expect(t.headers[7]).toBe('Документ (удостоверение, сертификат)');
    expect(t.rows).toHaveLength(3);
    expect(t.rows[1][2]).toBe('Курсы «ФГОС; практика» (20.01.2025)');
    expect(t.rows[2]).toEqual([
      '26.01.2025 10:00:00',
      'x@y.ru',
      'Семинар «Современный урок» (24.01.2025)',
      'Короткая строка',
      '',
      '',
      '',
      '',
    ]);
  });

  it('keeps line breaks and doubled quotes inside quoted fields', () => {
    const t = parseCsvTable(fixture('events-multiline.csv'));
    expect(t.headers[8]).toBe('Направление, проект');
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0][1]).toBe('Семинар "Читательская грамотность"');
    // Line breaks inside a cell are LF, as Sheets keeps them (Ctrl+Enter), whatever the file used.
    expect(t.rows[0][8]).toBe('Функциональная грамотность;\nвторая строка, с запятой\nтретья строка');
    expect(t.rows[1][1]).toBe('Форум молодых педагогов «Первые шаги»');
  });

  it('trims header cells', () => {
    const t = parseCsvTable(' ФИО , Код ОО \nИванов Иван Иванович,КЛН-01\n');
    expect(t.headers).toEqual(['ФИО', 'Код ОО']);
    expect(t.rows).toEqual([['Иванов Иван Иванович', 'КЛН-01']]);
  });

  it('prefers the delimiter that splits the header into more fields', () => {
    expect(parseCsvTable('a;b;c\n1;2,5;3').rows[0]).toEqual(['1', '2,5', '3']);
    expect(parseCsvTable('a,b,c\n1,"2;5",3').rows[0]).toEqual(['1', '2;5', '3']);
    expect(parseCsvTable('"a,x";b;c\n1;2;3').headers).toEqual(['a,x', 'b', 'c']);
  });

  it('accepts a one-column file and LF or CR line ends', () => {
    expect(parseCsvTable('ФИО\nИванов\nПетров\n').rows).toEqual([['Иванов'], ['Петров']]);
    expect(parseCsvTable('a,b\r1,2\r3,4').rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reads a header-only file as a table without rows', () => {
    expect(parseCsvTable('a,b\r\n')).toEqual({ headers: ['a', 'b'], rows: [], lines: [] });
  });

  // Issue 19 p.5: «строка N» is the line Excel shows — the header is line 1, a blank line is a line, a quoted
  // multi-line answer is one line.
  it('numbers each row by the line Excel shows it on', () => {
    const t = parseCsvTable('\r\nФИО,Код ОО\r\nИванов,КЛН-01\r\n\r\n"Петров\nПётр",КЛН-02\r\nСидоров,КЛН-03\r\n');
    expect(t.rows.map((r) => r[0])).toEqual(['Иванов', 'Петров\nПётр', 'Сидоров']);
    expect(t.lines).toEqual([3, 5, 6]); // line 1 blank, 2 the header, 4 blank
    expect(() => parseCsvTable('a,b\n1,2\n"3,4')).toThrow('кавычка не закрыта (строка 3)');
  });

  it.each([
    ['empty.csv', /пустой/],
    ['blank-lines.csv', /пустой/],
    ['binary.csv', /двоичный/],
    ['tab-separated.csv', /табуляц/],
  ])('rejects %s', (name, message) => {
    expect(() => parseCsvTable(fixture(name))).toThrow(CsvFormatError);
    expect(() => parseCsvTable(fixture(name))).toThrow(message);
  });

  it('rejects markup and an unclosed quote', () => {
    expect(() => parseCsvTable('<!DOCTYPE html><html><body>Вход в аккаунт</body></html>')).toThrow(CsvFormatError);
    expect(() => parseCsvTable('{"a": 1}')).toThrow(CsvFormatError);
    expect(() => parseCsvTable('a,b\n"1,2\n3,4')).toThrow(/кавычка/);
  });

  it('CsvFormatError is an Error with a Russian message', () => {
    try {
      parseCsvTable('');
      throw new Error('no throw');
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect(e).toBeInstanceOf(CsvFormatError);
      expect((e as Error).message).toMatch(/^Файл не похож на CSV/);
    }
  });
});

describe('line endings (point 4 of «Intake you can trust»)', () => {
  const rows = ['a,b', '1,2', '3,"x\r\ny"', '5,6'];
  test.each([
    ['CRLF header, LF rows', `${rows[0]}\r\n${rows[1]}\n${rows[2]}\n${rows[3]}\n`],
    ['LF header, CRLF rows', `${rows[0]}\n${rows[1]}\r\n${rows[2]}\r\n${rows[3]}`],
    ['CR only (old Mac Excel)', `${rows[0]}\r${rows[1]}\r${rows[2]}\r${rows[3]}\r`],
    ['all three mixed', `${rows[0]}\r${rows[1]}\r\n${rows[2]}\n${rows[3]}\r\n`],
  ])('%s: every row parses', (_, text) => {
    const table = parseCsvTable(text);
    expect(table.headers).toEqual(['a', 'b']);
    expect(table.rows.map((r) => r[0])).toEqual(['1', '3', '5']);
    // A line break inside a quoted cell survives (as a plain line feed).
    expect(table.rows[1]![1]).toBe('x\ny');
  });
});
