// One value that stays text everywhere (issue 9, point 6): `<img src=x onerror=alert(1)>` typed by teachers into the
// forms — a teacher's name in an accepted IOM answer, an event's title, a participation answer that is quarantined —
// and loaded as an ОО's name into «Организации», with the municipal workbook titled with it in a regional roll-up.
// Every page that shows such values, and the monthly letters as the bundle composes them, show it as text: visible,
// no element made of it, no dialog, no network request; the registers hold it as text, never as a formula.
import type { Locator, Page } from 'playwright-core';
import { aTickLater, openBuiltWorkbook, ORGS_CSV, rowsOf, sheetOf, STAFF_CSV } from '../support/e2eBuild';
import { openBundlePage, openHtml, saveScreenshot, suiteBrowser, type BundlePage } from '../support/sidebar';
import { FORMS, type FormId } from '../../src/core/schema/forms';
import type { LocalWorkbook } from '../../src/local/localWorkbook';

jest.setTimeout(90_000);

const browser = suiteBrowser();
const HOSTILE = '<img src=x onerror=alert(1)>';
/** A curator's name that Sheets would take for a formula if it were written as typed. */
const FORMULA = '=HYPERLINK("https://evil.example/";"Открыть")';
const OWNER = 'metodist@klin.example';
const MINISTRY = 'minobr@mo.example';
const HOSTILE_COORDINATOR = 'x-coordinator@klin.example';
const LAPTOP = { width: 1280, height: 860 };

function submit(wb: LocalWorkbook, form: FormId, answers: Record<string, string | string[] | Date>, email?: string): void {
  const target = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS[form].title)!;
  wb.runtime.forms.submit(target, { answers, email });
}

/**
 * The municipal workbook: the ОО «Х» named with the value (reference import), then the teachers' answers through
 * the forms, each drained as in Google; indicators recomputed, digest recipients saved.
 */
function municipality(): LocalWorkbook {
  const wb = openBuiltWorkbook({ user: OWNER });
  wb.menu('menuSetupWorkbook');
  wb.rpc('rpcImportReference', { sheet: 'organizations', csvText: `${ORGS_CSV}\nХ,${HOSTILE},Клин,Школа,,,${HOSTILE_COORDINATOR}` });
  wb.rpc('rpcImportReference', { sheet: 'staff', csvText: STAFF_CSV });
  wb.menu('menuCreateForms');

  // Her IOM, accepted: she picks her school in the dropdown; it ended on 20 September and is still «Реализуется».
  submit(
    wb,
    'iom',
    {
      'ФИО педагога': HOSTILE,
      'Образовательная организация': HOSTILE,
      Должность: 'Учитель',
      'Начало реализации ИОМ': new Date(2025, 8, 1),
      'Окончание реализации ИОМ': new Date(2025, 8, 20),
      'Куратор ИОМ': FORMULA,
      'Статус ИОМ': 'Реализуется',
    },
    'teacher@klin.example',
  );
  // An event with the value as its title, organised by that school.
  submit(wb, 'events', {
    'Название мероприятия': HOSTILE,
    'Вид мероприятия': 'Семинар',
    Уровень: 'Муниципальный',
    'Дата начала': new Date(2025, 8, 10),
    Организатор: HOSTILE,
  });
  aTickLater(wb);
  // She marks her participation in it (the form offers the event now); before the answer is processed, the
  // methodist corrects the event's date in «Мероприятия» — the answer names an event that is no longer there.
  submit(
    wb,
    'participation',
    { Мероприятие: `${HOSTILE} (10.09.2025)`, 'ФИО участника': HOSTILE, 'Образовательная организация': HOSTILE },
    'teacher@klin.example',
  );
  const events = sheetOf(wb, 'Мероприятия');
  events
    .getRange(2, events.getRange(1, 1, 1, events.getLastColumn()).getValues()[0]!.indexOf('Дата начала') + 1)
    .setValue(new Date(2025, 8, 11));
  aTickLater(wb);

  wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  wb.rpc('rpcKpiRecompute', { year: 2025 });
  wb.rpc('rpcSettingsSaveDigest', { methodists: [OWNER], ministry: [MINISTRY], coordinatorsOff: [] });
  wb.spreadsheet.rename(HOSTILE); // how the regional workbook will list it
  return wb;
}

const wb = municipality();
const region = (() => {
  const spreadsheet = wb.runtime.spreadsheets.create('Регион');
  wb.runtime.spreadsheets.setActive(spreadsheet);
  try {
    wb.menu('menuSetupRegionalWorkbook');
    wb.rpc('rpcRegionAdd', { lines: [wb.spreadsheet.getId()] });
    wb.rpc('rpcRegionRefresh');
  } finally {
    wb.runtime.spreadsheets.setActive(wb.spreadsheet);
  }
  return spreadsheet;
})();

/** Runs `fn` with the regional workbook active (as in its own browser tab), then comes back to the municipal one. */
async function inRegion<T>(fn: () => Promise<T>): Promise<T> {
  wb.runtime.spreadsheets.setActive(region);
  try {
    return await fn();
  } finally {
    wb.runtime.spreadsheets.setActive(wb.spreadsheet);
  }
}

