import { readReferenceTable } from '../../src/core/csv/reference';
import { parseCsvTable } from '../../src/core/csv/table';
import { sheetSpec } from '../../src/core/schema/sheets';

const csv = (lines: string[]) => parseCsvTable(lines.join('\r\n'));

describe('readReferenceTable', () => {
  it('converts organizations by column kind', () => {
    const t = csv([
      'Код ОО,Наименование,Муниципалитет,Тип ОО,Статусы,Численность работников (ОО-1),Email координатора',
      'КЛН-01,МОУ «Средняя школа № 1»,Городской округ Клин,школа,ШНОР; Точка роста,105,school1@klin-edu.ru',
      'КЛН-02,"МОУ «Средняя школа № 8, с. Воздвиженское»",Городской округ Клин,Школа,"Точка роста, ШНОР", 1 204 ,',
    ]);
    const { records, problems } = readReferenceTable(t, sheetSpec('organizations'));
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        code: 'КЛН-01',
        name: 'МОУ «Средняя школа № 1»',
        municipality: 'Городской округ Клин',
        type: 'Школа',
        statuses: 'ШНОР; Точка роста',
        headcount: 105,
        coordinatorEmail: 'school1@klin-edu.ru',
      },
      {
        code: 'КЛН-02',
        name: 'МОУ «Средняя школа № 8, с. Воздвиженское»',
        municipality: 'Городской округ Клин',
        type: 'Школа',
        statuses: 'ШНОР; Точка роста',
        headcount: 1204,
        coordinatorEmail: '',
      },
    ]);
  });

  it('converts staff: dates, open choice, comma-joined multi; reports problems without dropping the row', () => {
    const t = csv([
      'фио,Код ОО,Должность,Дата рождения,Дата начала педагогической деятельности,Роли,Молодой специалист,Стаж',
      'Иванова Анна Петровна,КЛН-01,Музыкальный руководитель,31.02.1985,01.09.2008,"Наставник, Метапредметник",да,17',
      'Петров Пётр Петрович,КЛН-02,учитель,05.03.1990,вчера,Методист; Эксперт,,3',
      ',КЛН-02,Учитель,,,,,',
    ]);
    const { records, problems } = readReferenceTable(t, sheetSpec('staff'));
    expect(records).toHaveLength(2);
    const [a, b] = records;
    expect(a.name).toBe('Иванова Анна Петровна');
    expect(a.position).toBe('Музыкальный руководитель');
    expect(a.birthDate).toBe('');
    expect(a.careerStart).toEqual(new Date(2008, 8, 1));
    expect(a.roles).toBe('Наставник');
    expect(a.youngSpecialist).toBe('Да');
    expect(a.subject).toBe(''); // absent column
    expect(b.position).toBe('Учитель');
    expect(b.birthDate).toEqual(new Date(1990, 2, 5));
    expect(b.careerStart).toBe('');
    expect(b.roles).toBe('Методист; Эксперт');
    expect(problems).toEqual([
      { row: 0, message: 'Неизвестные столбцы пропущены: «Стаж»' },
      { row: 2, column: 'Дата рождения', message: expect.stringContaining('«31.02.1985» в столбце «Дата рождения»') },
      { row: 2, column: 'Роли', message: expect.stringContaining('«Метапредметник» нет в списке') },
      {
        row: 3,
        column: 'Дата начала педагогической деятельности',
        message: expect.stringContaining('«вчера» в столбце «Дата начала педагогической деятельности»'),
      },
      { row: 4, message: 'Строка пропущена: не заполнено «ФИО»' },
    ]);
  });

  it('«Молодой специалист» (Да | пусто): «Нет» is the empty answer, anything else is named', () => {
    const t = csv([
      'ФИО,Код ОО,Молодой специалист',
      'Иванова Анна,КЛН-01,Нет',
      'Петров Пётр,КЛН-01, нет ',
      'Сидоров Иван,КЛН-01,Возможно',
      'Орлова Ольга,КЛН-01,Да',
    ]);
    const { records, problems } = readReferenceTable(t, sheetSpec('staff'));
    expect(records.map((r) => r.youngSpecialist)).toEqual(['', '', '', 'Да']);
    expect(problems).toEqual([{ row: 4, column: 'Молодой специалист', message: expect.stringContaining('«Возможно» нет в списке (Да)') }]);
  });

  it('validates closed choices; a bad required value skips the row', () => {
    const t = csv([
      'ФИО,Код ОО,Email,Дата диагностики,Процедура,Уровень,Дефициты,Источник',
      'Иванова Анна Петровна,КЛН-01,ivanova@mail,12.09.2024,Региональная,Средний,"Предметные, Метапредметные, функциональная грамотность",ЦНППМ',
      'Петров Пётр Петрович,КЛН-02,,12.09.2024,Всероссийская,Базовый,,',
      'Сидоров Иван Иванович,КЛН-02,s@k.ru,2024-09-12,федеральная,высокий,Управленческие; Предметные,',
    ]);
    const { records, problems } = readReferenceTable(t, sheetSpec('diagnostics'));
    expect(records.map((r) => r.personName)).toEqual(['Иванова Анна Петровна', 'Сидоров Иван Иванович']);
    expect(records[0].level).toBe('');
    expect(records[0].email).toBe('ivanova@mail');
    expect(records[0].deficits).toBe('Предметные; Метапредметные, функциональная грамотность');
    expect(records[1]).toMatchObject({ procedure: 'Федеральная', level: 'Высокий', deficits: 'Предметные; Управленческие' });
    expect(records[1].date).toEqual(new Date(2024, 8, 12));
    expect(problems.map((p) => p.row)).toEqual([2, 2, 3, 3]); // Excel's lines: the header is line 1
    expect(problems[0].message).toMatch(/Email.*не похоже/);
    expect(problems[1].message).toMatch(/«Уровень»: «Средний» нет в списке/);
    expect(problems[3].message).toBe('Строка пропущена: не заполнено «Процедура»');
  });

  it('names the line Excel shows: the header is line 1, so the first person is on line 2', () => {
    // Issue 19 p.5: «строка 3» must be the third line in Excel, not the third data row.
    const t = csv(['ФИО,Код ОО,Дата рождения', 'Иванова Анна,КЛН-01,01.02.1980', 'Петров Пётр,КЛН-01,31.02.1985', '', ',КЛН-02,']);
    const { problems } = readReferenceTable(t, sheetSpec('staff'));
    expect(problems.map((p) => p.row)).toEqual([3, 5]);
  });

  it('rejects a file without a required column', () => {
    const { records, problems } = readReferenceTable(csv(['ФИО,Должность', 'Иванов,Учитель']), sheetSpec('staff'));
    expect(records).toEqual([]);
    expect(problems).toEqual([{ row: 0, message: expect.stringMatching(/Нет обязательных столбцов: «Код ОО»/) }]);
  });

  it('rejects non-integers in an int column', () => {
    const t = csv(['Код ОО,Наименование,Тип ОО,Численность работников (ОО-1)', 'A,Школа А,Школа,12.5', 'B,Школа Б,Школа,много']);
    const { records, problems } = readReferenceTable(t, sheetSpec('organizations'));
    expect(records.map((r) => r.headcount)).toEqual(['', '']);
    expect(problems).toHaveLength(2);
    expect(problems[0].message).toMatch(/не целое число/);
  });
});
