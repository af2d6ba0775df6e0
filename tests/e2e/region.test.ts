// The regional workbook through the built bundle: set-up of its five sheets, «Обновить сводку» over municipal
// workbooks the add-on made in the same runtime (openById, one read of «Показатели» each), each municipality left out
// with its reason (no access, deleted, no indicators, another preset, a bad link, a repeated one), the region's
// totals as sums of the municipalities' numerators and denominators, and the access list.
import { SHEETS, sheetIdsOf } from '../../src/core/schema/sheets';
import { regionSettingDefaults } from '../../src/core/region/settings';
import { workbookUrl } from '../../src/core/region/workbookId';
import type { Cell } from '../../src/core/ports';
import { isDate } from '../../src/core/text';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { ORGS_CSV, requireBuild, sheetOf, STAFF_CSV } from '../support/e2eBuild';
import { addMunicipality, openRegionalWorkbook, pasteLinks, recordsOf, REGION_YEAR } from '../support/region';

requireBuild();
jest.setTimeout(60_000);

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
const REGIONAL_NAMES = sheetIdsOf('regional').map((id) => SHEETS[id].name);

describe('«Настроить региональную книгу»', () => {
  const region = openRegionalWorkbook();

  test('creates the six sheets of the regional workbook, and no municipal one', () => {
    expect(region.spreadsheet.getSheets().map((s) => s.getName())).toEqual([
      'Муниципалитеты',
      'Сводные показатели',
      'Дашборд',
      'Журнал изменений',
      'Рассылки',
      'Настройки',
    ]);
    expect(REGIONAL_NAMES).toEqual(region.spreadsheet.getSheets().map((s) => s.getName()));
    expect(region.runtime.ui.alerts.at(-1)!.title).toBe('Региональная книга настроена');
    const header = sheetOf(region, 'Муниципалитеты').getRange(1, 1, 1, SHEETS.municipalities.columns.length).getValues()[0];
    expect(header).toEqual(SHEETS.municipalities.columns.map((c) => c.header));
    // Each still empty sheet says what fills it in this workbook.
    expect(String(sheetOf(region, 'Дашборд').getRange(2, 1).getValue())).toMatch(/региональной книге — после «Маршрут → Обновить сводку…»/);
  });

  test('«Настройки» holds the region’s defaults: its name, preset klin, the year, the access list, the ministry’s letter', () => {
    const settings = recordsOf(region.spreadsheet, 'settings');
    expect(settings.map((r) => r['Параметр'])).toEqual(regionSettingDefaults().map((s) => s.key));
    expect(settings.map((r) => r['Параметр'])).toEqual([
      'Регион',
      'Набор показателей',
      'Отчётный год',
      'Список доступа',
      'Адреса министерства',
      'Ежемесячная рассылка',
      'Ячеек в книге',
    ]);
    expect(settings.find((r) => r['Параметр'] === 'Список доступа')!['Описание']).toMatch(/^Кто, кроме владельца книги, обновляет сводку/);
    expect(settings.find((r) => r['Параметр'] === 'Набор показателей')!['Значение']).toBe('klin');
  });

  test('its menu from then on, and on every opening: the summary, the dashboard and the settings — no forms', () => {
    const items = () => region.runtime.ui.menus.flatMap((m) => m.items.flatMap((i) => ('functionName' in i ? [i.functionName] : [])));
    const expected = [
      'menuShowRegion',
      'menuShowDashboard',
      'menuRebuildDashboard',
      'menuSetupWorkbook',
      'menuArchiveAuditLog',
      'menuShowSettings',
    ];
    expect(items()).toEqual(expected);
    region.sandbox.call('onOpen');
    expect(items()).toEqual(expected);
    // A menu left open from before still offers «Создать формы»: refused, no form made.
    region.menu('menuCreateForms');
    expect(region.runtime.ui.alerts.at(-1)!.message).toBe('Это региональная книга: формы создаются в книгах муниципалитетов.');
    expect(region.runtime.forms.all()).toEqual([]);
  });

  test('«Настроить книгу» run again completes it as a regional workbook', () => {
    region.menu('menuSetupWorkbook');
    expect(region.spreadsheet.getSheets().map((s) => s.getName())).toEqual(REGIONAL_NAMES);
    expect(region.runtime.ui.alerts.at(-1)!.message).toBe('Все листы уже были на месте.');
  });

  test('a municipal workbook does not become a regional one', () => {
    const municipal = addMunicipality(region, 'Клин');
    region.runtime.spreadsheets.setActive(municipal);
    region.menu('menuSetupRegionalWorkbook');
    region.runtime.spreadsheets.setActive(region.spreadsheet);
    expect(region.runtime.ui.alerts.at(-1)!.message).toMatch(/^Эта книга уже настроена как книга муниципалитета/);
    expect(municipal.getSheetByName('Муниципалитеты')).toBeNull();
  });
});

