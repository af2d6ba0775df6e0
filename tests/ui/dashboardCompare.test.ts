// Units side by side and the trend lines (issue 18 p.2, p.3) through the real bundle, in Chromium: the municipal
// dialog compares its ОО, the regional one its municipalities (by name, never a workbook's ID), sorted, against the
// plan and the territory's total; every indicator shows its values of the years known — the registers' years of a
// recompute, the years the regional refreshes kept. At a laptop's and a phone's width, with a screenshot of each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { importFolder } from '../../src/local/importFolder';
import { openBuiltWorkbook, ORGS_CSV, STAFF_CSV } from '../support/e2eBuild';
import { writeKpiFolder } from '../support/kpiFixture';
import { addMunicipality, openRegionalWorkbook, pasteLinks, recordsOf } from '../support/region';
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';

jest.setTimeout(120_000);

const browser = suiteBrowser();
const LAPTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-compare-ui-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const compareRows = (page: Page) =>
  page.$$eval('#compareChart .compare-row', (rows) =>
    rows.map((r) => [r.getAttribute('data-unit'), r.getAttribute('data-value'), r.getAttribute('data-status')]),
  );
const noOverflow = async (page: Page) =>
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

describe('the municipal dialog: its ОО side by side, trends from the recompute', () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  importFolder(wb, writeKpiFolder(join(tmp, 'klin')));
  wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  wb.rpc('rpcKpiRecompute', { year: 2024 });

  test('indicator 3 by ОО, best first, with the plan and the municipality’s total; the table coloured by status', async () => {
    const { page, errors } = await openBundlePage(browser(), wb, 'menuShowDashboard', LAPTOP);
    await page.locator('#comparePanel').waitFor();
    await expect(page.locator('#compareTitle').innerText()).resolves.toBe('ОО рядом');
    await page.selectOption('#compareIndicator', '3');
    // kpiFixture by hand: Ш1 — Иванова certified of Иванова, Петров (50 %); Ш2 — Кузнецов of three (33,3 %); ДС and
    // УМЦ have no teacher. Plan ≥ 30: both schools meet it.
    expect(await compareRows(page)).toEqual([
      ['МОУ «Школа № 1»', '50', 'Выполнен'],
      ['МОУ «Школа № 2»', String(100 / 3), 'Выполнен'],
      ['МДОУ «Детский сад № 3»', '', ''],
      ['МУ «Учебно-методический центр»', '', ''],
    ]);
    await expect(page.locator('#compareLegend').innerText()).resolves.toBe('план: ≥ 30 %\nитого по муниципалитету: 40 %');
    // The municipality's total is one line across the rows: the same x in every row.
    const xs = await page.$$eval('#compareChart rect.total', (r) => r.map((x) => x.getAttribute('x')));
    expect(new Set(xs)).toEqual(new Set(['40']));
    // In the table, Ш2 × 8.1: 1 of 3 on a diagnostic's basis — 33,3 % of a plan of 60: «Не выполнен».
    const cell = await page.$$eval('#matrixBox tr', (rows) => {
      const head = [...rows[0]!.children].map((c) => c.textContent);
      const row = rows.find((r) => r.children[0]!.textContent === 'МОУ «Школа № 2»')!;
      const td = row.children[head.indexOf('8.1')]!;
      return [td.textContent, td.className];
    });
    expect(cell).toEqual(['33,3 %', 'failed']);
    await saveScreenshot(page, 'dashboard-compare-municipal-laptop');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('each indicator’s trend: the values of every year the registers hold, from the recompute', async () => {
    const { page, errors } = await openBundlePage(browser(), wb, 'menuShowDashboard', LAPTOP);
    await page.locator('#dashboard').waitFor();
    // Indicator 3: in 2023 nobody was certified (0 of the teachers then), in 2024 2 of 5 (kpiFixture).
    const trend = page.locator('.kpi-row[data-code="3"] .trend');
    await expect(trend.getAttribute('data-years')).resolves.toBe('2023,2024');
    await expect(trend.locator('.trend-text').innerText()).resolves.toBe('По годам: 2023 — 0 %, 2024 — 40 %');
    await expect(trend.locator('circle.trend-point').count()).resolves.toBe(2);
    // A count with its plan is drawn against the plan (9: 2 participants, plan 1 — the bar's end is the fact).
    await expect(page.locator('.kpi-row[data-code="9"] .kpi-scale').innerText()).resolves.toBe(
      'Шкала: от 0 до факта 2 чел. (черта — план)',
    );
    // One ОО: a count has no status of its own — its plan is the municipality's (the letter says the same).
    await page.selectOption('#unit', 'Ш2');
    await expect(page.locator('.kpi-row[data-code="9"] .badge').innerText()).resolves.toBe('план — на всю территорию');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('on a phone: nothing wider than the screen', async () => {
    const { page, errors } = await openBundlePage(browser(), wb, 'menuShowDashboard', PHONE);
    await page.locator('#comparePanel').waitFor();
    await noOverflow(page);
    await saveScreenshot(page, 'dashboard-compare-municipal-phone');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the regional dialog: municipalities side by side, the years the refreshes kept', () => {
  const region = openRegionalWorkbook();
  const klin = addMunicipality(region, 'Клин', { recompute: false });
  // Dubna: a school of 140 by ОО-1 and a second methodist, so its shares and ratio differ from Klin's.
  const dubna = addMunicipality(region, 'Дубна', {
    recompute: false,
    orgs: ORGS_CSV.replace('ОО-1,МОУ «Средняя школа № 1»,Клин,Школа,ШНОР,60', 'ОО-1,МОУ «Средняя школа № 1»,Клин,Школа,ШНОР,140'),
    staff: `${STAFF_CSV}\nКозлова Ольга Петровна,МС,Методист,,03.03.1980,01.09.2000,,kozlova@dubna.example,Методист; Региональный методист,,,Реестр`,
  });
  const recompute = (year: number) => {
    for (const municipal of [klin, dubna]) {
      region.runtime.spreadsheets.setActive(municipal);
      region.rpc('rpcKpiRecompute', { year });
    }
    region.runtime.spreadsheets.setActive(region.spreadsheet);
    region.rpc('rpcRegionRefresh');
  };
  pasteLinks(region, [klin.getId(), dubna.getId()]);
  // Recomputed for 2024 and summed; a year on, recomputed for 2025 and summed again.
  recompute(2024);
  recompute(2025);

  test('the regional refresh keeps each municipality’s earlier years (a roster has no history of its own)', () => {
    const rows = recordsOf(region.spreadsheet, 'regionIndicators').filter((r) => r['Код'] === '4');
    // 4, people per regional methodist: the roster counts today's people for any year, so each year is the same here.
    expect(rows.map((r) => [r['Муниципалитет'], String(r['Факт по годам']).replace(/: [^;]+/g, '')])).toEqual([
      ['Итого по региону', '2024; 2025'],
      ['Клин', '2024; 2025'],
      ['Дубна', '2024; 2025'],
    ]);
  });

  test('one indicator’s municipalities by name, sorted, with the region’s total; then the table', async () => {
    const { page, errors } = await openBundlePage(browser(), region, 'menuShowDashboard', LAPTOP);
    await page.locator('#comparePanel').waitFor();
    await expect(page.locator('#compareTitle').innerText()).resolves.toBe('Муниципалитеты рядом');
    await page.selectOption('#compareIndicator', '4');
    const rows = await compareRows(page);
    expect(rows.map((r) => r[0]).sort()).toEqual(['Дубна', 'Клин']);
    // «≤»: the fewest people per methodist first.
    const values = rows.map((r) => Number(r[1]));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    // What the reader sees names municipalities, never a workbook's ID (the ID only keys the embedded data).
    const shown = (await page.evaluate(
      "document.body.innerText + [...document.querySelectorAll('#dashboard [data-unit], #dashboard option')].map((n) => n.getAttribute('data-unit') + n.textContent).join()",
    )) as string;
    for (const id of [klin.getId(), dubna.getId()]) expect(shown.includes(id)).toBe(false);
    await expect(page.locator('#matrixBox tbody tr').count()).resolves.toBe(3); // two municipalities and the region
    await expect(page.locator('#matrixBox tbody tr.total td').first().innerText()).resolves.toBe('Итого по региону');
    // The trend of the region: the two years kept.
    await expect(page.locator('.kpi-row[data-code="4"] .trend').getAttribute('data-years')).resolves.toBe('2024,2025');
    await saveScreenshot(page, 'dashboard-compare-region-laptop');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('on a phone: nothing wider than the screen (the wide table scrolls in its own box)', async () => {
    const { page, errors } = await openBundlePage(browser(), region, 'menuShowDashboard', PHONE);
    await page.locator('#comparePanel').waitFor();
    await noOverflow(page);
    await saveScreenshot(page, 'dashboard-compare-region-phone');
    expect(errors).toEqual([]);
    await page.close();
  });
});
