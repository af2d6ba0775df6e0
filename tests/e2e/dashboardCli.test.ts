// `marshrut run … --out DIR` writes DIR/dashboard.html: the dialog's page with the data embedded, opened from the
// disk in Chromium it shows the charts and asks for nothing from the network; and the regional CLI's entry point
// renders the same page from a DashboardData with the indicators per municipality.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { regionalDashboard } from '../../src/core/dashboard/regional';
import { renderDashboardHtml } from '../../src/local/dashboardOutput';
import { CLI, openBuiltWorkbook, requireBuild } from '../support/e2eBuild';
import { KPI_FILES, writeKpiFolder } from '../support/kpiFixture';
import { openHtml, saveScreenshot, suiteBrowser } from '../support/sidebar';

requireBuild();
jest.setTimeout(90_000);

const browser = suiteBrowser();
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-dashboard-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const out = join(tmp, 'out');
const result = spawnSync(
  process.execPath,
  [CLI, 'run', '--data', writeKpiFolder(join(tmp, 'data')), '--out', out, '--preset', 'klin', '--year', '2024'],
  { encoding: 'utf8', timeout: 90_000 },
);

/** The people of the fixture's registers (ФИО of roster, IOM, participation, mentoring). */
const people = [...new Set(Object.values(KPI_FILES).flatMap((text) => text.match(/[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+/g) ?? []))];

test('run writes dashboard.html and says where', () => {
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  expect(result.stdout).toContain(`Записано: ${join(out, 'dashboard.html')}`);
  expect(existsSync(join(out, 'dashboard.html'))).toBe(true);
});

test('the page opened from the disk shows the charts of the municipality, with no person in it', async () => {
  const html = readFileSync(join(out, 'dashboard.html'), 'utf8');
  expect(people.length).toBeGreaterThan(8);
  expect(people.filter((p) => html.includes(p.split(' ')[0]!))).toEqual([]);
  expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/); // and openHtml fails any network request
  const { page, errors } = await openHtml(browser(), openBuiltWorkbook(), html, { width: 1280, height: 860 });
  await page.locator('#dashboard').waitFor();
  await expect(page.locator('#title').innerText()).resolves.toBe('Дашборд: Клин');
  await expect(page.locator('#indicatorsChart .kpi-row').count()).resolves.toBe(11);
  await expect(page.locator('#eventsChart svg rect').count()).resolves.toBe(4);
  await saveScreenshot(page, 'dashboard-cli');
  expect(errors).toEqual([]);
  await page.close();
});

test('the regional entry point: the same page with indicators per municipality and no register sections', async () => {
  const html = renderDashboardHtml(
    regionalDashboard({
      title: 'Московская область',
      now: new Date(2025, 9, 1, 9, 0),
      preset: 'klin',
      period: { from: '2024-01-01', to: '2024-12-31' },
      computedAt: '2025-10-01T08:00:00',
      municipalities: [
        { code: 'klin', name: 'Клин' },
        { code: 'dmitrov', name: 'Дмитров' },
      ],
      indicators: [
        {
          code: '8.1',
          name: 'Доля педагогов с ИОМ',
          unit: '%',
          plan: 60,
          comparator: '≥',
          value: 30,
          previousValue: null,
          change: null,
          history: [],
          numerator: 30,
          denominator: 100,
          status: 'Не выполнен',
          byUnit: [
            { unit: 'klin', numerator: 20, denominator: 40, value: 50, status: 'Не выполнен' },
            { unit: 'dmitrov', numerator: 10, denominator: 60, value: 100 / 6, status: 'Не выполнен' },
          ],
        },
      ],
    }),
  );
  const { page, errors } = await openHtml(browser(), openBuiltWorkbook(), html, { width: 1280, height: 860 });
  await page.locator('#dashboard').waitFor();
  await expect(page.locator('#unitLabel').innerText()).resolves.toBe('Муниципалитет');
  await expect(page.locator('#unit option').allInnerTexts()).resolves.toEqual(['Весь регион', 'Клин', 'Дмитров']);
  await expect(page.locator('#iomPanel').isVisible()).resolves.toBe(false);
  await expect(page.locator('#eventsPanel').isVisible()).resolves.toBe(false);
  await page.selectOption('#unit', 'dmitrov');
  await expect(page.locator('.kpi-row[data-code="8.1"] .kpi-figures').innerText()).resolves.toBe('Факт: 16,7 % · план: ≥ 60 %');
  await saveScreenshot(page, 'dashboard-region');
  expect(errors).toEqual([]);
  await page.close();
});
