// The workbook's first hour and Google's limits through build/Code.js: set-up leaves no empty «Лист1», trims each
// sheet to its schema, says on every still empty sheet that it is empty (and the first write replaces that); the
// cells used against 10 million are in «Настройки» and in the sidebars' banner; «Журнал изменений» moves to an
// archive spreadsheet with nothing lost; a second methodist's «Создать формы» installs no second set of triggers.
import { FORMS } from '../../src/core/schema/forms';
import { SHEETS, SHEET_IDS } from '../../src/core/schema/sheets';
import { NOTICE_MARK } from '../../src/core/setup';
import { aTickLater, openBuiltWorkbook, ORGS_CSV, plain, rowsOf, sheetOf, valuesOf } from '../support/e2eBuild';

type Health = { cells: number; limit: number; percent: number; warn: boolean; measuredAt: string; message: string | null };
const cellsOf = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) =>
  ss.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
const setting = (wb: ReturnType<typeof openBuiltWorkbook>, key: string) =>
  String(rowsOf(wb, 'settings').find((r) => r['Параметр'] === key)?.['Значение'] ?? '');

describe('the first hour: «Настроить книгу» on a new spreadsheet', () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');

  test('the empty «Лист1» a new spreadsheet starts with is gone', () => {
    expect(wb.spreadsheet.getSheets().map((s) => s.getName())).toEqual(SHEET_IDS.map((id) => SHEETS[id].name));
  });

  test.each(SHEET_IDS.map((id) => [SHEETS[id].name, SHEETS[id].columns.length] as const))(
    '«%s» is exactly as wide as its schema (%i columns)',
    (name, width) => {
      expect(sheetOf(wb, name).getMaxColumns()).toBe(width);
    },
  );

  test('«Настройки → Ячеек в книге» holds the cells counted against 10 million', () => {
    const cells = cellsOf(wb.spreadsheet);
    expect(cells).toBeLessThan(SHEET_IDS.length * 1000 * 26 * 0.9);
    expect(setting(wb, 'Ячеек в книге')).toBe(
      `${String(cells).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')} из 10\u202f000\u202f000 (${String(Math.round(cells / 10_000) / 10).replace('.', ',')} %), на 01.10.2025 12:00:00`,
    );
    expect(wb.rpc<Health>('rpcWorkbookHealth')).toMatchObject({ cells, limit: 10_000_000, warn: false, message: null });
  });

  test.each(SHEET_IDS.filter((id) => id !== 'settings').map((id) => SHEETS[id].name))(
    '«%s» says in its first row, in grey italics, that it is still empty — and the add-on reads no record there',
    (name) => {
      const a2 = sheetOf(wb, name).getRange(2, 1);
      expect(String(a2.getValue())).toMatch(new RegExp(`^${NOTICE_MARK} .+`));
      expect(a2.getFontStyle()).toBe('italic');
      expect(a2.getFontColor()).toBe('#80868b');
      // The rest of the row is empty («Дашборд» is one column wide until its first rebuild).
      const sheet = sheetOf(wb, name);
      if (sheet.getMaxColumns() > 1)
        expect(
          sheet
            .getRange(2, 2, 1, sheet.getMaxColumns() - 1)
            .getValues()[0]!
            .every((v) => v === ''),
        ).toBe(true);
    },
  );

  test('the first write replaces the notice: «Организации» starts at its first row, in plain style', () => {
    wb.rpc('rpcImportReference', { sheet: 'organizations', csvText: ORGS_CSV });
    const sheet = sheetOf(wb, 'Организации');
    expect(sheet.getRange(2, 1, 3, 1).getValues().flat()).toEqual(['ОО-1', 'ОО-2', 'МС']);
    expect(sheet.getRange(2, 1).getFontStyle()).toBe('normal');
    expect(sheet.getRange(2, 1).getFontColor()).toBe('#000000');
    expect(sheet.getLastRow()).toBe(4);
  });

  test('so does the first row of an append-only log (read by its header only): «Журнал изменений»', () => {
    const log = sheetOf(wb, 'Журнал изменений');
    expect(log.getLastRow()).toBe(2);
    expect(Object.prototype.toString.call(log.getRange(2, 1).getValue())).toBe('[object Date]');
    expect(log.getRange(2, 3).getValue()).toMatch(/^Загрузка справочника из CSV/);
    expect(log.getRange(2, 1).getFontStyle()).toBe('normal');
  });

  test('a quarantine notice read by the add-on is no quarantined answer', () => {
    expect(wb.rpc<{ entries: unknown[] }>('rpcQuarantineList').entries).toEqual([]);
  });
});

