// Page-only behaviour of the IOM sidebar with fixed server replies (real statuses and transitions): which fields
// are shown, links only for https, the comment required for rework, server failures. The status change itself,
// against the real bundle and register, is in iomBundle.test.ts.
import type { Browser } from 'playwright-core';
import { launch, openPage, callsTo, screenshot } from './harness';

jest.setTimeout(30000);

const view = {
  index: 4,
  key: 'iom-7f3a',
  description: 'ИОМ Ивановой М. П. (МБОУ СОШ № 5), 15.09.2025–31.05.2026',
  status: 'Разработан',
  comment: '',
  editUrl: 'https://docs.google.com/forms/d/e/abc/viewform?edit2=xyz',
  nextStatuses: ['Реализуется', 'Не реализован', 'Возвращён на доработку'],
  row: {
    'ФИО педагога': 'Иванова Мария Петровна',
    ОО: 'МБОУ СОШ № 5',
    'Начало реализации ИОМ': '15.09.2025',
    'Окончание реализации ИОМ': '31.05.2026',
    'Куратор ИОМ': 'Смирнова О. В.',
    'Выявленные профессиональные дефициты': 'Формирующее оценивание, <b>ИКТ</b>',
    'Мероприятия ИОМ': 'Курсы ПК; Наставничество',
    'Служебное поле': 'не показывать',
  },
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(fixtures = {}) {
  const opened = await openPage(browser, 'Iom', { rpcIomCurrent: { ok: view }, ...fixtures });
  await opened.page.locator('#title', { hasText: 'ИОМ Ивановой' }).waitFor();
  return opened;
}

test('shows the description, status badge, key fields and the edit link', async () => {
  const { page, errors } = await open();
  await expect(page.locator('#status').innerText()).resolves.toBe('Разработан');
  const fields = await page.locator('#fields').innerText();
  for (const text of ['Иванова Мария Петровна', 'МБОУ СОШ № 5', '15.09.2025', '31.05.2026', 'Смирнова О. В.', 'Формирующее оценивание, <b>ИКТ</b>', 'Курсы ПК; Наставничество'])
    expect(fields).toContain(text);
  expect(fields).not.toContain('не показывать');
  await expect(page.locator('#fields b').count()).resolves.toBe(0);
  const link = page.getByRole('link', { name: 'Открыть ссылку для редактирования' });
  await expect(link.getAttribute('href')).resolves.toBe(view.editUrl);
  await expect(link.getAttribute('target')).resolves.toBe('_blank');
  await expect(link.getAttribute('rel')).resolves.toBe('noopener');
  await expect(page.locator('#nextStatus option').allInnerTexts()).resolves.toEqual(view.nextStatuses);
  await screenshot(page, 'iom-fields');
  expect(errors).toEqual([]);
  await page.close();
});

test('returning for rework without a comment shows the inline message and calls nothing', async () => {
  const { page } = await open({ rpcIomChangeStatus: { ok: view } });
  await page.locator('#nextStatus').selectOption('Возвращён на доработку');
  await page.getByRole('button', { name: 'Изменить статус' }).click();
  await expect(page.locator('#commentError').isVisible()).resolves.toBe(true);
  await expect(page.locator('#commentError').innerText()).resolves.toContain('Укажите комментарий');
  await page.waitForTimeout(100);
  expect(await callsTo(page, 'rpcIomChangeStatus')).toEqual([]);
  await page.close();
});

test('a javascript: editUrl is not rendered as a link; failures and refresh show the server message', async () => {
  const { page, dialogs } = await open({
    rpcIomCurrent: {
      seq: [{ ok: { ...view, editUrl: 'javascript:alert(1)' } }, { error: 'Откройте лист «ИОМ» и выделите строку с ИОМ.' }],
    },
  });
  await expect(page.locator('a').count()).resolves.toBe(0);
  await expect(page.locator('[href^="javascript"]').count()).resolves.toBe(0);
  await page.getByRole('button', { name: 'Обновить (взять выделенную строку)' }).click();
  await page.locator('.box.error', { hasText: 'Откройте лист «ИОМ» и выделите строку с ИОМ.' }).waitFor();
  await expect(page.locator('#view').isVisible()).resolves.toBe(false);
  expect((await callsTo(page, 'rpcIomCurrent')).length).toBe(2);
  expect(dialogs).toEqual([]);
  await page.close();
});

test('a failed status change shows the server message', async () => {
  const { page } = await open({ rpcIomChangeStatus: { error: 'Статус уже изменён другим пользователем. Обновите панель.' } });
  await page.locator('#nextStatus').selectOption('Реализуется');
  await page.getByRole('button', { name: 'Изменить статус' }).click();
  await page.locator('.box.error', { hasText: 'Статус уже изменён другим пользователем' }).waitFor();
  expect((await callsTo(page, 'rpcIomChangeStatus')).map((c) => c.payload)).toEqual([
    { index: 4, key: 'iom-7f3a', status: 'Реализуется', comment: '' },
  ]);
  await page.close();
});
