// Points 9, 11 and 12 of «Intake you can trust», over the Sheets adapter and the local fakes: answers too long for a
// cell, two sources meeting in «Диагностика», a file's empty cell, and answers released when what they named appears.
import { submit, type NumberedSubmission } from '../../src/core/intake/service';
import { listQuarantine } from '../../src/core/intake/quarantineService';
import { answersCell } from '../../src/core/intake/quarantine';
import { importReference } from '../../src/core/reference';
import type { Submission } from '../../src/core/intake/pipeline';
import { CELL_CHAR_LIMIT } from '../../src/core/limits';
import { testWorkbook, ORGS_CSV } from '../support/workbook';

let seq = 0;
const iom = (answers: Record<string, string>, timestamp = new Date(2025, 8, 1, 10, 0, ++seq)): NumberedSubmission => ({
  row: seq,
  submission: {
    form: 'iom',
    answers: {
      'ФИО педагога': 'Петров Пётр Ильич',
      'Образовательная организация': 'ОО-1',
      Должность: 'Учитель',
      'Начало реализации ИОМ': '01.09.2025',
      'Статус ИОМ': 'Разработан',
      ...answers,
    },
    email: '',
    timestamp,
    responseId: '',
    editUrl: '',
    source: 'Тест',
    sourceKey: `t:${seq}`,
  } satisfies Submission,
});
const column = (values: unknown[][], header: string) => values.slice(1).map((r) => r[values[0]!.indexOf(header)]);

describe('an answer longer than a cell holds (point 9)', () => {
  it('is quarantined with a reason, never written to a register, and its quarantine row fits the cell', () => {
    const wb = testWorkbook();
    const long = 'а'.repeat(CELL_CHAR_LIMIT + 10_000);
    const run = submit(wb.deps, [iom({ Предмет: long })]);
    expect(run.report.iom).toMatchObject({ accepted: 0, quarantined: 1 });
    expect(run.report.iom.reasons[0]!.reason).toBe(
      'Ответ на вопрос «Предмет» длиннее 50\u202f000 символов (60\u202f000): столько не помещается в ячейку Google Таблиц. Сократите ответ.',
    );
    expect(wb.values('iom')).toHaveLength(1);
    const cell = String(column(wb.values('quarantine'), 'Ответы')[0]);
    expect(cell.length).toBeLessThanOrEqual(CELL_CHAR_LIMIT);
    const [entry] = listQuarantine(wb.deps);
    expect(entry!.answers['ФИО педагога']).toBe('Петров Пётр Ильич');
    expect(entry!.answers['Предмет']).toMatch(
      /^а+… \[обрезано: в ячейку Google Таблиц помещается не больше 50 000 символов; полный ответ — в источнике\]$/,
    );
  });

  it('the answers cell is cut only when it must be, longest answer first', () => {
    expect(answersCell({ a: 'x' })).toBe('{"a":"x"}');
    const cut = JSON.parse(answersCell({ short: 'да', long: 'я'.repeat(60_000) }));
    expect(cut.short).toBe('да');
    expect(JSON.stringify(cut).length).toBeLessThanOrEqual(CELL_CHAR_LIMIT);
  });
});