/**
 * `where` shows the value as its text, and the page made nothing of it: no image (or any element with an onerror
 * handler), no dialog, no request, no script error — after a moment, for an image's error event to have fired.
 */
async function expectShownAsText(opened: Pick<BundlePage, 'page' | 'dialogs' | 'errors'>, where: Locator): Promise<void> {
  const { page, dialogs, errors } = opened;
  await expect(where.first().isVisible()).resolves.toBe(true);
  await expect(where.first().innerText()).resolves.toContain(HOSTILE);
  await page.waitForTimeout(150);
  await expect(page.locator('img, [onerror]').count()).resolves.toBe(0);
  expect({ dialogs, errors }).toEqual({ dialogs: [], errors: [] });
}

const selectedOption = (page: Page, select: string) => page.locator(`${select} option`, { hasText: HOSTILE });

test('the registers hold the value as text, never as a formula', () => {
  const texts: string[] = [];
  const formulas: string[] = [];
  for (const sheet of wb.spreadsheet.getSheets()) {
    const range = sheet.getDataRange();
    const formulaCells = range.getFormulas();
    range.getValues().forEach((row, r) =>
      row.forEach((v, c) => {
        if (/onerror|evil\.example/.test(formulaCells[r]![c]!)) formulas.push(`${sheet.getName()}!${formulaCells[r]![c]}`);
        if (/onerror|evil\.example/.test(String(v))) texts.push(`${sheet.getName()}!${String(v)}`);
      }),
    );
  }
  expect(formulas).toEqual([]);
  // Each register holds it where it was typed, as the very text.
  expect(texts).toEqual(
    expect.arrayContaining([`Организации!${HOSTILE}`, `Педагоги!${HOSTILE}`, `ИОМ!${HOSTILE}`, `ИОМ!${FORMULA}`, `Мероприятия!${HOSTILE}`]),
  );
  expect(rowsOf(wb, 'organizations').find((r) => r['Код ОО'] === 'Х')!['Наименование']).toBe(HOSTILE);
  expect(rowsOf(wb, 'staff').find((r) => r['Код ОО'] === 'Х')).toMatchObject({ ФИО: HOSTILE, Источник: 'Добавлен из формы' });
  expect(rowsOf(wb, 'iom')[0]).toMatchObject({ 'ФИО педагога': HOSTILE, ОО: HOSTILE, 'Куратор ИОМ': FORMULA });
  expect(rowsOf(wb, 'events')[0]).toMatchObject({ 'Название мероприятия': HOSTILE, Организатор: HOSTILE });
  expect(rowsOf(wb, 'quarantine').map((r) => r['Форма'])).toEqual(['Участие в мероприятии']);
});

test('«Карантин»: who sent the quarantined answer, and why, as text', async () => {
  const opened = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  const { page } = opened;
  const card = page.locator('.quarantine-row');
  await card.waitFor();
  await expect(card.locator('.who').innerText()).resolves.toBe(HOSTILE);
  await expect(card.locator('.who-org').innerText()).resolves.toBe(`${HOSTILE} · teacher@klin.example`);
  await expect(card.locator('.reason').innerText()).resolves.toBe(
    `Мероприятие «${HOSTILE} (10.09.2025)» не найдено в листе «Мероприятия».`,
  );
  await expectShownAsText(opened, card.locator('.reason'));
  await card.click();
  await expect(page.locator('[data-question="ФИО участника"]').inputValue()).resolves.toBe(HOSTILE);
  await expect(page.getByLabel('Мероприятие').locator('option').allInnerTexts()).resolves.toContain(`${HOSTILE} (11.09.2025)`);
  await expectShownAsText(opened, page.locator('#editorHead .who'));
  await saveScreenshot(opened.page, 'hostile-quarantine');
  await page.close();
});

test('the IOM sidebar on her row: name, school and the formula-like curator as text', async () => {
  wb.spreadsheet.setActiveSelection(sheetOf(wb, 'ИОМ').getRange(2, 1));
  const opened = await openBundlePage(browser(), wb, 'menuShowIom');
  const { page } = opened;
  await page.locator('#title', { hasText: 'ИОМ с 01.09.2025' }).waitFor();
  await expect(page.locator('#title').innerText()).resolves.toBe(`${HOSTILE} (Х), ИОМ с 01.09.2025`);
  const fields = await page.locator('#fields dd').allInnerTexts();
  expect(fields).toEqual(expect.arrayContaining([HOSTILE, FORMULA]));
  expect(fields.filter((f) => f === HOSTILE)).toHaveLength(2); // ФИО and ОО
  await expectShownAsText(opened, page.locator('#title'));
  await page.close();
});

