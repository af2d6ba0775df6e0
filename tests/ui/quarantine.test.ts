// Page-only behaviour of the quarantine sidebar with fixed server replies (real statuses and question titles):
// filters, busy states, text never markup, the dismiss confirmation. Fixing an answer against the real bundle —
// dropdowns, checkboxes, dates, the register row — is in quarantineBundle.test.ts.
import type { Browser } from 'playwright-core';
import { launch, openPage, callsTo, setFixture, screenshot, type Opened } from './harness';

jest.setTimeout(30000);

const hostileAnswer = '<img src=x onerror=alert(1)>';
const hostileReason = 'Неизвестная ОО: <script>alert("x")</script>';

const entries = [
  {
    id: 'q1',
    form: 'Учёт ИОМ',
    receivedAt: '12.09.2025 10:15',
    reason: 'Не указано «Начало реализации ИОМ»',
    status: 'Ожидает',
    answers: { 'ФИО педагога': 'Иванова Мария Петровна', 'Образовательная организация': 'МБОУ СОШ № 5', 'Начало реализации ИОМ': '' },
    responseId: 'r1',
    source: 'Форма',
  },
  {
    id: 'q2',
    form: 'Журнал мероприятий',
    receivedAt: '13.09.2025 09:00',
    reason: hostileReason,
    status: 'Ожидает',
    answers: { 'Название мероприятия': hostileAnswer, 'Направление, проект': 'Очень длинное описание направления, которое не помещается в одну строку поля ввода и требует многострочного поля' },
    responseId: 'r2',
    source: 'Импорт CSV',
    respondent: { name: hostileAnswer, org: '<b>ОО</b>', email: '' },
  },
  {
    id: 'q3',
    form: 'Учёт ИОМ',
    receivedAt: '01.09.2025 08:00',
    reason: 'Дубликат',
    status: 'Отклонено',
    answers: { 'ФИО педагога': 'Петров П. П.' },
    responseId: 'r3',
    source: 'Форма',
  },
];

const panel = (list: typeof entries) => ({ entries: list, questions: {} });

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(fixtures = {}): Promise<Opened> {
  const opened = await openPage(browser, 'Quarantine', { rpcQuarantineList: { ok: panel(entries) }, ...fixtures });
  await opened.page.locator('.quarantine-row').first().waitFor();
  return opened;
}

test('lists the waiting answers with form, time and reason; processed ones only on request', async () => {
  const { page, errors } = await open();
  const rows = page.locator('.quarantine-row');
  await expect(rows.count()).resolves.toBe(2);
  await expect(rows.nth(1).innerText()).resolves.toContain('Учёт ИОМ');
  await expect(rows.nth(1).innerText()).resolves.toContain('12.09.2025 10:15');
  await expect(rows.nth(1).innerText()).resolves.toContain('Не указано «Начало реализации ИОМ»');
  await page.locator('#showProcessed').check();
  await expect(rows.count()).resolves.toBe(3);
  await expect(page.locator('.quarantine-row', { hasText: 'Дубликат' }).innerText()).resolves.toContain('Отклонено');
  await page.locator('#showProcessed').uncheck();
  await screenshot(page, 'quarantine-filters');
  await page.locator('#formFilter').selectOption('Журнал мероприятий');
  await expect(rows.count()).resolves.toBe(1);
  expect(errors).toEqual([]);
  await page.close();
});

