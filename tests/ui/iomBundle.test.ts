// The IOM sidebar through the real bundle: the selected «ИОМ» row is shown with its life-cycle status, the
// methodist returns it for rework with a comment, and the register row and «Журнал изменений» show the change.
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { aMinuteLater, openReferenceWorkbook, rowsOf, sheetOf } from '../support/e2eBuild';
import { FORMS } from '../../src/core/schema/forms';

jest.setTimeout(60_000);

const browser = suiteBrowser();

test('the selected IOM is returned for rework with a comment: status, comment and audit in the workbook', async () => {
  const wb = openReferenceWorkbook();
  wb.menu('menuCreateForms');
  const iomForm = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS.iom.title)!;
  wb.runtime.forms.submit(iomForm, {
    email: 'petrov@klin.example',
    answers: {
      'ФИО педагога': 'Петров Пётр Ильич',
      'Образовательная организация': 'МОУ «Средняя школа № 1»',
      Должность: 'Учитель',
      'Начало реализации ИОМ': new Date(2025, 8, 15),
      'Окончание реализации ИОМ': new Date(2026, 4, 31),
      'Куратор ИОМ': 'Иванова Ирина',
      'Статус ИОМ': 'Разработан',
    },
  });
  aMinuteLater(wb); // the queue's prompt drain
  expect(rowsOf(wb, 'iom')).toHaveLength(1);
  wb.spreadsheet.setActiveSelection(sheetOf(wb, 'ИОМ').getRange(2, 1, 1, 3));

  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowIom');
  await page.locator('#title', { hasText: 'Петров' }).waitFor();
  await expect(page.locator('#status').innerText()).resolves.toBe('Разработан');
  await expect(page.locator('#fields').innerText()).resolves.toContain('15.09.2025');
  await expect(page.locator('#nextStatus option').allInnerTexts()).resolves.toEqual(['Реализуется', 'Не реализован', 'Возвращён на доработку']);
  await page.locator('#nextStatus').selectOption('Возвращён на доработку');
  await page.getByLabel('Комментарий методиста').fill('Добавьте мероприятия по функциональной грамотности');
  await page.getByRole('button', { name: 'Изменить статус' }).click();
  await page.locator('#message', { hasText: 'Статус изменён: Возвращён на доработку' }).waitFor();
  await expect(page.locator('#commentLine').innerText()).resolves.toBe('Комментарий: Добавьте мероприятия по функциональной грамотности');
  await expect(page.locator('#nextStatus option').allInnerTexts()).resolves.toEqual(['Разработан', 'Реализуется']);
  await saveScreenshot(page, 'iom');

  expect(rowsOf(wb, 'iom')[0]).toMatchObject({
    'Статус ИОМ': 'Возвращён на доработку',
    'Комментарий методиста': 'Добавьте мероприятия по функциональной грамотности',
  });
  const audit = rowsOf(wb, 'audit').filter((r) => r['Поле'] === 'Статус ИОМ');
  expect(audit.map((r) => [r['Кто'], r['Было'], r['Стало']])).toEqual([['metodist@klin.example', 'Разработан', 'Возвращён на доработку']]);
  expect(errors).toEqual([]);
  await page.close();
});
