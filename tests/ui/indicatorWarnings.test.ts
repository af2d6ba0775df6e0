// The «Показатели» sidebar through the real bundle shows where ОО-1 and «Педагоги» disagree. SPEC §6: «the
// numerator takes that ОО's headcount, and the row carries a warning naming the ОО and both numbers (…), shown in the
// sidebar, on the dashboard and in `kpi.json` (`warnings`)». The folder is kpiFixture's CLIPPED_FILES.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFolder } from '../../src/local/importFolder';
import { openBuiltWorkbook } from '../support/e2eBuild';
import { CLIPPED_FILES, CLIPPED_WARNING, writeKpiFolder } from '../support/kpiFixture';
import { openBundlePage, suiteBrowser } from '../support/sidebar';

jest.setTimeout(60_000);

const browser = suiteBrowser();
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-kpi-warn-'));
const data = writeKpiFolder(join(tmp, 'data'), CLIPPED_FILES);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('the warnings under the table and on the row, after a recompute and again when the sidebar is reopened', async () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  importFolder(wb, data);
  const first = await openBundlePage(browser(), wb, 'menuShowIndicators');
  await first.page.locator('#preset option[value="klin"]').waitFor({ state: 'attached' });
  await first.page.locator('#loadPreset').click();
  await first.page.locator('#message', { hasText: 'Показатели пересчитаны' }).waitFor();

  const warnings = first.page.locator('#warningsList li');
  await expect(first.page.locator('#warnings').isVisible()).resolves.toBe(true);
  const texts = await warnings.allInnerTexts();
  expect(texts[0]).toBe(`2. ${CLIPPED_WARNING}`);
  expect(texts.slice(1)).toEqual([
    expect.stringMatching(/^4\. ОО Ш1 — МОУ «Школа № 1»: на листе «Педагоги» 3 чел\., а по ОО-1 работников 20 — расходятся/),
    expect.stringMatching(/^4\. ОО Ш2 — МОУ «Школа № 2»: на листе «Педагоги» 3 чел\., а по ОО-1 работников 1 — расходятся/),
  ]);
  // Row 2 is 2 of 22 (9,1 %), marked; row 3 (teachers, by roster rows) is not.
  const row = (code: string) => first.page.locator(`#kpi tbody tr[data-code="${code}"]`);
  await expect(row('2').locator('td').nth(2).innerText()).resolves.toBe('9,1 %');
  await expect(row('2').locator('.warn-mark').count()).resolves.toBe(1);
  await expect(row('3').locator('.warn-mark').count()).resolves.toBe(0);
  await row('2').click();
  await expect(first.page.locator('#detailsWarnings li').allInnerTexts()).resolves.toEqual([CLIPPED_WARNING]);
  await row('3').click();
  await expect(first.page.locator('#detailsWarnings').isVisible()).resolves.toBe(false);
  expect(first.errors).toEqual([]);
  await first.page.close();

  // Reopened: the last recompute is read back from «Показатели», its warnings with it.
  const again = await openBundlePage(browser(), wb, 'menuShowIndicators');
  await again.page.locator('#warningsList li').first().waitFor();
  await expect(again.page.locator('#warningsList li').allInnerTexts()).resolves.toEqual(texts);
  expect(again.errors).toEqual([]);
  await again.page.close();
});
