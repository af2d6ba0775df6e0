// In-process tests of the core over the real Apps Script adapters and the local fakes (no bundle): fast enough
// for property tests, and the same SheetsWorkbookPort that runs in Google.
import { createLocalRuntime, type LocalRuntime } from '../../src/local/runtime';
import { setupWorkbook } from '../../src/gas/setupWorkbook';
import { SheetsWorkbookPort } from '../../src/gas/workbookPort';
import type { IntakeDeps } from '../../src/core/intake/service';
import { importReference } from '../../src/core/reference';
import { SHEETS, type SheetId } from '../../src/core/schema/sheets';
import { isNoticeRow } from '../../src/core/setup';

/** Values without set-up's «still empty» notice (the first data row of a sheet nobody wrote to yet). */
export const withoutNotice = (values: unknown[][]): unknown[][] =>
  values.length > 1 && isNoticeRow(values[1]!) ? [values[0]!, ...values.slice(2)] : values;

export interface TestWorkbook {
  runtime: LocalRuntime;
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  deps: IntakeDeps;
  values(id: SheetId): unknown[][];
  formulas(): string[];
}

export const ORGS_CSV = [
  'Код ОО,Наименование,Муниципалитет,Тип ОО,Статусы,Численность работников (ОО-1),Email координатора',
  'ОО-1,МОУ «Средняя школа № 1»,Клин,Школа,ШНОР,60,s1@klin.example',
  'ОО-2,МДОУ «Детский сад «Ромашка»»,Клин,Детский сад,,30,',
  'МС,МУ «Учебно-методический центр»,Клин,Методическая служба,,8,',
].join('\n');

export const STAFF_CSV = [
  'ФИО,Код ОО,Должность,Предмет,Дата рождения,Дата начала педагогической деятельности,Квалификационная категория,Email,Роли,Методическое объединение,Молодой специалист,Источник',
  'Иванова Ирина Петровна,ОО-1,Учитель,Математика,01.02.1980,01.09.2003,Высшая,ivanova@klin.example,Наставник,ШМО математики,,Реестр',
  'Петров Пётр Ильич,ОО-1,Учитель,Физика,05.05.1999,01.09.2023,,,,,Да,Реестр',
  'Сидорова Анна Олеговна,ОО-2,Воспитатель,,10.10.1990,01.09.2012,Первая,,,,,Реестр',
  'Орлова Мария Андреевна,МС,Методист,,03.03.1975,01.09.1998,,orlova@klin.example,Методист,,,Реестр',
].join('\n');

export function testWorkbook(now = () => new Date(2025, 9, 1, 12)): TestWorkbook {
  const runtime = createLocalRuntime({ now, activeUserEmail: 'metodist@klin.example' });
  Object.assign(globalThis, runtime.globals);
  const spreadsheet = runtime.spreadsheets.create('Тест');
  runtime.spreadsheets.setActive(spreadsheet);
  setupWorkbook(spreadsheet);
  const deps: IntakeDeps = {
    workbook: new SheetsWorkbookPort(spreadsheet),
    lock: { withLock: (fn) => fn(), tryWithLock: (fn) => fn() },
    clock: { now },
    actor: 'metodist@klin.example',
  };
  importReference(deps, 'organizations', ORGS_CSV);
  importReference(deps, 'staff', STAFF_CSV);
  return {
    runtime,
    spreadsheet,
    deps,
    values: (id) => withoutNotice(spreadsheet.getSheetByName(SHEETS[id].name)!.getDataRange().getValues()),
    formulas: () =>
      spreadsheet
        .getSheets()
        .flatMap((s) => s.getDataRange().getFormulas().flat())
        .filter(Boolean),
  };
}
