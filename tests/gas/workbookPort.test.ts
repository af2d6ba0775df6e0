// How the Sheets port writes what changed (issue «Intake at Google scale», point 3): scattered updates of the add-on's
// own sheets are one write, a hand-kept sheet's untouched rows are never rewritten (its formulas survive).
import { Workbook } from '../../src/core/workbook';
import { SheetsWorkbookPort, updateSpans } from '../../src/gas/workbookPort';
import { SHEETS } from '../../src/core/schema/sheets';
import { testWorkbook } from '../support/workbook';

const setValuesCalls = (wb: ReturnType<typeof testWorkbook>) => wb.runtime.calls.counts['Range.setValues'] ?? 0;

function seedEvents(wb: ReturnType<typeof testWorkbook>, n: number): void {
  const sheet = wb.spreadsheet.getSheetByName(SHEETS.events.name)!;
  const width = SHEETS.events.columns.length;
  sheet.insertRowsAfter(sheet.getMaxRows(), n);
  sheet
    .getRange(2, 1, n, width)
    .setValues(
      Array.from({ length: n }, (_, i) =>
        SHEETS.events.columns.map((c) => (c.key === 'title' ? `Семинар ${i}` : c.key === 'status' ? 'Проведено' : '')),
      ),
    );
}

test('spans: rows close enough share one write, far apart ones do not', () => {
  const rows = Array.from({ length: 100 }, (_, i) => [i]);
  expect(updateSpans([{ index: 3 }, { index: 5 }, { index: 60 }], rows, 10)).toEqual([
    { start: 3, rows: [[3], [4], [5]] },
    { start: 60, rows: [[60]] },
  ]);
  expect(updateSpans([{ index: 3 }, { index: 5 }], rows, 0)).toEqual([
    { start: 3, rows: [[3]] },
    { start: 5, rows: [[5]] },
  ]);
});

test('1,000 scattered updates of a register (and appends after them) are one write, and every row reads back right', () => {
  const wb = testWorkbook();
  seedEvents(wb, 5_000);
  const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
  const events = workbook.table('events');
  for (let i = 0; i < 5_000; i += 5) events.update(i, { status: 'Перенесено' });
  events.append({ title: 'Новый семинар', status: 'Проведено' });
  wb.runtime.calls.reset();
  workbook.flush();
  expect(setValuesCalls(wb)).toBe(1);
  const status = wb
    .values('events')
    .slice(1)
    .map((r) => r[SHEETS.events.columns.findIndex((c) => c.key === 'status')]);
  expect(status.filter((s) => s === 'Перенесено')).toHaveLength(1_000);
  expect(status[1]).toBe('Проведено');
  expect(status.at(-1)).toBe('Проведено');
});

test('a hand-kept sheet: only the changed rows are written, a formula in an untouched row survives', () => {
  const wb = testWorkbook();
  const orgs = wb.spreadsheet.getSheetByName(SHEETS.organizations.name)!;
  const headcount = SHEETS.organizations.columns.findIndex((c) => c.key === 'headcount') + 1;
  orgs.getRange(3, headcount).setFormula('=10+20');
  const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
  const table = workbook.table('organizations');
  table.update(0, { municipality: 'Клин (г. о.)' });
  table.update(2, { municipality: 'Клин (г. о.)' });
  wb.runtime.calls.reset();
  workbook.flush();
  expect(setValuesCalls(wb)).toBe(2);
  expect(orgs.getRange(3, headcount).getFormula()).toBe('=10+20');
});

test('a row appended and then updated in the same batch is written once, with its last values', () => {
  const wb = testWorkbook();
  seedEvents(wb, 3);
  const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
  const events = workbook.table('events');
  const added = events.append({ title: 'Новый семинар', status: 'Запланировано' });
  events.update(added, { status: 'Проведено' });
  events.update(0, { status: 'Отменено' });
  workbook.flush();
  const status = wb
    .values('events')
    .slice(1)
    .map((r) => r[SHEETS.events.columns.findIndex((c) => c.key === 'status')]);
  expect(status).toEqual(['Отменено', 'Проведено', 'Проведено', 'Проведено']);
});

