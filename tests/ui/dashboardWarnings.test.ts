// The HTML dashboard (the dialog «Маршрут → Дашборд…», through the real bundle) shows the indicators' ОО-1 warnings
// in a block of their own, read back from «Показатели» like the rest of it. SPEC §6: «the row carries a warning naming
// the ОО and both numbers (…), shown in the sidebar, on the dashboard and in `kpi.json` (`warnings`)».
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFolder } from '../../src/local/importFolder';
import { openBuiltWorkbook } from '../support/e2eBuild';
import { CLIPPED_FILES, CLIPPED_WARNING, KPI_FILES, writeKpiFolder } from '../support/kpiFixture';
import { openBundlePage, suiteBrowser } from '../support/sidebar';

jest.setTimeout(60_000);

const browser = suiteBrowser();
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-dashboard-warn-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dashboardOf(files: Record<string, string>, name: string) {
  const wb = openBuiltWorkbook({ user: 'metodist@klin.example' });
  wb.menu('menuSetupWorkbook');
  importFolder(wb, writeKpiFolder(join(tmp, name), files));
  wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  wb.rpc('rpcKpiRecompute', { year: 2024 });
  return openBundlePage(browser(), wb, 'menuShowDashboard', { width: 1280, height: 860 });
}

test('the warnings of all ОО, then of the ОО chosen in the filter', async () => {
  const { page, errors } = await dashboardOf(CLIPPED_FILES, 'clipped');
  await page.locator('#dashboard').waitFor();
  const items = page.locator('#warningsList li');
  await expect(page.locator('#warningsPanel').isVisible()).resolves.toBe(true);
  const all = await items.allInnerTexts();
  // klin 2 clipped in Ш2; klin 4 (staff_per_methodist): Ш1 3 rows against ОО-1 20, Ш2 3 against 1.
  expect(all).toEqual([
    `Показатель 2. ${CLIPPED_WARNING}`,
    expect.stringMatching(/^Показатель 4\. ОО Ш1 — МОУ «Школа № 1»: на листе «Педагоги» 3 чел\., а по ОО-1 работников 20/),
    expect.stringMatching(/^Показатель 4\. ОО Ш2 — МОУ «Школа № 2»: на листе «Педагоги» 3 чел\., а по ОО-1 работников 1/),
  ]);
  await page.selectOption('#unit', 'Ш2');
  await expect(items.allInnerTexts()).resolves.toEqual([all[0], all[2]]);
  await page.selectOption('#unit', 'ДС');
  await expect(page.locator('#warningsPanel').isVisible()).resolves.toBe(false);
  expect(errors).toEqual([]);
  await page.close();
});

test('no block where ОО-1 and the roster agree', async () => {
  // The plain fixture with Ш1's ОО-1 at its 3 roster rows: nothing to warn of.
  const files = { ...KPI_FILES, 'organizations.csv': KPI_FILES['organizations.csv']!.replace('Школа,,20,', 'Школа,,3,') };
  const { page, errors } = await dashboardOf(files, 'agree');
  await page.locator('#dashboard').waitFor();
  await expect(page.locator('#warningsList li').count()).resolves.toBe(0);
  await expect(page.locator('#warningsPanel').isVisible()).resolves.toBe(false);
  expect(errors).toEqual([]);
  await page.close();
});
