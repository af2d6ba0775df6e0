// The quarantine sidebar through the real bundle: a rejected form answer appears in the page with who sent it,
// the methodist fixes it there with the question's own field (dropdown, checkboxes, date), and the row appears in
// the register; filters, busy states, dismissal, «Обработать все», markup shown as text, and the server's refusals
// (a user taken off the access list, a sheet deleted under the page) — every answer really quarantined by intake.
import { openBundlePage, openThenLoseAccess, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { aTickLater, openReferenceWorkbook, rowsOf, sheetOf } from '../support/e2eBuild';
import { FORMS, type FormId } from '../../src/core/schema/forms';
import type { LocalWorkbook } from '../../src/local/localWorkbook';

jest.setTimeout(60_000);

const browser = suiteBrowser();

function workbookWithForms(): LocalWorkbook {
  const wb = openReferenceWorkbook();
  wb.menu('menuCreateForms');
  return wb;
}

/** A row of an old export, submitted as recorded (no form-side checks), so that intake quarantines it. */
function submitOld(
  wb: LocalWorkbook,
  form: FormId,
  answers: Record<string, string | string[]>,
  timestamp = new Date(2025, 8, 12, 10, 15),
): void {
  const target = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS[form].title)!;
  wb.runtime.forms.submit(target, { imported: true, answers, timestamp, email: 'coordinator@klin.example' });
  aTickLater(wb); // the queue's prompt drain
}

/** An IOM answer without its start date: quarantined until the methodist gives one. */
const IOM_WITHOUT_START = {
  'ФИО педагога': 'Петров Пётр Ильич',
  'Образовательная организация': 'МОУ «Средняя школа № 1»',
  Должность: 'Учитель',
  'Окончание реализации ИОМ': '31.05.2026',
  'Статус ИОМ': 'Разработан',
};
/** An event that ends before it starts. */
const EVENT_ENDS_EARLY = {
  'Название мероприятия': 'Семинар наставников',
  'Вид мероприятия': 'Семинар',
  Уровень: 'Муниципальный',
  'Дата начала': '15.09.2025',
  'Дата окончания': '01.09.2025',
};

/** Two waiting answers (an IOM, an event) and one the methodist dismissed earlier (a mentoring pair). */
function workbookWithThree(): LocalWorkbook {
  const wb = workbookWithForms();
  submitOld(wb, 'iom', IOM_WITHOUT_START, new Date(2025, 8, 12, 10, 15));
  submitOld(wb, 'events', EVENT_ENDS_EARLY, new Date(2025, 8, 13, 9, 0));
  submitOld(wb, 'mentoring', { 'ФИО наставника': 'Иванова Ирина', 'ОО наставника': 'МОУ «Средняя школа № 1»' }, new Date(2025, 8, 1, 8, 0));
  const mentoring = wb
    .rpc<{ entries: { id: string; form: string }[] }>('rpcQuarantineList')
    .entries.find((e) => e.form === 'Наставничество')!;
  wb.rpc('rpcQuarantineDismiss', { id: mentoring.id, comment: 'Дубликат' });
  return wb;
}

test('a quarantined answer fixed in the sidebar lands in «Мероприятия»', async () => {
  const wb = workbookWithForms();
  // The end date before the start date — quarantined.
  submitOld(wb, 'events', {
    'Название мероприятия': 'Семинар наставников',
    'Вид мероприятия': 'Семинар',
    Уровень: 'Муниципальный',
    'Дата начала': '15.09.2025',
    'Дата окончания': '01.09.2025',
  });
  expect(rowsOf(wb, 'events')).toHaveLength(0);

  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  const card = page.locator('.quarantine-row', { hasText: 'Журнал мероприятий' });
  await card.waitFor();
  await expect(card.innerText()).resolves.toContain('раньше, чем «Дата начала»');
  await expect(card.locator('.who').innerText()).resolves.toBe('Семинар наставников');
  await card.click();
  await page.getByLabel('Дата окончания').fill('2025-09-16');
  await page.locator('#save').click();
  await page.locator('#message', { hasText: 'Принято' }).waitFor();
  await saveScreenshot(page, 'quarantine-fixed');

  const stored = rowsOf(wb, 'events');
  expect(stored).toHaveLength(1);
  expect(stored[0]!['Название мероприятия']).toBe('Семинар наставников');
  expect(rowsOf(wb, 'quarantine')[0]!['Статус']).toBe('Принято');
  expect(errors).toEqual([]);
  await page.close();
});

