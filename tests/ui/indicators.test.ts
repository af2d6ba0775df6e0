// The «Показатели» sidebar through the real bundle in the local runtime: load a preset, recompute with progress,
// read the table (the hand-computed klin values of the CSV fixture), open a row's «как считается» and «кто не
// охвачен» with the ОО filter, export it to a new sheet; a user off the access list is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFolder } from '../../src/local/importFolder';
import { openBuiltWorkbook } from '../support/e2eBuild';
import { writeKpiFolder } from '../support/kpiFixture';
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';

jest.setTimeout(60_000);

const browser = suiteBrowser();
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-kpi-ui-'));
const data = writeKpiFolder(join(tmp, 'data'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function municipality() {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  importFolder(wb, data);
  return wb;
}

const row = (page: import('playwright-core').Page, code: string) => page.locator(`#kpi tbody tr[data-code="${code}"]`);

test('load klin, recompute, read the table, open a row: how it is computed and who is not covered, export', async () => {
  const wb = municipality();
  const { page, errors, calls } = await openBundlePage(browser(), wb, 'menuShowIndicators');
  // «Отчётный год» is empty in «Настройки»: the year of the latest data (held events, IOMs, pairs of 2024).
  await page.locator('#preset option[value="klin"]').waitFor({ state: 'attached' });
  await expect(page.locator('#year').inputValue()).resolves.toBe('2024');
  await expect(page.locator('#preset').inputValue()).resolves.toBe('klin');
  await expect(page.locator('#results').isVisible()).resolves.toBe(false); // nothing computed yet

  // Loading the preset recomputes; while that call is in flight the page shows progress and polls for it.
  await page.evaluate('window.__gasHold()');
  await page.locator('#loadPreset').click();
  await page.locator('#loading', { hasText: 'Загружаю набор' }).waitFor();
  await page.evaluate('window.__gasRelease(); window.__gasHold()'); // the load answers; the recompute stays held
  await page.locator('#progress', { hasText: 'Пересчёт' }).waitFor();
  for (let k = 0; k < 50 && !calls.includes('rpcKpiProgress'); k++) await page.waitForTimeout(100);
  expect(calls).toContain('rpcKpiProgress');
  await expect(page.locator('#recompute').isDisabled()).resolves.toBe(true);
  await page.evaluate('window.__gasRelease()');
  await page.locator('#message', { hasText: 'Набор «klin»: добавлено строк 11' }).waitFor();
  await expect(page.locator('#progress').isVisible()).resolves.toBe(false);

  await expect(page.locator('#kpi tbody tr').count()).resolves.toBe(11);
  const cells = async (code: string) => (await row(page, code).locator('td').allInnerTexts()).map((t) => t.trim());
  // «Динамика» (SPEC §6): in 2023 Кузнецов's IOM (01.02–31.12.2023) came before his diagnostic: 0 of 24; +4,2 п. п.
  // The roster and ОО-1 keep no history (row 4) and a typed row has none (row 1): «—».
  expect(await cells('8.1')).toEqual([
    '8.1',
    expect.stringMatching(/^Доля педагогических работников/),
    '4,2 %',
    '↑ +4,2 п. п.',
    '≥ 60 %',
    'Не выполнен',
  ]);
  await expect(row(page, '8.1').locator('td.change').getAttribute('title')).resolves.toBe('Год назад (01.01.2023–31.12.2023): 0 %');
  expect(await cells('4')).toEqual(['4', expect.any(String), '24', '—', '≤ 70', 'Выполнен']);
  expect(await cells('1')).toEqual(['1', expect.any(String), '—', '—', 'Да', 'Нет данных']);
  await expect(row(page, '3').locator('.badge').getAttribute('class')).resolves.toBe('badge done');
  await expect(page.locator('#caption').innerText()).resolves.toMatch(
    /Набор «klin», период 01\.01\.2024–31\.12\.2024, весь муниципалитет\./,
  );

  await row(page, '8.1').click();
  await expect(page.locator('#explanation').innerText()).resolves.toMatch(
    /у которых есть ИОМ .* действующий в 2024 году, разработанный на основе диагностики .*, от их общей численности/,
  );
  await expect(page.locator('#detailsFields').innerText()).resolves.toMatch(/Числитель\s+1\s+Знаменатель\s+24/);
  await page.locator('#showUncovered').click();
  await page.locator('#uncoveredList li').first().waitFor();
  // S without an IOM of 2024 that follows a diagnostic: all but Новиков (kpiFixture, 8.1).
  await expect(page.locator('#uncoveredList li').allInnerTexts()).resolves.toEqual([
    'Волкова Анна Олеговна, Воспитатель — МДОУ «Детский сад № 3»',
    'Иванова Ирина Петровна, Учитель — МОУ «Школа № 1»',
    'Петров Пётр Ильич, Учитель — МОУ «Школа № 1»',
    'Смирнова Ольга Викторовна, Руководитель — МОУ «Школа № 1»',
    'Кузнецов Андрей Сергеевич, Учитель — МОУ «Школа № 2»',
    'Соколова Мария Игоревна, Учитель — МОУ «Школа № 2»',
  ]);
  await expect(page.locator('#uncoveredOrg option').allInnerTexts()).resolves.toEqual([
    'Все ОО (6)',
    'ДС — МДОУ «Детский сад № 3» (1)',
    'Ш1 — МОУ «Школа № 1» (3)',
    'Ш2 — МОУ «Школа № 2» (2)',
  ]);
  await page.locator('#uncoveredOrg').selectOption('Ш2');
  await page.locator('#uncoveredList li', { hasText: 'Кузнецов' }).waitFor();
  await expect(page.locator('#uncoveredList li').count()).resolves.toBe(2);
  await saveScreenshot(page, 'indicators');

  await page.locator('#exportUncovered').click();
  await page.locator('#message', { hasText: 'Список выгружен на лист «Не охвачены 8.1 Ш2»: 2 строк.' }).waitFor();
  const sheet = wb.spreadsheet.getSheetByName('Не охвачены 8.1 Ш2')!;
  expect(sheet.getDataRange().getValues()).toEqual([
    ['ФИО', 'Код ОО', 'ОО', 'Должность'],
    ['Кузнецов Андрей Сергеевич', 'Ш2', 'МОУ «Школа № 2»', 'Учитель'],
    ['Соколова Мария Игоревна', 'Ш2', 'МОУ «Школа № 2»', 'Учитель'],
  ]);
  expect(calls).toEqual(
    expect.arrayContaining([
      'rpcKpiState',
      'rpcKpiLoadPreset',
      'rpcKpiRecompute',
      'rpcKpiProgress',
      'rpcKpiUncovered',
      'rpcKpiExportUncovered',
    ]),
  );
  expect(errors).toEqual([]);
  await page.close();
});

test('a period and one ОО: the table shows that ОО’s figures', async () => {
  const wb = municipality();
  wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowIndicators');
  await page.locator('#scope option[value="Ш2"]').waitFor({ state: 'attached' });
  await page.locator('#from').fill('2024-03-01');
  await page.locator('#to').fill('2024-06-30');
  await page.locator('#scope').selectOption('Ш2');
  await page.locator('#recompute').click();
  await page.locator('#message', { hasText: 'Пересчитано показателей: 11.' }).waitFor();
  await expect(page.locator('#caption').innerText()).resolves.toMatch(/период 01\.03\.2024–30\.06\.2024, ОО Ш2 — МОУ «Школа № 2»/);
  // Ш2 in March–June 2024: the mentoring pair Смирнова → Кузнецов is active; Новиков's IOM (from 15.03) is on.
  expect((await row(page, '7').locator('td').allInnerTexts())[2]!.trim()).toBe('100 %');
  expect((await row(page, '8.1').locator('td').allInnerTexts())[2]!.trim()).toBe('33,3 %');
  expect(errors).toEqual([]);
  await page.close();
});

test('a user off the access list sees the last results but may not recompute or list people', async () => {
  const wb = municipality();
  wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  wb.rpc('rpcKpiRecompute', { year: 2024 });
  wb.runtime.setActiveUser('stranger@school.example');
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowIndicators');
  await row(page, '8.1').waitFor();
  await page.locator('#recompute').click();
  await page.locator('#message.error', { hasText: 'Нет доступа: stranger@school.example нет в списке доступа этой книги' }).waitFor();
  await row(page, '8.1').click();
  await page.locator('#showUncovered').click();
  await page.locator('#message.error', { hasText: 'Нет доступа' }).waitFor();
  await expect(page.locator('#uncoveredList li').count()).resolves.toBe(0);
  await saveScreenshot(page, 'indicators-refused');
  expect(errors).toEqual([]);
  await page.close();
});

test('a name that looks like HTML is shown as text', async () => {
  const wb = municipality();
  wb.rpc('rpcImportReference', {
    sheet: 'staff',
    csvText: 'ФИО,Код ОО,Должность\n"<img src=x onerror=alert(1)>",Ш1,Учитель\n',
  });
  wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  wb.rpc('rpcKpiRecompute', { year: 2024 });
  const { page, dialogs, errors } = await openBundlePage(browser(), wb, 'menuShowIndicators');
  await row(page, '8.1').click();
  await page.locator('#showUncovered').click();
  await page.locator('#uncoveredList li', { hasText: '<img src=x onerror=alert(1)>' }).waitFor();
  await expect(page.locator('#uncoveredList img').count()).resolves.toBe(0);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