test('«Показатели»: the ОО in the filters and her name in «кто не охвачен»', async () => {
  const opened = await openBundlePage(browser(), wb, 'menuShowIndicators');
  const { page } = opened;
  await page.locator('#kpi tbody tr[data-code="2"]').click();
  await expect(selectedOption(page, '#scope').innerText()).resolves.toBe(`Х — ${HOSTILE}`);
  await page.locator('#showUncovered').click();
  const entry = page.locator('#uncoveredList li', { hasText: 'onerror' });
  await entry.waitFor();
  await expect(entry.innerText()).resolves.toBe(`${HOSTILE}, Учитель — ${HOSTILE}`);
  await expect(selectedOption(page, '#uncoveredOrg').innerText()).resolves.toBe(`Х — ${HOSTILE} (1)`);
  await expectShownAsText(opened, entry);
  await saveScreenshot(page, 'hostile-indicators');
  await page.close();
});

test('«Настройки»: her school’s coordinator in the digest section', async () => {
  const opened = await openBundlePage(browser(), wb, 'menuShowSettings');
  const label = opened.page.locator('#digestCoordinators label.coordinator', { hasText: HOSTILE_COORDINATOR });
  await label.waitFor();
  await expect(label.innerText()).resolves.toBe(`Х · ${HOSTILE}\n${HOSTILE_COORDINATOR}`);
  await expectShownAsText(opened, label);
  await opened.page.close();
});

test('«Дашборд»: the ОО in the filter and the notes', async () => {
  const opened = await openBundlePage(browser(), wb, 'menuShowDashboard', LAPTOP);
  const { page } = opened;
  await page.locator('#dashboard').waitFor();
  await expect(selectedOption(page, '#unit').innerText()).resolves.toBe(`Х — ${HOSTILE}`);
  await page.selectOption('#unit', 'Х');
  await expect(page.locator('#iomNote').innerText()).resolves.toContain(HOSTILE);
  await expectShownAsText(opened, page.locator('#iomNote'));
  await saveScreenshot(page, 'hostile-dashboard');
  await page.close();
});

test('«Региональная сводка» and the regional «Дашборд»: the municipality titled with it', async () => {
  await inRegion(async () => {
    const opened = await openBundlePage(browser(), wb, 'menuShowRegion');
    const row = opened.page.locator('#municipalities tbody tr', { hasText: HOSTILE });
    await row.waitFor();
    await expect(row.locator('.badge').innerText()).resolves.toBe('В сводке');
    await expectShownAsText(opened, row);
    await saveScreenshot(opened.page, 'hostile-region');
    await opened.page.close();

    const dashboard = await openBundlePage(browser(), wb, 'menuShowDashboard', LAPTOP);
    await dashboard.page.locator('#dashboard').waitFor();
    const option = selectedOption(dashboard.page, '#unit');
    await expect(option.innerText()).resolves.toContain(HOSTILE);
    await dashboard.page.selectOption('#unit', { label: await option.innerText() });
    await expectShownAsText(dashboard, dashboard.page.locator('#iomNote, #indicatorsNote', { hasText: HOSTILE }));
    await dashboard.page.close();
  });
});

test('the monthly letters (the methodist’s, her school coordinator’s) as a mail client shows them', async () => {
  const letters = wb.rpc<{ to: string; subject: string; html: string; text: string }[]>('rpcDigestPreview', { month: '2025-09' });
  for (const to of [OWNER, HOSTILE_COORDINATOR]) {
    const letter = letters.find((l) => l.to === to)!;
    expect(letter.text).toContain(HOSTILE); // the plain-text alternative carries it as typed
    const opened = await openHtml(browser(), wb, letter.html, { width: 760, height: 900 });
    await expectShownAsText(opened, opened.page.getByText(HOSTILE));
    await saveScreenshot(opened.page, `hostile-digest-${to === OWNER ? 'methodist' : 'coordinator'}`);
    await opened.page.close();
  }
  expect(letters.find((l) => l.to === HOSTILE_COORDINATOR)!.subject).toBe(`Маршрут: сводка за сентябрь 2025 — ${HOSTILE}`);
});

// Last: it adds answers to the workbook the other tests read.
test('the import result: the file’s sample rows, its unused column and the reasons, as text', async () => {
  const opened = await openBundlePage(browser(), wb, 'menuShowImport');
  const { page } = opened;
  const csv = [
    `Отметка времени,Мероприятие,ФИО участника,Образовательная организация,${HOSTILE}`,
    `01.10.2025 9:00:00,${HOSTILE} (01.01.2020),${HOSTILE},${HOSTILE},${HOSTILE}`,
  ].join('\n');
  await page.locator('#form').selectOption('participation');
  await page.locator('#file').setInputFiles({ name: 'участие.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.locator('#step2').waitFor({ state: 'visible' });
  await expectShownAsText(opened, page.locator('#sampleTable tbody td', { hasText: HOSTILE }));
  await page.locator('#run').click();
  await page.locator('#step3').waitFor({ state: 'visible' });
  await expect(page.locator('#reasons li').allInnerTexts()).resolves.toEqual([
    `Строка 2: Мероприятие «${HOSTILE} (01.01.2020)» не найдено в листе «Мероприятия».`,
  ]);
  await expect(page.locator('#unusedColumns').innerText()).resolves.toBe(`Не использованы столбцы: ${HOSTILE}`);
  await expectShownAsText(opened, page.locator('#reasons li'));
  await saveScreenshot(page, 'hostile-import');
  await page.close();
});