describe('sources that meet (point 11): loading the same files again changes nothing', () => {
  const DIAGNOSTICS_CSV = [
    'ФИО,Код ОО,Дата диагностики,Процедура,Уровень,Дефициты,Источник',
    'Петров Пётр Ильич,ОО-1,15.05.2025,Региональная,Повышенный,Предметные,ЦНППМ',
  ].join('\n');
  const iomWithDiagnostic = () =>
    iom(
      {
        'Дата диагностики профессиональных дефицитов': '15.05.2025',
        'Процедура диагностики': 'Региональная',
        'Уровень по результатам диагностики': 'Базовый',
      },
      new Date(2025, 8, 1, 10, 0, 0),
    );

  it('the IOM form only fills what diagnostics.csv left empty, and back; nothing flips on a second load', () => {
    const wb = testWorkbook();
    importReference(wb.deps, 'diagnostics', DIAGNOSTICS_CSV);
    submit(wb.deps, [iomWithDiagnostic()]);
    const after = wb.values('diagnostics');
    expect(column(after, 'Источник')).toEqual(['ЦНППМ']);
    expect(column(after, 'Уровень')).toEqual(['Повышенный']);
    expect(column(after, 'Дефициты')).toEqual(['Предметные']);
    const audit = wb.values('audit').length;
    importReference(wb.deps, 'diagnostics', DIAGNOSTICS_CSV);
    submit(wb.deps, [iomWithDiagnostic()]);
    expect(wb.values('diagnostics')).toEqual(after);
    expect(wb.values('audit')).toHaveLength(audit);
  });

  it('the form first, the file second: the file fills the gaps and keeps the form as the source', () => {
    const wb = testWorkbook();
    submit(wb.deps, [iomWithDiagnostic()]);
    importReference(wb.deps, 'diagnostics', DIAGNOSTICS_CSV);
    expect(column(wb.values('diagnostics'), 'Источник')).toEqual(['Форма ИОМ']);
    expect(column(wb.values('diagnostics'), 'Уровень')).toEqual(['Базовый']);
    expect(column(wb.values('diagnostics'), 'Дефициты')).toEqual(['Предметные']);
  });

  it("a file's empty cell never clears a stored value; the same file again adds no audit row", () => {
    const wb = testWorkbook();
    const withoutEmails = 'ФИО,Код ОО,Email\nИванова Ирина Петровна,ОО-1,\n';
    const report = importReference(wb.deps, 'staff', withoutEmails);
    expect(report).toMatchObject({ updated: 0, unchanged: 1 });
    expect(column(wb.values('staff'), 'Email')[0]).toBe('ivanova@klin.example');
    const audit = wb.values('audit').length;
    importReference(wb.deps, 'organizations', ORGS_CSV);
    expect(wb.values('audit')).toHaveLength(audit);
  });

  it('an older answer never replaces a newer one with the same key (SPEC §5: the later one wins)', () => {
    const wb = testWorkbook();
    const newer = iom({ 'Статус ИОМ': 'Реализуется' }, new Date(2025, 8, 2));
    const older = iom({ 'Статус ИОМ': 'Разработан' }, new Date(2025, 8, 1));
    submit(wb.deps, [newer, older]);
    expect(column(wb.values('iom'), 'Статус ИОМ')).toEqual(['Реализуется']);
  });
});

describe('answers waiting for what they named (point 12)', () => {
  it('an ОО loaded later releases the answers that waited for exactly it, with a line in the audit', () => {
    const wb = testWorkbook();
    submit(wb.deps, [iom({ 'Образовательная организация': 'МОУ «Гимназия № 2»' }), iom({ 'Образовательная организация': 'Школа № 99' })]);
    expect(listQuarantine(wb.deps).map((e) => e.status)).toEqual(['Ожидает', 'Ожидает']);
    const report = importReference(wb.deps, 'organizations', 'Код ОО,Наименование,Тип ОО\nОО-3,МОУ «Гимназия № 2»,Школа\n');
    expect(report.released).toBe(1);
    expect(listQuarantine(wb.deps).map((e) => e.status)).toEqual(['Принято', 'Ожидает']);
    expect(column(wb.values('iom'), 'Код ОО')).toEqual(['ОО-3']);
    expect(column(wb.values('audit'), 'Действие')).toContain(
      'Карантин: запись принята (автоматически: появилось ОО в листе «Организации»)',
    );
    // Loading it again releases nothing and changes nothing.
    const quarantine = wb.values('quarantine');
    expect(importReference(wb.deps, 'organizations', 'Код ОО,Наименование,Тип ОО\nОО-3,МОУ «Гимназия № 2»,Школа\n').released).toBe(0);
    expect(wb.values('quarantine')).toEqual(quarantine);
  });
});
