import { createLocalRuntime } from '../../src/local/runtime';

function setup() {
  const rt = createLocalRuntime({ now: () => new Date(2025, 2, 10, 12, 0, 0) });
  const ss = rt.spreadsheets.create('Тест');
  rt.spreadsheets.setActive(ss);
  const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return { rt, ss, app, sheet: ss.getSheets()[0]! };
}

describe('Range values', () => {
  test('setValues with a wrong shape throws Google messages', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([[1, 2, 3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });

  test('formulas, quote prefix, numbers, dates, nulls', () => {
    const { sheet } = setup();
    const d = new Date(2025, 0, 5);
    sheet.getRange('A1:F1').setValues([['=SUM(B2:B3)', "'=not formula", '123', '-1,5', d, null]]); // ru_RU: decimal comma
    const r = sheet.getRange('A1:F1');
    expect(r.getFormulas()[0]![0]).toBe('=SUM(B2:B3)');
    expect(r.getValues()[0]).toEqual(['', '=not formula', 123, -1.5, d, '']);
    expect(sheet.getRange('B1').getFormula()).toBe('');
    sheet.getRange('G1').setValue("'007");
    expect(sheet.getRange('G1').getValue()).toBe('007');
    const got = sheet.getRange('E1').getValue();
    expect(got).toBeInstanceOf(Date);
    expect(got).not.toBe(d);
    expect(sheet.getRange('E1').getDisplayValue()).toBe('05.01.2025');
  });

  test('getValues returns fresh arrays', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('x');
    const v = sheet.getRange('A1').getValues();
    v[0]![0] = 'changed';
    expect(sheet.getRange('A1').getValue()).toBe('x');
  });

  test('outside the grid throws; appendRow grows the grid', () => {
    const { sheet } = setup();
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 1, 1, 27)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['a', '=1+1', '42']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getLastRow()).toBe(1001);
    expect(sheet.getRange(1001, 1, 1, 3).getValues()[0]).toEqual(['a', '', 42]);
    expect(sheet.getRange(1001, 2).getFormula()).toBe('=1+1');
    sheet.insertColumnsAfter(26, 2);
    expect(sheet.getMaxColumns()).toBe(28);
  });

  test('A1 parsing and geometry', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:B');
    expect(r.getNumRows()).toBe(999);
    expect(r.getA1Notation()).toBe('B2:B1000');
    expect(sheet.getRange('A1:C10').getNumColumns()).toBe(3);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
  });

  test('unimplemented method throws a clear error; calls are counted', () => {
    const { sheet, rt } = setup();
    rt.calls.reset();
    expect(() => (sheet as unknown as { autoResizeColumns(): void }).autoResizeColumns()).toThrow(
      'Sheet.autoResizeColumns не реализован в локальной среде Маршрута',
    );
    sheet.getRange('A1').getValue();
    expect(rt.calls.counts['Sheet.getRange']).toBe(1);
    expect(rt.calls.total('SpreadsheetApp')).toBe(3);
  });

  test('data validation, protection, frozen rows, hidden sheets', () => {
    const { app, ss, sheet } = setup();
    const rule = app.newDataValidation().requireValueInList(['да', 'нет'], true).setAllowInvalid(false).build();
    sheet.getRange('A2:A5').setDataValidation(rule);
    expect(sheet.getRange('A3').getDataValidation()!.getCriteriaValues()[0]).toEqual(['да', 'нет']);
    expect(String(sheet.getRange('A3').getDataValidation()!.getCriteriaType())).toBe('VALUE_IN_LIST');
    const p = sheet.protect().setDescription('защита').setWarningOnly(true);
    expect(sheet.getProtections(app.ProtectionType.SHEET)[0]!.getDescription()).toBe('защита');
    expect(p.isWarningOnly()).toBe(true);
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    const s2 = ss.insertSheet('Скрытый');
    s2.hideSheet();
    expect(s2.isSheetHidden()).toBe(true);
    expect(() => ss.insertSheet('Скрытый')).toThrow('A sheet with the name "Скрытый" already exists');
  });

  test('ui records menus and alerts with configured responses', () => {
    const { app, rt } = setup();
    const ui = app.getUi();
    ui.createMenu('Маршрут').addItem('Открыть', 'openSidebar').addSeparator().addToUi();
    expect(rt.ui.menus[0]!.items[0]).toEqual({ caption: 'Открыть', functionName: 'openSidebar' });
    expect(String(ui.alert('Удалить?', 'Точно?', ui.ButtonSet.YES_NO))).toBe('YES');
    rt.ui.nextAlertResponse('NO');
    expect(String(ui.alert('Удалить?', 'Точно?', ui.ButtonSet.YES_NO))).toBe('NO');
    expect(rt.ui.alerts).toHaveLength(2);
  });
});