describe('look-ups read their key columns only (point 4)', () => {
  const staffColumns = SHEETS.staff.columns.map((c) => c.header);
  const readShapes = (wb: ReturnType<typeof testWorkbook>, run: () => void) => {
    const shapes: string[] = [];
    wb.runtime.calls.reset();
    wb.runtime.calls.bySheet = true;
    run();
    wb.runtime.calls.bySheet = false;
    for (const [k, n] of Object.entries(wb.runtime.calls.perSheet))
      if (k.startsWith('Range.getValues@')) shapes.push(`${k.slice(16)} ×${n}`);
    return shapes;
  };

  test('«Педагоги» for matching: the header and the span ФИО…Email, not the whole roster', () => {
    const wb = testWorkbook();
    const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
    let table!: ReturnType<Workbook['table']>;
    expect(readShapes(wb, () => (table = workbook.lookup('staff', ['name', 'orgCode', 'email'])))).toEqual([`${SHEETS.staff.name} ×2`]);
    expect(table.partial).toBe(true);
    expect(table.text(0, 'name')).toBe('Иванова Ирина Петровна');
    expect(table.text(0, 'email')).toBe('ivanova@klin.example');
    // Columns right of the last key column were not read.
    expect(table.text(0, 'roles')).toBe('');
    expect(staffColumns.indexOf('Email')).toBeLessThan(staffColumns.indexOf('Роли'));
    expect(() => table.update(0, { roles: 'Эксперт' })).toThrow('прочитан частично');
  });

  test('a part that was only looked up is read whole when needed; one that was appended to cannot be', () => {
    const wb = testWorkbook();
    const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
    workbook.lookup('staff', ['name', 'orgCode', 'email']);
    expect(workbook.table('staff').text(0, 'roles')).toBe('Наставник');
    const other = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
    other.lookup('staff', ['name', 'orgCode', 'email']).append({ name: 'Новая Нина', orgCode: 'ОО-1' });
    expect(() => other.table('staff')).toThrow('уже дополнен');
  });

  test('a person added to a roster read in part lands below the last row, the others untouched', () => {
    const wb = testWorkbook();
    const before = wb.values('staff');
    const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
    workbook
      .lookup('staff', ['name', 'orgCode', 'email'])
      .append({ name: 'Новая Нина', orgCode: 'ОО-1', roles: 'Эксперт', source: 'Добавлен из формы' });
    workbook.flush();
    const after = wb.values('staff');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toEqual(expect.arrayContaining(['Новая Нина', 'ОО-1', 'Эксперт', 'Добавлен из формы']));
  });
});

