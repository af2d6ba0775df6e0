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
  sheet.getRange(2, 1, n, width).setValues(Array.from({ length: n }, (_, i) => SHEETS.events.columns.map((c) => (c.key === 'title' ? `Семинар ${i}` : c.key === 'status' ? 'Проведено' : ''))));
}

test('spans: rows close enough share one write, far apart ones do not', () => {
  const rows = Array.from({ length: 100 }, (_, i) => [i]);
  expect(updateSpans([{ index: 3 }, { index: 5 }, { index: 60 }], rows, 10)).toEqual([
    { start: 3, rows: [[3], [4], [5]] },
    { start: 60, rows: [[60]] },
  ]);
  expect(updateSpans([{ index: 3 }, { index: 5 }], rows, 0)).toEqual([{ start: 3, rows: [[3]] }, { start: 5, rows: [[5]] }]);
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
  const status = wb.values('events').slice(1).map((r) => r[SHEETS.events.columns.findIndex((c) => c.key === 'status')]);
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
  const status = wb.values('events').slice(1).map((r) => r[SHEETS.events.columns.findIndex((c) => c.key === 'status')]);
  expect(status).toEqual(['Отменено', 'Проведено', 'Проведено', 'Проведено']);
});
