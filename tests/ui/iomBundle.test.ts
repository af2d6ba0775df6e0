// The IOM sidebar through the real bundle: the selected «ИОМ» row (an answer sent through the form) is shown with
// its life-cycle status, the fields a methodist needs and the respondent's edit link; the methodist returns it for
// rework with a comment, and the register row and «Журнал изменений» show the change. What the server refuses — a
// row changed in the sheet meanwhile, a selection off «ИОМ», a user taken off the access list — reaches the page in
// Russian, and a link typed into the sheet is offered only when it is https.
import type { Page } from 'playwright-core';
import { openBundlePage, openThenLoseAccess, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { aTickLater, openReferenceWorkbook, rowsOf, sheetOf } from '../support/e2eBuild';
import { FORMS } from '../../src/core/schema/forms';
import type { LocalWorkbook } from '../../src/local/localWorkbook';

jest.setTimeout(60_000);

const browser = suiteBrowser();
const OWNER = 'metodist@klin.example';

/** Petrov's IOM sent through the form and drained into «ИОМ»; its row selected, as the methodist does. */
function workbookWithIom(): { wb: LocalWorkbook; response: GoogleAppsScript.Forms.FormResponse } {
  const wb = openReferenceWorkbook();
  wb.menu('menuCreateForms');
  const iomForm = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS.iom.title)!;
  const response = wb.runtime.forms.submit(iomForm, {
    email: 'petrov@klin.example',
    answers: {
      'ФИО педагога': 'Петров Пётр Ильич',
      'Образовательная организация': 'МОУ «Средняя школа № 1»',
      Должность: 'Учитель',
      'Выявленные профессиональные дефициты': ['Методические', 'Цифровые (ИКТ)'],
      'Мероприятия ИОМ': ['Стажировка', 'Наставничество'],
      'Начало реализации ИОМ': new Date(2025, 8, 15),
      'Окончание реализации ИОМ': new Date(2026, 4, 31),
      'Куратор ИОМ': '<b>Иванова Ирина</b>',
      'Статус ИОМ': 'Разработан',
    },
  });
  aTickLater(wb); // the queue's prompt drain
  expect(rowsOf(wb, 'iom')).toHaveLength(1);
  selectIomRow(wb);
  return { wb, response };
}

const selectIomRow = (wb: LocalWorkbook) => wb.spreadsheet.setActiveSelection(sheetOf(wb, 'ИОМ').getRange(2, 1, 1, 3));

/** The cell of the (only) «ИОМ» row under `header`, as a methodist would type into it. */
function iomCell(wb: LocalWorkbook, header: string): GoogleAppsScript.Spreadsheet.Range {
  const sheet = sheetOf(wb, 'ИОМ');
  const column = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.indexOf(header) + 1;
  return sheet.getRange(2, column);
}

async function opened(page: Page): Promise<void> {
  await page.locator('#title', { hasText: 'Петров' }).waitFor();
}

test('the selected IOM: description, status, the fields a methodist needs as text, the form’s edit link', async () => {
  const { wb, response } = workbookWithIom();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowIom');
  await opened(page);
  await expect(page.locator('#title').innerText()).resolves.toBe('Петров Пётр Ильич (ОО-1), ИОМ с 15.09.2025');
  await expect(page.locator('#status').innerText()).resolves.toBe('Разработан');
  const fields = await page.locator('#fields').innerText();
  for (const text of [
    'Петров Пётр Ильич',
    'МОУ «Средняя школа № 1»',
    '15.09.2025',
    '31.05.2026',
    '<b>Иванова Ирина</b>',
    'Методические; Цифровые (ИКТ)',
    'Стажировка; Наставничество',
  ])
    expect({ text, shown: fields.includes(text) }).toEqual({ text, shown: true });
  // The register's other columns (who sent it, the position, the response id…) are not the panel's business.
  await expect(page.locator('#fields dt').allInnerTexts()).resolves.toEqual([
    'ФИО педагога',
    'ОО',
    'Начало реализации ИОМ',
    'Окончание реализации ИОМ',
    'Куратор ИОМ',
    'Выявленные профессиональные дефициты',
    'Мероприятия ИОМ',
  ]);
  expect(fields).not.toContain('petrov@klin.example');
  await expect(page.locator('#fields b').count()).resolves.toBe(0);
  const link = page.getByRole('link', { name: 'Открыть ссылку для редактирования' });
  await expect(link.getAttribute('href')).resolves.toBe(response.getEditResponseUrl());
  await expect(link.getAttribute('target')).resolves.toBe('_blank');
  await expect(link.getAttribute('rel')).resolves.toBe('noopener');
  await expect(page.locator('#nextStatus option').allInnerTexts()).resolves.toEqual([
    'Реализуется',
    'Не реализован',
    'Возвращён на доработку',
  ]);
  await saveScreenshot(page, 'iom-fields');
  // The link found on the first opening is kept in the row.
  expect(rowsOf(wb, 'iom')[0]!['Ссылка для редактирования']).toBe(response.getEditResponseUrl());
  expect(errors).toEqual([]);
  await page.close();
});