test('hostile answers and reasons are shown as text, never as markup', async () => {
  const { page, dialogs, errors } = await open();
  const row = page.locator('.quarantine-row', { hasText: 'Журнал мероприятий' });
  await expect(row.innerText()).resolves.toContain(hostileReason);
  await row.click();
  await expect(page.locator('#editorReason').innerText()).resolves.toBe(hostileReason);
  await expect(page.locator('[data-question="Название мероприятия"]').inputValue()).resolves.toBe(hostileAnswer);
  await expect(page.locator('textarea[data-question="Направление, проект"]').count()).resolves.toBe(1);
  await expect(page.locator('#editorHead .who').innerText()).resolves.toBe(hostileAnswer);
  await expect(page.locator('#editorHead .who-org').innerText()).resolves.toBe('<b>ОО</b>');
  await expect(page.locator('b').count()).resolves.toBe(0);
  await screenshot(page, 'quarantine-hostile');
  await page.waitForTimeout(100);
  await expect(page.locator('img').count()).resolves.toBe(0);
  await expect(page.locator('body script').count()).resolves.toBe(1); // only the page's own script
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test('«Сохранить и обработать» sends the edited answers and removes the accepted row', async () => {
  const { page } = await open({
    rpcQuarantineReprocess: { ok: { status: 'accepted', register: 'ИОМ', action: 'added', description: 'ИОМ Ивановой М. П.' } },
  });
  await page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' }).click();
  await page.getByLabel('Начало реализации ИОМ').fill('15.09.2025');
  await page.evaluate('window.__hold = true');
  await page.getByRole('button', { name: 'Сохранить и обработать' }).click();
  await expect(page.locator('#save').isDisabled()).resolves.toBe(true); // while the call runs
  await page.evaluate('window.__release()');
  await page.getByText('Принято: ИОМ Ивановой М. П.').waitFor();
  const sent = await callsTo(page, 'rpcQuarantineReprocess');
  expect(sent).toEqual([
    {
      name: 'rpcQuarantineReprocess',
      payload: {
        id: 'q1',
        answers: { 'ФИО педагога': 'Иванова Мария Петровна', 'Образовательная организация': 'МБОУ СОШ № 5', 'Начало реализации ИОМ': '15.09.2025' },
      },
    },
  ]);
  await expect(page.locator('.quarantine-row').count()).resolves.toBe(1);
  await expect(page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' }).count()).resolves.toBe(0);
  await page.close();
});

test('a still-quarantined answer keeps the editor open with the new reason; a failure shows the server message', async () => {
  const { page } = await open({
    rpcQuarantineReprocess: {
      seq: [
        { ok: { status: 'quarantined', reason: 'Дата «31.02.2025» не существует', quarantineId: 'q1' } },
        { error: 'Нет доступа: таблица открыта не методистом.' },
      ],
    },
  });
  await page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' }).click();
  await page.getByLabel('Начало реализации ИОМ').fill('31.02.2025');
  await page.getByRole('button', { name: 'Сохранить и обработать' }).click();
  await page.locator('#editorMessage', { hasText: 'Дата «31.02.2025» не существует' }).waitFor();
  await expect(page.locator('#editorReason').innerText()).resolves.toBe('Дата «31.02.2025» не существует');
  await expect(page.locator('#editorView').isVisible()).resolves.toBe(true);

  await page.getByRole('button', { name: 'Сохранить и обработать' }).click();
  const box = page.locator('.box.error', { hasText: 'Нет доступа: таблица открыта не методистом.' });
  await box.waitFor();
  await expect(box.isVisible()).resolves.toBe(true);
  await expect(page.locator('#save').isEnabled()).resolves.toBe(true);
  await page.close();
});

test('«Отклонить» asks for a comment, then dismisses', async () => {
  const { page } = await open({ rpcQuarantineDismiss: { ok: { ok: true } } });
  await page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' }).click();
  await page.getByRole('button', { name: 'Отклонить' }).click();
  await page.getByRole('button', { name: 'Подтвердить отклонение' }).click();
  await expect(page.locator('#dismissError').isVisible()).resolves.toBe(true);
  expect(await callsTo(page, 'rpcQuarantineDismiss')).toEqual([]);
  await page.getByLabel('Причина отклонения').fill('Дубликат ответа');
  await page.getByRole('button', { name: 'Подтвердить отклонение' }).click();
  await page.getByText('Ответ отклонён.').waitFor();
  expect((await callsTo(page, 'rpcQuarantineDismiss')).map((c) => c.payload)).toEqual([{ id: 'q1', comment: 'Дубликат ответа' }]);
  await expect(page.locator('.quarantine-row').count()).resolves.toBe(1);
  await page.close();
});

test('«Обработать все» shows the counts and reloads; an empty quarantine says so', async () => {
  const { page } = await open({ rpcQuarantineReprocessAll: { ok: { accepted: 2, stillQuarantined: 0 } } });
  await setFixture(page, 'rpcQuarantineList', { ok: panel([entries[2]!]) });
  await page.getByRole('button', { name: 'Обработать все' }).click();
  await page.getByText('Принято: 2, осталось в карантине: 0').waitFor();
  await page.getByText('Карантин пуст — все ответы приняты.').waitFor();
  expect((await callsTo(page, 'rpcQuarantineList')).length).toBe(2);
  await expect(page.locator('#reprocessAll').isDisabled()).resolves.toBe(true);
  await page.close();
});

test('a failing list shows the server message', async () => {
  const { page } = await openPage(browser, 'Quarantine', { rpcQuarantineList: { error: 'Таблица не настроена: запустите «Маршрут → Настроить».' } });
  await page.locator('.box.error', { hasText: 'Таблица не настроена' }).waitFor();
  await page.close();
});
