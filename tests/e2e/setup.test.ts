// «Маршрут → Настроить книгу» through the built bundle: every sheet of SPEC §2–§3 with its schema, dropdowns,
// protections and default settings; a second run changes nothing; an incomplete sheet gets its missing columns.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SHEETS, SHEET_IDS, type SheetSpec } from '../../src/core/schema/sheets';
import { settingDefaults } from '../../src/core/settings';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { CLI, openBuiltWorkbook, plain, requireBuild, sheetOf, valuesOf } from '../support/e2eBuild';

const specs = SHEET_IDS.map((id) => SHEETS[id] as SheetSpec);
const SHEET_PROTECTION = 'SHEET' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;

function validationPicture(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
  const width = sheet.getLastColumn();
  const rows = sheet.getMaxRows();
  if (!width) return null;
  const at = (row: number) =>
    sheet
      .getRange(row, 1, 1, width)
      .getDataValidations()[0]!
      .map((dv) =>
        dv ? { type: String(dv.getCriteriaType()), values: dv.getCriteriaValues(), allowInvalid: dv.getAllowInvalid() } : null,
      );
  return { second: at(2), last: at(rows) };
}

/** Everything set-up controls, per sheet: values, validations, protections, frozen rows, visibility. */
function snapshot(wb: LocalWorkbook) {
  return {
    sheets: wb.spreadsheet.getSheets().map((s) => s.getName()),
    perSheet: wb.spreadsheet.getSheets().map((sheet) => ({
      name: sheet.getName(),
      values: plain(sheet.getDataRange().getValues()),
      validations: validationPicture(sheet),
      protections: sheet.getProtections(SHEET_PROTECTION).map((p) => ({ d: p.getDescription(), w: p.isWarningOnly() })),
      frozen: sheet.getFrozenRows(),
      hidden: sheet.isSheetHidden(),
      maxRows: sheet.getMaxRows(),
      maxCols: sheet.getMaxColumns(),
    })),
  };
}

describe('«Настроить книгу» on a new spreadsheet', () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');

  test('reports what it did in a Russian alert', () => {
    const alert = wb.runtime.ui.alerts.at(-1)!;
    expect(alert.title).toBe('Книга настроена');
    expect(alert.message).toContain('Созданы листы:');
  });

  test.each(specs.map((s) => [s.name, s] as const))('«%s» has the schema headers in order and a frozen header row', (name, spec) => {
    const sheet = sheetOf(wb, name);
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    expect(header).toEqual(spec.columns.map((c) => c.header));
    expect(sheet.getFrozenRows()).toBe(1);
  });

  test('every sheet of SPEC §2 exists (reference, registers, indicators, dashboard, logs, settings)', () => {
    const names = wb.spreadsheet.getSheets().map((s) => s.getName());
    for (const name of [
      'Организации',
      'Педагоги',
      'ИОМ',
      'Диагностика',
      'Мероприятия',
      'Участие',
      'Наставничество',
      'Показатели',
      'Показатели по ОО',
      'Дашборд',
      'Карантин',
      'Журнал изменений',
      'Рассылки',
      'Настройки',
    ])
      expect(names).toContain(name);
  });

  test.each(specs.flatMap((s) => s.columns.filter((c) => c.kind === 'choice').map((c) => [s.name, c.header, c] as const)))(
    '«%s» → «%s» has a dropdown of its choices',
    (name, header, column) => {
      const sheet = sheetOf(wb, name);
      const col = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.indexOf(header) + 1;
      expect(col).toBeGreaterThan(0);
      for (const row of [2, 57, sheet.getMaxRows()]) {
        const dv = sheet.getRange(row, col).getDataValidation();
        expect(dv).not.toBeNull();
        expect(String(dv!.getCriteriaType())).toBe('VALUE_IN_LIST');
        expect(dv!.getCriteriaValues()[0]).toEqual([...column.choices!]);
        expect(dv!.getAllowInvalid()).toBe(Boolean(column.openChoice));
      }
      expect(sheet.getRange(1, col).getDataValidation()).toBeNull(); // the header itself stays free
    },
  );

  test('free-text columns carry no dropdown', () => {
    const sheet = sheetOf(wb, 'ИОМ');
    expect(sheet.getRange(2, 1).getDataValidation()).toBeNull(); // ФИО педагога
  });

  test.each(specs.map((s) => [s.name, Boolean(s.computed)] as const))(
    '«%s»: warning-only protection iff computed (%s)',
    (name, computed) => {
      const protections = sheetOf(wb, name).getProtections(SHEET_PROTECTION);
      expect(protections.length).toBe(computed ? 1 : 0);
      if (computed) {
        expect(protections[0]!.isWarningOnly()).toBe(true);
        expect(protections[0]!.getDescription()).toMatch(/Маршрут/);
      }
    },
  );

  test('«Настройки» holds every default key once, with its default value', () => {
    const [, ...rows] = valuesOf(wb, 'Настройки');
    const keys = rows.map((r) => String(r[0]));
    const defaults = settingDefaults();
    expect(keys).toEqual(defaults.map((d) => d.key));
    for (const d of defaults.filter((x) => x.key !== 'Ячеек в книге')) {
      const row = rows.find((r) => r[0] === d.key)!;
      expect(String(row[1])).toBe(d.value);
    }
    // Set-up measures the workbook against Google's 10 million cells (tests/e2e/workbookHealth.test.ts).
    expect(String(rows.find((r) => r[0] === 'Ячеек в книге')![1])).toMatch(/^[\d\u202f]+ из 10\u202f000\u202f000 \(/);
    expect(keys).toEqual(expect.arrayContaining(['Муниципалитет', 'Набор показателей', 'Отчётный период', 'Список доступа']));
  });
});