/** A municipality's computed numbers by indicator code, as its own «Показатели» holds them. */
function numbersOf(spreadsheet: Spreadsheet): Map<string, { numerator: Cell; denominator: Cell }> {
  return new Map(
    recordsOf(spreadsheet, 'indicators').map((r) => [String(r['Код']), { numerator: r['Числитель']!, denominator: r['Знаменатель']! }]),
  );
}

// Dubna: a larger school and a second methodist, so pooling and averaging the two municipalities differ.
const BIG_ORGS = ORGS_CSV.replace('ОО-1,МОУ «Средняя школа № 1»,Клин,Школа,ШНОР,60', 'ОО-1,МОУ «Средняя школа № 1»,Клин,Школа,ШНОР,140');
const TWO_METHODISTS = `${STAFF_CSV}\nКозлова Ольга Петровна,МС,Методист,,03.03.1980,01.09.2000,,kozlova@dubna.example,Методист,,,Реестр`;

describe('«Обновить сводку» over eight listed workbooks', () => {
  const region = openRegionalWorkbook();
  const klin = addMunicipality(region, 'Клин');
  const dubna = addMunicipality(region, 'Дубна', { orgs: BIG_ORGS, staff: TWO_METHODISTS });
  const notComputed = addMunicipality(region, 'Истра', { recompute: false });
  const seversk = addMunicipality(region, 'Северск', { preset: 'seversk' });
  const closed = addMunicipality(region, 'Руза');
  region.runtime.spreadsheets.restrictTo(closed, ['owner@ruza.example']);
  const deleted = addMunicipality(region, 'Лотошино');
  region.runtime.spreadsheets.remove(deleted);
  const partial = addMunicipality(region, 'Шаховская', { scope: 'ОО-1' });
  pasteLinks(region, [
    `${workbookUrl(klin.getId())}#gid=0`,
    dubna.getId(),
    notComputed.getId(),
    seversk.getId(),
    closed.getId(),
    deleted.getId(),
    partial.getId(),
    'моя таблица',
    `https://docs.google.com/spreadsheets/d/${dubna.getId()}/edit`,
  ]);
  const openedBefore = region.runtime.calls.counts['SpreadsheetApp.openById'] ?? 0;
  const writesBefore = region.runtime.calls.counts['Range.setValues'] ?? 0;
  const reply = region.rpc<{ refresh: { complete: boolean; included: number; total: number } }>('rpcRegionRefresh');
  const listed = recordsOf(region.spreadsheet, 'municipalities');
  const row = (name: string) => listed.find((r) => r['Муниципалитет'] === name)!;

  test('the run completes in one execution and says how many are in the roll-up', () => {
    expect(reply.refresh).toMatchObject({ complete: true, included: 2, total: 9 });
    // Seven workbooks opened once each: the bad link and the repeated one are not opened at all.
    expect((region.runtime.calls.counts['SpreadsheetApp.openById'] ?? 0) - openedBefore).toBe(7);
  });

  test('one write each: «Муниципалитеты», «Сводные показатели», the audit row and the rebuilt «Дашборд»', () => {
    expect((region.runtime.calls.counts['Range.setValues'] ?? 0) - writesBefore).toBe(4);
  });

  test('each listed workbook: read or not, when, and why not — in Russian', () => {
    const when = region.runtime.now();
    expect(listed.map((r) => [r['Муниципалитет'], r['Прочитана'], String(r['Почему не прочитана']).split(':')[0]])).toEqual([
      ['Клин', 'Да', ''],
      ['Дубна', 'Да', ''],
      ['Истра', 'Нет', 'Нет показателей'],
      ['Северск', 'Нет', 'Другой набор показателей'],
      ['', 'Нет', 'Нет доступа'],
      ['', 'Нет', 'Книга не найдена'],
      ['Шаховская', 'Нет', 'Расчёт не по всему муниципалитету'],
      ['', 'Нет', 'Неверная ссылка'],
      ['', 'Нет', 'Повтор'],
    ]);
    for (const r of listed) expect((r['Проверена'] as Date).getTime()).toBe(when.getTime());
    expect(row('Истра')['Почему не прочитана']).toBe(
      'Нет показателей: показатели ещё не рассчитаны (в книге муниципалитета: «Маршрут → Показатели…» → «Пересчитать»).',
    );
    expect(row('Северск')['Почему не прочитана']).toBe(
      'Другой набор показателей: в книге — набор «seversk», а регион сводит набор «klin».',
    );
    expect(listed[4]!['Почему не прочитана']).toBe(
      'Нет доступа: книга не открыта для metodist@klin.example. Попросите её владельца дать этому адресу доступ хотя бы на просмотр.',
    );
    expect(listed[5]!['Почему не прочитана']).toMatch(/^Книга не найдена: её удалили, ссылка неверна или у вас нет к ней доступа/);
    expect(row('Шаховская')['Почему не прочитана']).toBe(
      'Расчёт не по всему муниципалитету: последний пересчёт — только по ОО «ОО-1». Пересчитайте показатели для всего муниципалитета.',
    );
    expect(listed[7]!['Почему не прочитана']).toBe('Неверная ссылка: «моя таблица» — не ссылка на Google Таблицу и не её ID.');
    expect(listed[8]!['Почему не прочитана']).toBe('Повтор: эта книга уже указана в строке 3; в сводку она входит один раз.');
  });

  test('a pasted link is kept as the ID; the read ones show their preset, when they computed and the period', () => {
    expect(row('Клин')['Книга (ссылка или ID)']).toBe(klin.getId());
    expect(row('Клин')).toMatchObject({ 'Набор показателей': 'klin', Период: `01.01.${REGION_YEAR}–31.12.${REGION_YEAR}` });
    expect(isDate(row('Клин')['Показатели рассчитаны'])).toBe(true);
    expect(row('Северск')['Набор показателей']).toBe('seversk');
  });

  test('«Сводные показатели»: the totals are the sums of the two municipalities’ numerators and denominators', () => {
    const rows = recordsOf(region.spreadsheet, 'regionIndicators');
    const totals = rows.filter((r) => r['Муниципалитет'] === 'Итого по региону');
    expect(totals.map((r) => r['Код'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8.1', '8.2', '9', '10']);
    const a = numbersOf(klin);
    const b = numbersOf(dubna);
    const add = (x: Cell, y: Cell) => (x === '' && y === '' ? '' : Number(x) + Number(y));
    for (const total of totals) {
      const code = String(total['Код']);
      expect([code, total['Числитель'], total['Знаменатель']]).toEqual([
        code,
        add(a.get(code)!.numerator, b.get(code)!.numerator),
        add(a.get(code)!.denominator, b.get(code)!.denominator),
      ]);
    }
    // staff per methodist: Σ staff ÷ Σ methodists, not the mean of the two ratios.
    const ratio = totals.find((r) => r['Код'] === '4')!;
    const [na, da, nb, db] = [a.get('4')!.numerator, a.get('4')!.denominator, b.get('4')!.numerator, b.get('4')!.denominator].map(Number);
    expect(ratio['Значение']).toBe(Math.round(((na! + nb!) / (da! + db!)) * 10) / 10);
    expect(ratio['Значение']).not.toBe(Math.round(((na! / da! + nb! / db!) / 2) * 10) / 10);
  });

  test('«Сводные показатели»: the totals first, then each municipality’s rows once, keyed by its workbook', () => {
    const rows = recordsOf(region.spreadsheet, 'regionIndicators');
    expect([...new Set(rows.map((r) => r['Муниципалитет']))]).toEqual(['Итого по региону', 'Клин', 'Дубна']);
    expect(rows.filter((r) => r['Муниципалитет'] === 'Дубна')).toHaveLength(11);
    expect(new Set(rows.filter((r) => r['Муниципалитет'] === 'Клин').map((r) => r['ID книги']))).toEqual(new Set([klin.getId()]));
  });

  test('a refresh is recorded in «Журнал изменений»', () => {
    expect(recordsOf(region.spreadsheet, 'audit').at(-1)).toMatchObject({
      Кто: 'metodist@klin.example',
      Действие: 'Обновлена региональная сводка',
      Запись: 'в сводке 2 из 9 книг муниципалитетов',
    });
  });

  test('the sidebar’s state reads it back: statuses by code, totals, no Date objects', () => {
    const state = region.rpc<{ report: { municipalities: { status: string }[]; indicators: { code: string }[] }; running: boolean }>(
      'rpcRegionState',
    );
    expect(state.report.municipalities.map((m) => m.status)).toEqual([
      'read',
      'read',
      'noIndicators',
      'otherPreset',
      'noAccess',
      'notFound',
      'partialScope',
      'badLink',
      'duplicate',
    ]);
    expect(state.report.indicators).toHaveLength(11);
    expect(state.running).toBe(false);
    expect(JSON.stringify(state)).not.toMatch(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/);
  });

  test('access returned and a workbook fixed: the next refresh reads them and the totals change', () => {
    region.runtime.spreadsheets.restrictTo(closed, ['owner@ruza.example', 'metodist@klin.example']);
    region.rpc('rpcRegionRefresh');
    const again = recordsOf(region.spreadsheet, 'municipalities');
    expect(again[4]).toMatchObject({ Муниципалитет: 'Руза', Прочитана: 'Да', 'Почему не прочитана': '' });
    const rows = recordsOf(region.spreadsheet, 'regionIndicators');
    // Read again in the second run, Klin and Dubna replace their rows: every municipality once, 11 rows each.
    const counts = new Map<unknown, number>();
    for (const r of rows) counts.set(r['Муниципалитет'], (counts.get(r['Муниципалитет']) ?? 0) + 1);
    expect([...counts]).toEqual([
      ['Итого по региону', 11],
      ['Клин', 11],
      ['Дубна', 11],
      ['Руза', 11],
    ]);
    const ruza = numbersOf(closed);
    const before = numbersOf(klin);
    const after = rows.find((r) => r['Муниципалитет'] === 'Итого по региону' && r['Код'] === '2')!;
    const dubnaNumbers = numbersOf(dubna);
    expect(after['Знаменатель']).toBe([before, dubnaNumbers, ruza].reduce((sum, m) => sum + Number(m.get('2')!.denominator), 0));
  });
});

describe('who may refresh', () => {
  const region = openRegionalWorkbook();

  test('a person off the access list gets «Нет доступа», and nothing is read or written', () => {
    region.runtime.setActiveUser('stranger@example.com');
    expect(() => region.rpc('rpcRegionRefresh')).toThrow(/^Нет доступа/);
    expect(() => region.rpc('rpcRegionAdd', { lines: ['1abcdefghijklmnop'] })).toThrow(/^Нет доступа/);
    expect(recordsOf(region.spreadsheet, 'municipalities')).toHaveLength(0);
  });

  test('the panel in a municipal workbook says it is not a regional one', () => {
    const wb: LocalWorkbook = region;
    const municipal = addMunicipality(wb, 'Клин');
    wb.runtime.setActiveUser('metodist@klin.example');
    wb.runtime.spreadsheets.setActive(municipal);
    expect(() => wb.rpc('rpcRegionState')).toThrow(/^Это не региональная книга/);
    wb.runtime.spreadsheets.setActive(region.spreadsheet);
  });
});