describe('set-up on a spreadsheet a methodist started by hand', () => {
  const wb = openBuiltWorkbook();
  // «Лист1» with a note in it stays; a hand-made «настройки» (Google would refuse a second «Настройки») is taken over.
  wb.spreadsheet.getSheets()[0]!.getRange('A1').setValue('мои заметки');
  wb.spreadsheet
    .insertSheet('настройки')
    .getRange('A1:B1')
    .setValues([['Параметр', 'Значение']]);
  wb.menu('menuSetupWorkbook');

  test('«Лист1» with content is kept; «настройки» becomes «Настройки» with its columns completed', () => {
    const names = wb.spreadsheet.getSheets().map((s) => s.getName());
    expect(names).toContain('Лист1');
    expect(names).toContain('Настройки');
    expect(names).not.toContain('настройки');
    expect(valuesOf(wb, 'Настройки')[0]).toEqual(['Параметр', 'Значение', 'Описание']);
  });
});

describe('the banner past 80 % of 10 million cells, and the audit archive', () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');

  test('past 80 % every sidebar can warn: rpcWorkbookHealth says so in Russian', () => {
    const draft = wb.spreadsheet.insertSheet('Черновик');
    draft.insertRowsAfter(1000, 7000);
    draft.insertColumnsAfter(26, 974); // 8 000 × 1 000
    wb.menu('menuSetupWorkbook'); // set-up measures again
    const health = wb.rpc<Health>('rpcWorkbookHealth');
    expect(health.warn).toBe(true);
    expect(health.percent).toBeGreaterThan(80);
    expect(health.message).toMatch(/^Книга заполнена на 8\d,\d %: .* ячеек из 10\u202f000\u202f000 допустимых в Google Таблицах\./);
    expect(health.message).toContain('«Маршрут → Перенести журнал изменений в архив…»');
    expect(health.message).toContain('«Маршрут → Перенести обработанные ответы в архив…»');
    expect(JSON.parse(JSON.stringify(health))).toEqual(health); // crosses google.script.run intact (no Date)
    wb.spreadsheet.deleteSheet(draft);
  });

  const HOSTILE = ['=1+1', '1e3', '01.02.2024', '+7 (999) 123-45-67', 'ИСТИНА', '50%', '12:30'];
  const fillAudit = (rows: number) => {
    const log = sheetOf(wb, 'Журнал изменений');
    log.insertRowsAfter(log.getMaxRows(), rows);
    const values = Array.from({ length: rows }, (_, i) => [
      new Date(2025, 8, 1, 9, i % 60),
      'metodist@klin.example',
      'Изменение',
      'ИОМ',
      `Запись ${i + 1}`,
      'Статус',
      HOSTILE[i % HOSTILE.length]!,
      `'${HOSTILE[(i + 1) % HOSTILE.length]}`,
    ]);
    log.getRange(2, 1, rows, 8).setValues(values.map((r) => r.map((v, j) => (j === 6 ? `'${v}` : v))));
    return plain(log.getRange(1, 1, rows + 1, 8).getValues());
  };

  test('the archive holds every row exactly, the log keeps one row saying where they went, the cells shrink', () => {
    const expected = fillAudit(3000);
    const cellsBefore = cellsOf(wb.spreadsheet);
    const spreadsheets = wb.runtime.spreadsheets.all().length;
    wb.menu('menuArchiveAuditLog');
    const archive = wb.runtime.spreadsheets.all()[spreadsheets]!;
    expect(archive.getName()).toMatch(/ — Журнал изменений до 01\.10\.2025$/);
    expect(plain(archive.getSheetByName('Журнал изменений')!.getDataRange().getValues())).toEqual(expected);
    expect(archive.getSheetByName('Журнал изменений')!.getDataRange().getFormulas().flat().filter(Boolean)).toEqual([]);
    const left = rowsOf(wb, 'audit');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({
      Действие: 'Журнал перенесён в архив',
      Лист: 'Журнал изменений',
      Запись: archive.getUrl(),
      Поле: 'Перенесено записей',
      Стало: '3000',
    });
    expect(setting(wb, 'Архив журнала изменений')).toBe(archive.getUrl());
    expect(cellsOf(wb.spreadsheet)).toBe(cellsBefore - 3000 * 8); // the log's grid is back to its 1 000 rows
    expect(wb.runtime.ui.alerts.at(-1)!.message).toContain('Перенесено записей: 3000.');
    expect(wb.runtime.lock.held).toBe(false);
  });

  test('stopped by Google after the archive is written but before the log is cleared: nothing is lost', () => {
    fillAudit(50);
    const live = plain(valuesOf(wb, 'Журнал изменений'));
    wb.runtime.executions.kill({ into: 'menuArchiveAuditLog', member: 'Sheet.deleteRows', atCall: 1 });
    expect(() => wb.menu('menuArchiveAuditLog')).toThrow('Exceeded maximum execution time');
    expect(plain(valuesOf(wb, 'Журнал изменений'))).toEqual(live);
    expect(wb.runtime.lock.held).toBe(false);
    const copy = wb.runtime.spreadsheets.all().at(-1)!.getSheetByName('Журнал изменений')!;
    expect(plain(copy.getDataRange().getValues())).toEqual(live); // a complete copy, the log untouched
    // Linked before the log was cleared: the copy is in «Настройки» already.
    expect(setting(wb, 'Архив журнала изменений').split('\n')).toEqual([expect.any(String), copy.getParent().getUrl()]);
    wb.menu('menuArchiveAuditLog'); // and the next run moves them
    expect(rowsOf(wb, 'audit')).toHaveLength(1);
    expect(setting(wb, 'Архив журнала изменений').split('\n')).toHaveLength(3);
  });

  test('stopped right after the log is cleared: «Настройки» links the archive that holds its rows', () => {
    wb.runtime.executions.traceCalls();
    wb.menu('menuArchiveAuditLog');
    const clean = wb.runtime.executions.log.at(-1)!;
    const afterDelete = clean.members!.lastIndexOf('Sheet.deleteRows') + 2;
    expect(afterDelete).toBeGreaterThan(1);
    fillAudit(20);
    const rows = plain(valuesOf(wb, 'Журнал изменений'));
    wb.runtime.executions.kill({ into: 'menuArchiveAuditLog', atCall: afterDelete });
    expect(() => wb.menu('menuArchiveAuditLog')).toThrow('Exceeded maximum execution time');
    expect(rowsOf(wb, 'audit')).toHaveLength(0);
    const url = setting(wb, 'Архив журнала изменений').split('\n').at(-1);
    const archive = wb.runtime.spreadsheets.all().find((s) => s.getUrl() === url)!;
    expect(plain(archive.getSheetByName('Журнал изменений')!.getDataRange().getValues())).toEqual(rows);
  });

  test('an empty log: nothing to move, no spreadsheet created', () => {
    const log = sheetOf(wb, 'Журнал изменений');
    log.getRange(2, 1, 1, 8).clearContent();
    const count = wb.runtime.spreadsheets.all().length;
    wb.menu('menuArchiveAuditLog');
    expect(wb.runtime.spreadsheets.all()).toHaveLength(count);
    expect(wb.runtime.ui.alerts.at(-1)!.message).toBe('В журнале нет записей: переносить нечего.');
  });

  test('a stranger cannot archive the log', () => {
    const count = wb.runtime.spreadsheets.all().length;
    wb.runtime.setActiveUser('stranger@x.ru');
    try {
      wb.menu('menuArchiveAuditLog');
      expect(wb.runtime.ui.alerts.at(-1)!.message).toMatch(/^Нет доступа/);
      expect(wb.runtime.spreadsheets.all()).toHaveLength(count);
    } finally {
      wb.runtime.setActiveUser('metodist@klin.example');
    }
  });
});