test('an IOM answer with an unknown ОО and a non-date is fixed with the dropdown, checkboxes and the date field', async () => {
  const wb = workbookWithForms();
  submitOld(wb, 'iom', {
    'ФИО педагога': 'Петров Пётр Ильич',
    'Образовательная организация': 'Школа № 1',
    Должность: 'Учитель',
    'Выявленные профессиональные дефициты': 'Методические, Метапредметные, функциональная грамотность, Цифровые',
    'Начало реализации ИОМ': 'с сентября',
    'Окончание реализации ИОМ': '31.05.2026',
    'Статус ИОМ': 'Разработан',
  });
  expect(rowsOf(wb, 'iom')).toHaveLength(0);

  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  const card = page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' });
  await card.waitFor();
  // Who answered and when, on the card.
  await expect(card.locator('.who').innerText()).resolves.toBe('Петров Пётр Ильич');
  await expect(card.locator('.who-org').innerText()).resolves.toBe('Школа № 1 · coordinator@klin.example');
  await expect(card.innerText()).resolves.toContain('12.09.2025 10:15:00');
  await saveScreenshot(page, 'quarantine');
  await card.click();

  // ОО: a dropdown of the workbook's ОО; the answer's unknown value stays selected, marked.
  const org = page.getByLabel('Образовательная организация');
  await expect(org.locator('option').allInnerTexts()).resolves.toEqual([
    '— не выбрано —',
    'МДОУ «Детский сад «Ромашка»»',
    'МОУ «Средняя школа № 1»',
    'МУ «Учебно-методический центр»',
    'Школа № 1 (нет в списке)',
  ]);
  await expect(org.inputValue()).resolves.toBe('Школа № 1');
  await expect(page.getByLabel('Статус ИОМ').inputValue()).resolves.toBe('Разработан');
  // Checkboxes: an option containing «, » is one box; a value that is no option stays checked.
  const deficits = page.getByRole('group', { name: 'Выявленные профессиональные дефициты' });
  await expect(deficits.getByLabel('Метапредметные, функциональная грамотность').isChecked()).resolves.toBe(true);
  await expect(deficits.getByLabel('Методические', { exact: true }).isChecked()).resolves.toBe(true);
  await expect(deficits.getByLabel('Предметные', { exact: true }).isChecked()).resolves.toBe(false);
  await expect(deficits.getByLabel('Цифровые (нет в списке)').isChecked()).resolves.toBe(true);
  // Dates: a real one is shown in the date field; a non-date is kept and shown under an empty field.
  await expect(page.getByLabel('Окончание реализации ИОМ').inputValue()).resolves.toBe('2026-05-31');
  const start = page.getByLabel('Начало реализации ИОМ');
  await expect(start.getAttribute('type')).resolves.toBe('date');
  await expect(start.inputValue()).resolves.toBe('');
  await expect(page.locator('.raw-date').innerText()).resolves.toContain('«с сентября»');
  await saveScreenshot(page, 'quarantine-editor');

  await org.selectOption('МОУ «Средняя школа № 1»');
  await deficits.getByLabel('Цифровые (нет в списке)').uncheck();
  await deficits.getByLabel('Предметные', { exact: true }).check();
  await start.fill('2025-09-01');
  await page.locator('#save').click();
  await page.locator('#message', { hasText: 'Принято' }).waitFor();

  const [iom] = rowsOf(wb, 'iom');
  expect(iom).toMatchObject({ 'ФИО педагога': 'Петров Пётр Ильич', ОО: 'МОУ «Средняя школа № 1»' });
  expect(String(iom!['Выявленные профессиональные дефициты'])).toBe('Предметные; Методические; Метапредметные, функциональная грамотность');
  expect((iom!['Начало реализации ИОМ'] as Date).getTime()).toBe(new Date(2025, 8, 1).getTime());
  expect((iom!['Окончание реализации ИОМ'] as Date).getTime()).toBe(new Date(2026, 4, 31).getTime());
  const fixed = JSON.parse(String(rowsOf(wb, 'quarantine')[0]!['Ответы'])) as Record<string, string>;
  expect(fixed['Окончание реализации ИОМ']).toBe('31.05.2026'); // an untouched date is sent as the answer had it
  expect(fixed['Начало реализации ИОМ']).toBe('01.09.2025'); // a picked date is written дд.мм.гггг, as methodists read it
  expect(errors).toEqual([]);
  await page.close();
});