test('the selected IOM is returned for rework with a comment: status, comment and audit in the workbook', async () => {
  const { wb } = workbookWithIom();
  const { page, errors, calls } = await openBundlePage(browser(), wb, 'menuShowIom');
  await opened(page);
  // Without a comment the page says what is missing and asks nothing of the server.
  await page.locator('#nextStatus').selectOption('Возвращён на доработку');
  await page.getByRole('button', { name: 'Изменить статус' }).click();
  await expect(page.locator('#commentError').isVisible()).resolves.toBe(true);
  await expect(page.locator('#commentError').innerText()).resolves.toContain('Укажите комментарий');
  expect(calls).not.toContain('rpcIomChangeStatus');

  await page.getByLabel('Комментарий методиста').fill('Добавьте мероприятия по функциональной грамотности');
  await expect(page.locator('#commentError').isVisible()).resolves.toBe(false);
  await page.getByRole('button', { name: 'Изменить статус' }).click();
  await page.locator('#message', { hasText: 'Статус изменён: Возвращён на доработку' }).waitFor();
  await expect(page.locator('#commentLine').innerText()).resolves.toBe('Комментарий: Добавьте мероприятия по функциональной грамотности');
  await expect(page.locator('#status').getAttribute('class')).resolves.toBe('badge returned');
  await expect(page.locator('#nextStatus option').allInnerTexts()).resolves.toEqual(['Разработан', 'Реализуется']);
  await saveScreenshot(page, 'iom');

  expect(rowsOf(wb, 'iom')[0]).toMatchObject({
    'Статус ИОМ': 'Возвращён на доработку',
    'Комментарий методиста': 'Добавьте мероприятия по функциональной грамотности',
  });
  const audit = rowsOf(wb, 'audit').filter((r) => r['Поле'] === 'Статус ИОМ');
  expect(audit.map((r) => [r['Кто'], r['Было'], r['Стало']])).toEqual([[OWNER, 'Разработан', 'Возвращён на доработку']]);
  expect(errors).toEqual([]);
  await page.close();
});

test('a status changed in the sheet meanwhile: the change is refused with the reason, nothing is written', async () => {
  const { wb } = workbookWithIom();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowIom');
  await opened(page);
  iomCell(wb, 'Статус ИОМ').setValue('Реализован'); // a colleague, in the sheet
  const auditRows = rowsOf(wb, 'audit').length;
  await page.locator('#nextStatus').selectOption('Реализуется');
  await page.getByRole('button', { name: 'Изменить статус' }).click();
  await page.locator('#message.box.error', { hasText: 'Из статуса «Реализован» нельзя перейти в «Реализуется».' }).waitFor();
  expect(rowsOf(wb, 'iom')[0]!['Статус ИОМ']).toBe('Реализован');
  expect(rowsOf(wb, 'audit')).toHaveLength(auditRows);
  expect(errors).toEqual([]);
  await page.close();
});

test('a javascript: link typed into the sheet is no link; «Обновить» off the «ИОМ» sheet shows the server’s message', async () => {
  const { wb } = workbookWithIom();
  iomCell(wb, 'Ссылка для редактирования').setValue('javascript:alert(1)');
  const { page, errors, dialogs, calls } = await openBundlePage(browser(), wb, 'menuShowIom');
  await opened(page);
  await expect(page.locator('a').count()).resolves.toBe(0);
  await expect(page.locator('#editLinkLine').isVisible()).resolves.toBe(false);

  wb.spreadsheet.setActiveSelection(sheetOf(wb, 'Педагоги').getRange(2, 1));
  await page.getByRole('button', { name: 'Обновить (взять выделенную строку)' }).click();
  await page.locator('#message.box.error', { hasText: 'Откройте лист «ИОМ» и выделите строку с ИОМ.' }).waitFor();
  await expect(page.locator('#view').isVisible()).resolves.toBe(false);
  expect(calls.filter((c) => c === 'rpcIomCurrent')).toHaveLength(2);
  expect({ errors, dialogs }).toEqual({ errors: [], dialogs: [] });
  await page.close();
});

test('a user taken off the access list while her panel is open is refused, in Russian; the row is untouched', async () => {
  const { wb } = workbookWithIom();
  const { page, errors, refusal } = await openThenLoseAccess(browser(), wb, 'menuShowIom');
  await opened(page);
  await page.locator('#nextStatus').selectOption('Реализуется');
  await page.getByRole('button', { name: 'Изменить статус' }).click();
  await page.locator('#message.box.error', { hasText: refusal }).waitFor();
  await saveScreenshot(page, 'iom-refused');
  expect(rowsOf(wb, 'iom')[0]!['Статус ИОМ']).toBe('Разработан');
  // Asking for the row again is refused the same way: nothing of it is shown.
  await page.getByRole('button', { name: 'Обновить (взять выделенную строку)' }).click();
  await page.locator('#view.hidden').waitFor({ state: 'attached' });
  await expect(page.locator('#message.box.error').innerText()).resolves.toBe(refusal);
  expect(errors).toEqual([]);
  await page.close();
});