describe('a second methodist runs «Создать формы»', () => {
  const wb = openBuiltWorkbook({ user: 'first@klin.example' });
  const rt = wb.runtime;
  wb.menu('menuSetupWorkbook');
  wb.rpc('rpcImportReference', { sheet: 'organizations', csvText: ORGS_CSV });
  wb.menu('menuCreateForms');
  wb.rpc('rpcSettingsSaveAccess', { emails: ['second@klin.example'] });

  test('no second set of triggers; she is told whose triggers serve the forms', () => {
    expect(rt.triggers.all()).toHaveLength(3);
    rt.setActiveUser('second@klin.example');
    wb.menu('menuCreateForms');
    expect(rt.triggers.all()).toHaveLength(3);
    expect(rt.triggers.all().map((t) => rt.triggers.ownerOf(t))).toEqual(Array(3).fill('first@klin.example'));
    const message = rt.ui.alerts.at(-1)!.message;
    expect(message).toContain('Все формы уже созданы.');
    expect(message).toContain('Ответы форм обрабатываются от имени first@klin.example');
    expect(message).not.toContain('Подключено обработчиков');
  });

  test('an answer sent while she works is processed by the first methodist’s trigger, as the first methodist', () => {
    const events = rt.forms.all().find((f) => f.getTitle() === FORMS.events.title)!;
    rt.forms.submit(events, {
      answers: {
        'Название мероприятия': 'Семинар',
        'Вид мероприятия': 'Семинар',
        Уровень: 'Муниципальный',
        'Дата начала': new Date(2025, 8, 15),
      },
    });
    expect(rt.executions.log.at(-1)).toMatchObject({ label: 'onResponseTrigger', user: 'first@klin.example', outcome: 'ok' });
    aTickLater(wb);
    expect(rowsOf(wb, 'events').map((r) => r['Название мероприятия'])).toEqual(['Семинар']);
    expect(rt.executions.log.filter((e) => e.label === 'onSchedulerTrigger').at(-1)).toMatchObject({
      user: 'first@klin.example',
      outcome: 'ok',
    });
    // The first methodist's three standing triggers, none of the second's.
    expect(rt.triggers.all()).toHaveLength(3);
  });

  test('the raw response sheets keep every answer as its text (plain-text columns), the timestamp a date', () => {
    const events = rt.forms.all().find((f) => f.getTitle() === FORMS.events.title)!;
    rt.forms.submit(events, {
      answers: {
        'Название мероприятия': '007',
        'Вид мероприятия': 'Семинар',
        Уровень: 'Муниципальный',
        'Дата начала': new Date(2025, 8, 16),
        'Пункт дорожной карты': '1.5',
        'Направление, проект': '+7 999',
        'Количество участников': '1 000',
      },
    });
    const [header, ...rows] = valuesOf(wb, `Ответы — ${FORMS.events.title}`);
    const last = Object.fromEntries(header!.map((h, i) => [String(h), rows.at(-1)![i]]));
    expect(last).toMatchObject({
      'Название мероприятия': '007',
      'Пункт дорожной карты': '1.5',
      'Направление, проект': '+7 999',
      'Количество участников': '1 000',
    });
    expect(Object.prototype.toString.call(last['Отметка времени'])).toBe('[object Date]');
  });

  test('the first methodist running it again installs nothing new either', () => {
    aTickLater(wb);
    rt.setActiveUser('first@klin.example');
    wb.menu('menuCreateForms');
    expect(rt.triggers.all()).toHaveLength(3);
    expect(rt.ui.alerts.at(-1)!.message).not.toContain('от имени');
  });
});
