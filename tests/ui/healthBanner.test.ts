// Past 80 % of Google's 10 million cells every sidebar warns on top (issue «Intake at Google scale», point 6), and
// below it none does — through the real bundle.
import { openBundlePage, suiteBrowser } from '../support/sidebar';
import { openReferenceWorkbook } from '../support/e2eBuild';
import type { LocalWorkbook } from '../../src/local/localWorkbook';

jest.setTimeout(60_000);
const browser = suiteBrowser();

/** The workbook as the last measure found it (what «Настроить книгу», «Создать формы» and the drain record). */
function measured(wb: LocalWorkbook, cells: number): void {
  const props = (wb.runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
  props.setProperty('marshrut.cells', JSON.stringify({ cells, at: wb.runtime.now().getTime() }));
}

const PAGES = ['menuShowQuarantine', 'menuShowImport', 'menuShowSettings', 'menuShowIndicators', 'menuShowIom', 'menuShowRegion'];

test('at 8.5 million cells every sidebar shows the warning with the way out', async () => {
  const wb = openReferenceWorkbook();
  measured(wb, 8_500_000);
  for (const menu of PAGES) {
    const { page, errors } = await openBundlePage(browser(), wb, menu);
    const banner = page.locator('#healthBanner');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain('Книга заполнена на 85 %');
    await expect(banner.innerText()).resolves.toContain('Перенести журнал изменений в архив');
    expect([menu, errors]).toEqual([menu, []]);
    await page.close();
  }
});

test('below 80 % no sidebar shows it', async () => {
  const wb = openReferenceWorkbook();
  measured(wb, 7_000_000);
  const { page } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  await page.locator('.empty, .quarantine-row').first().waitFor();
  await expect(page.locator('#healthBanner').count()).resolves.toBe(0);
  await page.close();
});
