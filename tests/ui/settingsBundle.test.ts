// «Маршрут → Настройки…» and access (issue 6, point 13) through the real bundle: the access list lives in
// document properties and only the owner changes it; the sheet shows a protected mirror; every change is audited;
// an editor on the list sees it read-only; a user off the list is refused by the panels and the menu actions.
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { openBuiltWorkbook, rowsOf, sheetOf, valuesOf } from '../support/e2eBuild';
import type { LocalWorkbook } from '../../src/local/localWorkbook';

jest.setTimeout(60_000);

const browser = suiteBrowser();
const OWNER = 'metodist@klin.example';
const COORDINATOR = 'coordinator@klin.example';
const RANGE = 'RANGE' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;

function ownedWorkbook(): LocalWorkbook {
  const wb = openBuiltWorkbook({ user: OWNER });
  wb.menu('menuSetupWorkbook');
  return wb;
}

/** Row and column (1-based) of «Список доступа»'s value in «Настройки». */
function accessCell(wb: LocalWorkbook): GoogleAppsScript.Spreadsheet.Range {
  const values = valuesOf(wb, 'Настройки');
  const row = values.findIndex((r) => r[0] === 'Список доступа');
  return sheetOf(wb, 'Настройки').getRange(row + 1, values[0]!.indexOf('Значение') + 1);
}

const accessAudit = (wb: LocalWorkbook) => rowsOf(wb, 'audit').filter((r) => r['Запись'] === 'Список доступа');