describe('the recompute reads the columns it counts, read-only (issue «Size and speed»)', () => {
  const staffColumns = SHEETS.staff.columns.map((c) => c.header);
  const getValuesCalls = (wb: ReturnType<typeof testWorkbook>) => wb.runtime.calls.counts['Range.getValues'] ?? 0;

  test('«Педагоги» for the engine: the header and the span ФИО…«Молодой специалист», the column right of it unread', () => {
    const wb = testWorkbook();
    const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
    wb.runtime.calls.reset();
    const table = workbook.columns('staff', ['name', 'roles', 'youngSpecialist']);
    expect(getValuesCalls(wb)).toBe(1); // the header comes with the span, in one call as a whole read
    const last = staffColumns.indexOf(SHEETS.staff.columns.find((c) => c.key === 'youngSpecialist')!.header);
    expect(last).toBeLessThan(staffColumns.length - 1);
    expect(table.header).toEqual(staffColumns.slice(0, last + 1));
    expect(table.text(0, 'name')).toBe('Иванова Ирина Петровна');
    expect(table.text(0, 'roles')).toBe('Наставник');
    // Asking for a column it was not read for is the caller's mistake, never a silent ''.
    expect(() => table.text(0, 'source')).toThrow(/^Внутренняя ошибка «Маршрута»: столбец «[^»]+» листа «[^»]+» не прочитан/);
    expect(() => table.update(0, { roles: 'Эксперт' })).toThrow('прочитан частично');
    expect(() => table.append({ name: 'Новая Нина', orgCode: 'ОО-1' })).toThrow('прочитан частично');
    // Needed whole later in the same snapshot: read whole.
    const source = wb.values('staff')[1]![staffColumns.length - 1];
    expect(source).not.toBe('');
    expect(workbook.table('staff').text(0, 'source')).toBe(source);
  });

  test('columns a methodist moved are found where they are: moved within the span, or the sheet read whole', () => {
    const wb = testWorkbook();
    const sheet = wb.spreadsheet.getSheetByName(SHEETS.staff.name)!;
    const values = sheet.getDataRange().getValues();
    const width = values[0]!.length;
    const [name, roles] = [staffColumns.indexOf('ФИО'), staffColumns.indexOf('Роли')];
    const swap = (row: unknown[], a: number, b: number) => row.map((v, i) => (i === a ? row[b] : i === b ? row[a] : v));
    // «Роли» and the column before it change places: still inside the span ФИО…Роли.
    sheet.getRange(1, 1, values.length, width).setValues(values.map((row) => swap(row, roles, roles - 1)));
    let table = new Workbook(new SheetsWorkbookPort(wb.spreadsheet)).columns('staff', ['name', 'roles']);
    expect(table.header).toEqual(swap(staffColumns, roles, roles - 1).slice(name, roles + 1));
    expect([table.text(0, 'name'), table.text(0, 'roles')]).toEqual(['Иванова Ирина Петровна', 'Наставник']);
    // «Роли» moved to the last column, out of that span: the whole sheet is read.
    sheet.getRange(1, 1, values.length, width).setValues(values.map((row) => swap(row, roles, width - 1)));
    table = new Workbook(new SheetsWorkbookPort(wb.spreadsheet)).columns('staff', ['name', 'roles']);
    expect(table.header).toEqual(swap(staffColumns, roles, width - 1));
    expect([table.text(0, 'name'), table.text(0, 'roles')]).toEqual(['Иванова Ирина Петровна', 'Наставник']);
  });

  test('a roster narrower than set-up made it (columns deleted) is read whole', () => {
    const wb = testWorkbook();
    const sheet = wb.spreadsheet.getSheetByName(SHEETS.staff.name)!;
    sheet.deleteColumns(2, sheet.getMaxColumns() - 2);
    const table = new Workbook(new SheetsWorkbookPort(wb.spreadsheet)).columns('staff', ['name', 'roles']);
    expect(table.text(0, 'name')).toBe('Иванова Ирина Петровна');
    expect(table.text(0, 'roles')).toBe(''); // the column is gone
  });

  test('a register looked up in part (the intake) is read whole for the engine, not taken as it is', () => {
    const wb = testWorkbook();
    const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
    workbook.lookup('staff', ['name', 'orgCode', 'email']);
    expect(workbook.columns('staff', ['name', 'roles']).text(0, 'roles')).toBe('Наставник');
  });
});

test("a commit asks each appended sheet's grid once, and the next commits of the snapshot not at all", () => {
  const wb = testWorkbook();
  seedEvents(wb, 10);
  const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
  const events = workbook.table('events');
  const grid = () => (wb.runtime.calls.counts['Sheet.getMaxRows'] ?? 0) + (wb.runtime.calls.counts['Sheet.getMaxColumns'] ?? 0);
  wb.runtime.calls.reset();
  events.append({ title: 'Первый', status: 'Проведено' });
  workbook.commit(); // the cell check and the write share one look at the grid
  expect(grid()).toBe(2);
  wb.runtime.calls.reset();
  for (let batch = 0; batch < 3; batch++) {
    events.append({ title: `Следующий ${batch}`, status: 'Проведено' });
    workbook.commit();
  }
  expect(grid()).toBe(0);
  const titles = wb
    .values('events')
    .slice(1)
    .map((r) => r[SHEETS.events.columns.findIndex((c) => c.key === 'title')]);
  expect(titles.slice(-4)).toEqual(['Первый', 'Следующий 0', 'Следующий 1', 'Следующий 2']);
});

test('appends past the grid grow it; the next commit appends inside that growth with no other insert', () => {
  const wb = testWorkbook();
  const sheet = wb.spreadsheet.getSheetByName(SHEETS.events.name)!;
  const workbook = new Workbook(new SheetsWorkbookPort(wb.spreadsheet));
  const events = workbook.table('events');
  const before = sheet.getMaxRows();
  for (let i = 0; i < before + 5; i++) events.append({ title: `Семинар ${i}`, status: 'Проведено' });
  workbook.commit();
  const grown = sheet.getMaxRows();
  expect(grown).toBeGreaterThan(before + 5);
  // Room is left after the growth: the next commit appends inside it without another insert.
  wb.runtime.calls.reset();
  events.append({ title: 'Ещё один', status: 'Проведено' });
  workbook.commit();
  expect(wb.runtime.calls.counts['Sheet.insertRowsAfter'] ?? 0).toBe(0);
  expect(sheet.getMaxRows()).toBe(grown);
  expect(sheet.getLastRow()).toBe(before + 7);
});
