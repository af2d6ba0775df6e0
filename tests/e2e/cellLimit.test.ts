// Google's 10 million cells, said before they are hit (issue 17 point 1): a drain or an import whose rows would grow
// the workbook past the limit is refused before any cell is written, in Russian, with the numbers and the way out;
// the answers stay queued and the banner and «Настройки» say the intake is stopped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMS } from '../../src/core/schema/forms';
import { cellsPerAnswer } from '../../src/core/intake/cellEstimate';
import { KPI_FILES, writeKpiFolder } from '../support/kpiFixture';
import { aTickLater, CLI, openReferenceWorkbook, rowsOf, sheetOf, STAFF_CSV } from '../support/e2eBuild';

const LIMIT = 10_000_000;
const cellsOf = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) =>
  ss.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
const gridOf = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) =>
  ss.getSheets().map((s) => [s.getName(), s.getMaxRows(), s.getMaxColumns(), s.getLastRow()]);

/** Fills the workbook with a sheet of its own up to `room` cells short of the limit. */
function fill(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, room: number): void {
  const free = LIMIT - room - cellsOf(ss);
  const filler = ss.insertSheet('Заполнитель');
  filler.deleteColumns(2, filler.getMaxColumns() - 1);
  filler.insertRowsAfter(filler.getMaxRows(), free - filler.getMaxRows());
  expect(cellsOf(ss)).toBe(LIMIT - room);
}

describe('the cell limit, said before it is hit', () => {
  test('an import that would pass 10 million cells is refused whole: «Педагоги» is as it was, the message has the numbers', () => {
    const wb = openReferenceWorkbook();
    const before = rowsOf(wb, 'staff');
    const header = STAFF_CSV.split('\n')[0];
    const row = STAFF_CSV.split('\n')[1]!;
    const many = [header, ...Array.from({ length: 3000 }, (_, i) => row.replace(/^[^,;]*/, (m) => `${m}${i}`))].join('\n');
    fill(wb.spreadsheet, 1000);
    const grid = gridOf(wb.spreadsheet);
    let message = '';
    try {
      wb.rpc('rpcImportReference', { sheet: 'staff', csvText: many });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(
      /Запись остановлена: в книге 9\u202f999\u202f000 ячеек, запись добавила бы ещё [\d\u202f]+, а Google Таблицы допускают не больше 10\u202f000\u202f000\. Ничего не записано/,
    );
    expect(message).toContain('Перенести журнал изменений в архив');
    expect(message).toContain('Перенести обработанные ответы в архив');
    expect(gridOf(wb.spreadsheet)).toEqual(grid);
    expect(rowsOf(wb, 'staff')).toEqual(before);
  });

  test('a drain that would pass it writes nothing, keeps the answers queued, and the banner and «Настройки» say why', () => {
    const wb = openReferenceWorkbook();
    wb.menu('menuCreateForms');
    const rt = wb.runtime;
    const form = rt.forms.all().find((f) => f.getTitle() === FORMS.events.title)!;
    const events = sheetOf(wb, 'Мероприятия');
    const answers = events.getMaxRows() + 1; // one more than the register's grid holds: it must grow
    fill(wb.spreadsheet, 2000);
    for (let i = 0; i < answers; i++) {
      rt.forms.submit(form, {
        timestamp: new Date(2025, 8, 1, 10, i),
        answers: {
          'Название мероприятия': `Семинар ${i}`,
          'Вид мероприятия': 'Семинар',
          Уровень: 'Муниципальный',
          'Дата начала': new Date(2025, 8, 15),
          Организатор: 'МУ «Учебно-методический центр»',
        },
      });
    }
    const grid = gridOf(wb.spreadsheet).filter(([name]) => !String(name).startsWith('Ответы'));
    aTickLater(wb);
    expect(gridOf(wb.spreadsheet).filter(([name]) => !String(name).startsWith('Ответы'))).toEqual(grid);
    expect(rowsOf(wb, 'events')).toEqual([]);
    const health = wb.rpc<{ warn: boolean; message: string }>('rpcWorkbookHealth');
    expect(health.warn).toBe(true);
    expect(health.message).toMatch(/^Приём ответов остановлен\. Запись остановлена: в книге [\d\u202f]+ ячеек/);
    expect(String(rowsOf(wb, 'settings').find((r) => r['Параметр'] === 'Ячеек в книге')?.['Значение'])).toContain(
      'Приём ответов остановлен',
    );
    // Room given back: the next scheduled drain (every 10 minutes) takes every queued answer in.
    wb.spreadsheet.deleteSheet(wb.spreadsheet.getSheetByName('Заполнитель')!);
    rt.triggers.fireTimeTriggers(new Date(rt.now().getTime() + 11 * 60_000));
    expect(rowsOf(wb, 'events')).toHaveLength(answers);
    expect(wb.rpc<{ message: string | null }>('rpcWorkbookHealth').message ?? '').not.toContain('остановлен');
  });

  test('`marshrut run` with more answers than 10 million cells hold exits 1 with the message, before writing anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marshrut-cells-'));
    const data = writeKpiFolder(join(dir, 'data'));
    // participation: cellsPerAnswer rows' worth of answers past the limit (the response, register and audit rows).
    const [header, row] = KPI_FILES['participation.csv']!.split(/\r?\n/);
    const count = Math.ceil(10_000_000 / cellsPerAnswer('participation'));
    writeFileSync(join(data, 'participation.csv'), `\ufeff${header}\n${`${row}\n`.repeat(count)}`);
    const out = join(dir, 'out');
    const result = spawnSync(process.execPath, [CLI, 'run', '--data', data, '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^Ошибка: Запись остановлена: в книге [\d\u202f]+ ячеек, запись добавила бы ещё [\d\u202f]+, а Google Таблицы допускают не больше 10\u202f000\u202f000\./,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
    expect(existsSync(join(out, 'workbook.xlsx'))).toBe(false);
  }, 150_000);

  test('a response sheet is as wide as its header: no empty column costs a cell per answer (issue 17 point 2)', () => {
    const wb = openReferenceWorkbook();
    wb.menu('menuCreateForms');
    for (const spec of Object.values(FORMS)) {
      const sheet = sheetOf(wb, `Ответы — ${spec.title}`);
      expect(sheet.getMaxColumns()).toBe(1 + (spec.collectsEmail ? 1 : 0) + spec.questions.length);
    }
  });
});