describe('«Настроить книгу» again: idempotent, data rows survive, a thin sheet is completed', () => {
  const wb = openBuiltWorkbook();
  // A sheet the methodist made by hand before set-up: 3 of the 7 columns, one data row.
  const orgs = wb.spreadsheet.insertSheet('Организации');
  orgs.getRange(1, 1, 2, 3).setValues([
    ['Код ОО', 'Наименование', 'Тип ОО'],
    ['ОО-9', 'МОУ «Школа № 9»', 'Школа'],
  ]);
  wb.menu('menuSetupWorkbook');
  const staff = sheetOf(wb, 'Педагоги');
  staff.getRange(2, 1, 2, 3).setValues([
    ['Иванова Ирина', 'ОО-9', 'Учитель'],
    ['Петров Пётр', 'ОО-9', 'Завуч по-нашему'],
  ]);
  const iom = sheetOf(wb, 'ИОМ');
  iom.getRange(2, 1, 1, 2).setValues([['Иванова Ирина', 'ОО-9']]);
  const before = snapshot(wb);
  const alertsBefore = wb.runtime.ui.alerts.length;
  wb.menu('menuSetupWorkbook');
  const after = snapshot(wb);

  test('the second run changes no value, validation, protection or sheet', () => {
    expect(after.sheets).toEqual(before.sheets);
    expect(after.perSheet.length).toBe(before.perSheet.length);
    for (let i = 0; i < before.perSheet.length; i++) expect(after.perSheet[i]).toEqual(before.perSheet[i]);
    const protections = (s: typeof before) => s.perSheet.reduce((n, x) => n + x.protections.length, 0);
    expect(protections(after)).toBe(protections(before));
    expect(protections(after)).toBe(specs.filter((s) => s.computed).length);
  });

  test('and says so', () => {
    expect(wb.runtime.ui.alerts.length).toBe(alertsBefore + 1);
    expect(wb.runtime.ui.alerts.at(-1)!.message).toBe('Все листы уже были на месте.');
  });

  test('data rows typed into «Педагоги» and «ИОМ» survive', () => {
    const s = valuesOf(wb, 'Педагоги');
    expect(s.slice(1, 3).map((r) => r.slice(0, 3))).toEqual([
      ['Иванова Ирина', 'ОО-9', 'Учитель'],
      ['Петров Пётр', 'ОО-9', 'Завуч по-нашему'],
    ]);
    expect(valuesOf(wb, 'ИОМ')[1]!.slice(0, 2)).toEqual(['Иванова Ирина', 'ОО-9']);
  });

  test('the hand-made «Организации» keeps its 3 columns and row, and gets the 4 missing ones appended in schema order', () => {
    const values = valuesOf(wb, 'Организации');
    const missing = SHEETS.organizations.columns.map((c) => c.header).filter((h) => !['Код ОО', 'Наименование', 'Тип ОО'].includes(h));
    expect(values[0]).toEqual(['Код ОО', 'Наименование', 'Тип ОО', ...missing]);
    expect(values[1]!.slice(0, 3)).toEqual(['ОО-9', 'МОУ «Школа № 9»', 'Школа']);
    expect(values[1]!.slice(3)).toEqual(missing.map(() => ''));
    expect(values.length).toBe(2);
    expect(sheetOf(wb, 'Организации').getFrozenRows()).toBe(1);
  });

  test('a column that already existed is left as it was (no dropdown added to the hand-made «Тип ОО»)', () => {
    const sheet = sheetOf(wb, 'Организации');
    // Existing columns are never touched: the hand-made «Тип ОО» (column 3) gets no validation.
    expect(sheet.getRange(2, 3).getDataValidation()).toBeNull();
  });
});

describe('marshrut setup --out DIR (CLI)', () => {
  requireBuild();
  const out = mkdtempSync(join(tmpdir(), 'marshrut-setup-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('writes workbook.xlsx with every sheet of SPEC §2–§3 and its headers', async () => {
    const stdout = execFileSync(process.execPath, [CLI, 'setup', '--out', out], { encoding: 'utf8', timeout: 20_000 });
    expect(stdout).toContain('Книга настроена');
    const file = join(out, 'workbook.xlsx');
    expect(existsSync(file)).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    for (const spec of specs) {
      const ws = book.getWorksheet(spec.name);
      expect(ws).toBeDefined();
      const header = (ws!.getRow(1).values as unknown[]).slice(1).map(String);
      expect(header).toEqual(spec.columns.map((c) => c.header));
    }
  }, 20_000);
});