test('the owner changes the list in the panel: stored, mirrored in a protected cell, audited', async () => {
  const wb = ownedWorkbook();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowSettings');
  await page.locator('#accessEmails').waitFor();
  await expect(page.locator('#owner').innerText()).resolves.toBe(OWNER);
  await page.locator('#accessEmails').fill(`${COORDINATOR}\nZavuch@Klin.example\n`);
  await page.getByRole('button', { name: 'Сохранить список' }).click();
  await page.locator('#message', { hasText: 'Список доступа сохранён' }).waitFor();
  await expect(page.locator('#message').innerText()).resolves.toContain(`Добавлены: ${COORDINATOR}, zavuch@klin.example.`);
  await saveScreenshot(page, 'settings-owner');

  const cell = accessCell(wb);
  expect(cell.getValue()).toBe(`${COORDINATOR}, zavuch@klin.example`);
  const [protection] = cell
    .getSheet()
    .getProtections(RANGE)
    .filter((p) => p.getRange().getA1Notation() === cell.getA1Notation());
  expect(protection).toBeDefined();
  expect(protection!.isWarningOnly()).toBe(false);
  expect(protection!.canDomainEdit()).toBe(false);
  expect(protection!.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
  const audit = accessAudit(wb);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({
    Кто: OWNER,
    Действие: 'Изменён список доступа',
    Было: '',
    Стало: `${COORDINATOR}, zavuch@klin.example`,
  });

  // A wrong address is refused with the reason; nothing changes.
  await page.locator('#accessEmails').fill(`${COORDINATOR}\nне адрес`);
  await page.getByRole('button', { name: 'Сохранить список' }).click();
  await page.locator('#message.box.error', { hasText: 'Это не похоже на e-mail: «не»' }).waitFor();
  expect(accessCell(wb).getValue()).toBe(`${COORDINATOR}, zavuch@klin.example`);
  expect(accessAudit(wb)).toHaveLength(1);
  expect(errors).toEqual([]);
  await page.close();
});

test('an editor on the list sees it read-only and cannot change it; a typed cell grants nothing', async () => {
  const wb = ownedWorkbook();
  wb.rpc('rpcSettingsSaveAccess', { emails: [COORDINATOR] });
  // An editor rewrites the mirror cell by hand (the protection would stop her in Google; here it shows the check).
  accessCell(wb).setValue(`${COORDINATOR}, friend@x.ru`);

  wb.runtime.setActiveUser(COORDINATOR);
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowSettings');
  await page.locator('#accessList li').first().waitFor();
  await expect(page.locator('#accessList li').allInnerTexts()).resolves.toEqual([COORDINATOR]);
  await expect(page.locator('#accessEmails').isVisible()).resolves.toBe(false);
  await expect(page.locator('#readOnlyNote').innerText()).resolves.toBe(`Изменять эти настройки может только владелец книги (${OWNER}).`);
  await saveScreenshot(page, 'settings-editor');
  // The server refuses her save even if the page were bypassed.
  const refusal = await page.evaluate(`new Promise((resolve) => google.script.run
    .withSuccessHandler(() => resolve('saved'))
    .withFailureHandler((e) => resolve(e.message))
    .rpcSettingsSaveAccess({ emails: ['${COORDINATOR}', 'friend@x.ru'] }))`);
  expect(refusal).toBe(`Менять список доступа может только владелец книги (${OWNER}).`);
  expect(errors).toEqual([]);
  await page.close();

  wb.runtime.setActiveUser('friend@x.ru');
  expect(() => wb.rpc('rpcQuarantineList')).toThrow(/^Нет доступа: friend@x\.ru нет в списке доступа/);
});

test('a user off the list is refused by the panels and by every menu action that changes registers', () => {
  const wb = ownedWorkbook();
  wb.runtime.setActiveUser('stranger@x.ru');
  const alerts = wb.runtime.ui.alerts;
  const sidebars = wb.runtime.ui.sidebars.length;
  const auditRows = rowsOf(wb, 'audit').length;
  for (const item of [
    'menuShowSettings',
    'menuShowQuarantine',
    'menuShowIom',
    'menuShowImport',
    'menuCreateForms',
    'menuSyncFormChoices',
    'menuRebuildRegisters',
    'menuSetupWorkbook',
  ]) {
    const before = alerts.length;
    wb.menu(item);
    expect({ item, alert: alerts.slice(before).map((a) => `${a.title}: ${a.message}`) }).toEqual({
      item,
      alert: [
        `Маршрут: Нет доступа: stranger@x.ru нет в списке доступа этой книги. Попросите владельца книги (${OWNER}) добавить вас в «Маршрут → Настройки…».`,
      ],
    });
  }
  expect(wb.runtime.ui.sidebars.length).toBe(sidebars);
  expect(wb.runtime.forms.all()).toHaveLength(0);
  expect(rowsOf(wb, 'audit')).toHaveLength(auditRows);
  expect(() => wb.rpc('rpcImportReference', { sheet: 'organizations', csvText: 'Код ОО,Наименование\nX,Y' })).toThrow(/^Нет доступа/);
  expect(rowsOf(wb, 'organizations')).toHaveLength(0);
});

test('an older workbook: the list typed in the sheet is taken over once by the owner, with an audit row', async () => {
  const wb = ownedWorkbook();
  // As before this version: no stored list, no protection, the list typed into the sheet.
  const properties = (wb.runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
  properties.deleteProperty('marshrut.accessList');
  for (const p of sheetOf(wb, 'Настройки').getProtections(RANGE)) p.remove();
  accessCell(wb).setValue('Coordinator@Klin.example; zavuch@klin.example');

  // Until the owner confirms it, the typed list gives nobody access.
  wb.runtime.setActiveUser(COORDINATOR);
  expect(() => wb.rpc('rpcQuarantineList')).toThrow(`Нет доступа: владелец книги (${OWNER}) ещё не подтвердил список доступа.`);

  wb.runtime.setActiveUser(OWNER);
  const { page } = await openBundlePage(browser(), wb, 'menuShowSettings');
  await page.locator('#accessEmails').waitFor();
  await expect(page.locator('#accessEmails').inputValue()).resolves.toBe(`${COORDINATOR}\nzavuch@klin.example`);
  await page.close();
  expect(accessAudit(wb).map((r) => [r['Действие'], r['Было'], r['Стало']])).toEqual([
    ['Список доступа перенесён в защищённые настройки владельцем книги', '', `${COORDINATOR}, zavuch@klin.example`],
  ]);
  expect(accessCell(wb).getValue()).toBe(`${COORDINATOR}, zavuch@klin.example`);
  expect(sheetOf(wb, 'Настройки').getProtections(RANGE)).toHaveLength(1);

  wb.runtime.setActiveUser(COORDINATOR);
  expect(Array.isArray(wb.rpc<{ entries: unknown[] }>('rpcQuarantineList').entries)).toBe(true);
  // Taken over once: a later change of the cell is not read again.
  wb.runtime.setActiveUser(OWNER);
  accessCell(wb).setValue('');
  wb.menu('menuSetupWorkbook');
  wb.runtime.setActiveUser(COORDINATOR);
  expect(Array.isArray(wb.rpc<{ entries: unknown[] }>('rpcQuarantineList').entries)).toBe(true);
});

test('«Кто обслуживает книгу»: a methodist on the list sees whose triggers serve it and takes them over', async () => {
  const wb = ownedWorkbook();
  wb.rpc('rpcSettingsSaveAccess', { emails: [COORDINATOR] });
  wb.runtime.setActiveUser(COORDINATOR);
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowSettings');
  await page.locator('#triggersStatus').waitFor();
  await expect(page.locator('#triggersStatus').innerText()).resolves.toBe(`Книгу обслуживают триггеры аккаунта ${OWNER}.`);
  await expect(page.locator('#triggersSection').innerText()).resolves.toContain('по расписанию каждые 10 минут');
  await page.getByRole('button', { name: 'Обслуживать книгу от моего имени' }).click();
  await page.locator('#message', { hasText: 'Теперь книгу обслуживают ваши триггеры.' }).waitFor();
  await expect(page.locator('#message').innerText()).resolves.toContain(`Триггеры ${OWNER} остановятся сами`);
  await expect(page.locator('#triggersStatus').innerText()).resolves.toBe('Книгу обслуживают ваши триггеры.');
  await expect(page.locator('#takeOver').isVisible()).resolves.toBe(false);
  await saveScreenshot(page, 'settings-triggers');
  const scheduler = wb.runtime.triggers.all().filter((t) => t.getHandlerFunction() === 'onSchedulerTrigger');
  expect(scheduler.map((t) => wb.runtime.triggers.ownerOf(t))).toEqual([OWNER, COORDINATOR]); // hers stops at its next run
  expect(errors).toEqual([]);
  await page.close();
});

test('someone off the access list cannot take the triggers over', () => {
  const wb = ownedWorkbook();
  wb.runtime.setActiveUser('stranger@x.ru');
  expect(() => wb.rpc('rpcSettingsTakeOverTriggers')).toThrow(/^Нет доступа/);
  expect(wb.runtime.triggers.all().map((t) => wb.runtime.triggers.ownerOf(t))).toEqual([OWNER]);
});