test('an ОО typed with other spacing and quotes: the reason says «Возможно, …» and the dropdown offers that name first', async () => {
  const wb = workbookWithForms();
  submitOld(wb, 'iom', {
    ...IOM_WITHOUT_START,
    'Образовательная организация': 'МОУ "Средняя школа №1"',
    'Начало реализации ИОМ': '01.09.2025',
  });
  expect(rowsOf(wb, 'iom')).toHaveLength(0);
  expect(String(rowsOf(wb, 'quarantine')[0]!['Причина'])).toContain(
    'Организация «МОУ "Средняя школа №1"» (вопрос «Образовательная организация») не найдена в листе «Организации». ' +
      'Возможно, «МОУ «Средняя школа № 1»»: выберите её в карантине.',
  );

  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  await page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' }).click();
  const org = page.getByLabel('Образовательная организация');
  await expect(org.locator('optgroup').first().getAttribute('label')).resolves.toBe('Похожие на ответ');
  await expect(org.locator('optgroup').first().locator('option').allInnerTexts()).resolves.toEqual(['МОУ «Средняя школа № 1»']);
  // …before the other ОО, each listed once, and the answer as typed, marked.
  await expect(org.locator('option').allInnerTexts()).resolves.toEqual([
    '— не выбрано —',
    'МОУ «Средняя школа № 1»',
    'МДОУ «Детский сад «Ромашка»»',
    'МУ «Учебно-методический центр»',
    'МОУ "Средняя школа №1" (нет в списке)',
  ]);
  await org.selectOption('МОУ «Средняя школа № 1»');
  await page.locator('#save').click();
  await page.locator('#message', { hasText: 'Принято' }).waitFor();
  expect(rowsOf(wb, 'iom')[0]).toMatchObject({ 'ФИО педагога': 'Петров Пётр Ильич', ОО: 'МОУ «Средняя школа № 1»' });
  expect(errors).toEqual([]);
  await page.close();
});

test('an unparseable date left alone is sent back unchanged, so the answer stays quarantined as it was', async () => {
  const wb = workbookWithForms();
  submitOld(wb, 'events', {
    'Название мероприятия': 'Вебинар',
    'Вид мероприятия': 'Вебинар',
    Уровень: 'Муниципальный',
    'Дата начала': 'вчера',
  });
  const { page } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  await page.locator('.quarantine-row', { hasText: 'Вебинар' }).click();
  await page.locator('#save').click();
  await page.locator('#editorMessage', { hasText: 'Ответ снова в карантине' }).waitFor();
  const answers = JSON.parse(String(rowsOf(wb, 'quarantine')[0]!['Ответы'])) as Record<string, string>;
  expect(answers['Дата начала']).toBe('вчера');
  await page.close();
});

test('waiting answers are listed with form, time and reason; processed ones only on request; a filter by form', async () => {
  const wb = workbookWithThree();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  const rows = page.locator('.quarantine-row');
  await rows.first().waitFor();
  await expect(rows.count()).resolves.toBe(2);
  const iom = page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' });
  await expect(iom.innerText()).resolves.toContain('12.09.2025 10:15:00');
  await expect(iom.locator('.reason').innerText()).resolves.toContain('Начало реализации ИОМ');
  await expect(page.locator('#formFilter option').allInnerTexts()).resolves.toEqual([
    'Все формы',
    'Журнал мероприятий (1)',
    'Наставничество (0)',
    'Учёт ИОМ (1)',
  ]);

  await page.locator('#showProcessed').check();
  await expect(rows.count()).resolves.toBe(3);
  await expect(page.locator('.quarantine-row', { hasText: 'Наставничество' }).locator('.badge').innerText()).resolves.toBe('Отклонено');
  await page.locator('#showProcessed').uncheck();
  await expect(rows.count()).resolves.toBe(2);
  await page.locator('#formFilter').selectOption('Журнал мероприятий');
  await expect(rows.allInnerTexts()).resolves.toEqual([expect.stringContaining('Семинар наставников')]);
  await saveScreenshot(page, 'quarantine-filters');
  expect(errors).toEqual([]);
  await page.close();
});

