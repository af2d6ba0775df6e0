// The quarantine sidebar through the real bundle: a rejected form answer appears in the page with who sent it,
// the methodist fixes it there with the question's own field (dropdown, checkboxes, date), and the row appears in
// the register.
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { aMinuteLater, openReferenceWorkbook, rowsOf } from '../support/e2eBuild';
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
function submitOld(wb: LocalWorkbook, form: FormId, answers: Record<string, string | string[]>): void {
  const target = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS[form].title)!;
  wb.runtime.forms.submit(target, { imported: true, answers, timestamp: new Date(2025, 8, 12, 10, 15), email: 'coordinator@klin.example' });
  aMinuteLater(wb); // the queue's prompt drain
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

test('an unparseable date left alone is sent back unchanged, so the answer stays quarantined as it was', async () => {
  const wb = workbookWithForms();
  submitOld(wb, 'events', { 'Название мероприятия': 'Вебинар', 'Вид мероприятия': 'Вебинар', Уровень: 'Муниципальный', 'Дата начала': 'вчера' });
  const { page } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  await page.locator('.quarantine-row', { hasText: 'Вебинар' }).click();
  await page.locator('#save').click();
  await page.locator('#editorMessage', { hasText: 'Ответ снова в карантине' }).waitFor();
  const answers = JSON.parse(String(rowsOf(wb, 'quarantine')[0]!['Ответы'])) as Record<string, string>;
  expect(answers['Дата начала']).toBe('вчера');
  await page.close();
});