test('markup in an answer and in its reason is shown as text; a long answer gets a text area', async () => {
  const wb = workbookWithForms();
  const hostile = '<img src=x onerror=alert(1)>';
  const long = 'Очень длинное описание направления, которое не помещается в одну строку поля ввода и требует многострочного поля';
  submitOld(wb, 'events', {
    ...EVENT_ENDS_EARLY,
    'Дата окончания': '',
    'Название мероприятия': hostile,
    Организатор: '<b>ОО</b>',
    'Направление, проект': long,
  });
  const reason = 'Организация «<b>ОО</b>» (вопрос «Организатор») не найдена в листе «Организации».';
  expect(rowsOf(wb, 'quarantine')[0]!['Причина']).toBe(reason);

  const { page, dialogs, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  const card = page.locator('.quarantine-row');
  await card.waitFor();
  await expect(card.locator('.reason').innerText()).resolves.toBe(reason);
  await card.click();
  await expect(page.locator('#editorReason').innerText()).resolves.toBe(reason);
  await expect(page.locator('#editorHead .who').innerText()).resolves.toBe(hostile);
  await expect(page.locator('#editorHead .who-org').innerText()).resolves.toBe('<b>ОО</b>');
  await expect(page.locator('[data-question="Название мероприятия"]').inputValue()).resolves.toBe(hostile);
  await expect(page.locator('textarea[data-question="Направление, проект"]').inputValue()).resolves.toBe(long);
  // The unknown ОО stays selectable in the organizer's dropdown, as text.
  await expect(page.getByLabel('Организатор').locator('option.unknown').innerText()).resolves.toBe('<b>ОО</b> (нет в списке)');
  await saveScreenshot(page, 'quarantine-hostile');
  await page.waitForTimeout(100);
  await expect(page.locator('b, img').count()).resolves.toBe(0);
  await expect(page.locator('body script').count()).resolves.toBe(1); // only the page's own script
  expect({ dialogs, errors }).toEqual({ dialogs: [], errors: [] });
  await page.close();
});

test('«Сохранить и обработать» locks the editor while the call runs, then the accepted answer leaves the list', async () => {
  const wb = workbookWithThree();
  const { page, errors, hold, release } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  await page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' }).click();
  await page.getByLabel('Начало реализации ИОМ').fill('2025-09-15');
  await hold();
  await page.locator('#save').click();
  await expect(page.locator('#save').isDisabled()).resolves.toBe(true);
  await expect(page.locator('#loading').innerText()).resolves.toContain('Обработка ответа…');
  await release();
  await page.locator('#message', { hasText: 'Принято: ' }).waitFor();
  await expect(page.locator('#message').innerText()).resolves.toContain('Петров');
  await expect(page.locator('.quarantine-row').allInnerTexts()).resolves.toEqual([expect.stringContaining('Журнал мероприятий')]);
  expect(rowsOf(wb, 'iom').map((r) => r['ФИО педагога'])).toEqual(['Петров Пётр Ильич']);
  expect(errors).toEqual([]);
  await page.close();
});

test('an answer that fails again keeps the editor open with the new reason', async () => {
  const wb = workbookWithThree();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  await page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' }).click();
  // A start after the end: still not acceptable.
  await page.getByLabel('Начало реализации ИОМ').fill('2026-09-01');
  await page.locator('#save').click();
  const again = page.locator('#editorMessage', { hasText: 'Ответ снова в карантине' });
  await again.waitFor();
  const reason = String(rowsOf(wb, 'quarantine').find((r) => r['Форма'] === 'Учёт ИОМ')!['Причина']);
  expect(reason).toMatch(/раньше, чем «Начало реализации ИОМ»/);
  await expect(again.innerText()).resolves.toBe(`Ответ снова в карантине: ${reason}`);
  await expect(page.locator('#editorReason').innerText()).resolves.toBe(reason);
  await expect(page.locator('#editorView').isVisible()).resolves.toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

test('a user taken off the access list while her panel is open is refused, in Russian; nothing is accepted', async () => {
  const wb = workbookWithThree();
  const { page, errors, refusal } = await openThenLoseAccess(browser(), wb, 'menuShowQuarantine');
  await page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' }).click();
  await page.getByLabel('Начало реализации ИОМ').fill('2025-09-01');
  await page.locator('#save').click();
  const box = page.locator('#editorMessage.box.error');
  await box.waitFor();
  await expect(box.innerText()).resolves.toBe(refusal);
  await expect(page.locator('#save').isEnabled()).resolves.toBe(true);
  await saveScreenshot(page, 'quarantine-refused');
  expect(rowsOf(wb, 'iom')).toHaveLength(0);
  expect(rowsOf(wb, 'quarantine').find((r) => r['Форма'] === 'Учёт ИОМ')!['Статус']).toBe('Ожидает');
  expect(errors).toEqual([]);
  await page.close();
});

test('«Отклонить» asks for a comment first, then marks the answer «Отклонено» with the comment in the audit', async () => {
  const wb = workbookWithThree();
  const { page, calls, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  await page.locator('.quarantine-row', { hasText: 'Учёт ИОМ' }).click();
  await page.getByRole('button', { name: 'Отклонить' }).click();
  await page.getByRole('button', { name: 'Подтвердить отклонение' }).click();
  await expect(page.locator('#dismissError').isVisible()).resolves.toBe(true);
  expect(calls).not.toContain('rpcQuarantineDismiss');
  await page.getByLabel('Причина отклонения').fill('Дубликат ответа');
  await page.getByRole('button', { name: 'Подтвердить отклонение' }).click();
  await page.locator('#message', { hasText: 'Ответ отклонён.' }).waitFor();
  await expect(page.locator('.quarantine-row').allInnerTexts()).resolves.toEqual([expect.stringContaining('Журнал мероприятий')]);

  expect(rowsOf(wb, 'quarantine').map((r) => [r['Форма'], r['Статус']])).toEqual([
    ['Учёт ИОМ', 'Отклонено'],
    ['Журнал мероприятий', 'Ожидает'],
    ['Наставничество', 'Отклонено'],
  ]);
  const audit = rowsOf(wb, 'audit').filter((r) => r['Действие'] === 'Карантин: запись отклонена методистом');
  expect(audit.map((r) => r['Стало'])).toEqual(['Дубликат', 'Дубликат ответа']);
  expect(errors).toEqual([]);
  await page.close();
});

test('«Обработать все» after the missing ОО was typed into «Организации»: the counts, then «Карантин пуст»', async () => {
  const wb = workbookWithForms();
  for (const [i, name] of ['Петров Пётр Ильич', 'Иванова Ирина'].entries())
    submitOld(
      wb,
      'iom',
      {
        ...IOM_WITHOUT_START,
        'ФИО педагога': name,
        'Образовательная организация': 'МОУ «Школа № 7»',
        'Начало реализации ИОМ': '01.09.2025',
      },
      new Date(2025, 8, 12, 10, i),
    );
  const { page, calls, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  await page.locator('.quarantine-row').nth(1).waitFor();
  // Meanwhile the methodist types the school into «Организации» by hand (no answer is re-processed by that).
  sheetOf(wb, 'Организации').appendRow(['ОО-7', 'МОУ «Школа № 7»', 'Клин', 'Школа']);
  await page.getByRole('button', { name: 'Обработать все' }).click();
  await page.locator('#message', { hasText: 'Принято: 2, осталось в карантине: 0' }).waitFor();
  await page.getByText('Карантин пуст — все ответы приняты.').waitFor();
  expect(calls.filter((c) => c === 'rpcQuarantineList')).toHaveLength(2);
  await expect(page.locator('#reprocessAll').isDisabled()).resolves.toBe(true);
  expect(rowsOf(wb, 'iom').map((r) => r['ОО'])).toEqual(['МОУ «Школа № 7»', 'МОУ «Школа № 7»']);
  expect(errors).toEqual([]);
  await page.close();
});

test('a list that cannot be read (the sheet deleted under the page) shows the server’s message', async () => {
  const wb = workbookWithThree();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  await page.locator('.quarantine-row').first().waitFor();
  wb.spreadsheet.deleteSheet(sheetOf(wb, 'Карантин'));
  await page.getByRole('button', { name: 'Обновить' }).click();
  await page.locator('#message.box.error', { hasText: 'Лист «Карантин» не найден. Выполните «Маршрут → Настроить книгу».' }).waitFor();
  expect(errors).toEqual([]);
  await page.close();
});
