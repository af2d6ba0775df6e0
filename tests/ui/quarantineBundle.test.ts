// The quarantine sidebar through the real bundle: a rejected form answer appears in the page, the methodist fixes
// it there, and the row appears in the register.
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { openBuiltWorkbook, ORGS_CSV, rowsOf, STAFF_CSV } from '../support/e2eBuild';
import { FORMS } from '../../src/core/schema/forms';

jest.setTimeout(60_000);

const browser = suiteBrowser();

test('a quarantined answer fixed in the sidebar lands in «Мероприятия»', async () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  wb.rpc('rpcImportReference', { sheet: 'organizations', csvText: ORGS_CSV });
  wb.rpc('rpcImportReference', { sheet: 'staff', csvText: STAFF_CSV });
  wb.menu('menuCreateForms');
  const events = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS.events.title)!;
  // An old export's row: the end date before the start date — quarantined.
  wb.runtime.forms.submit(events, {
    imported: true,
    answers: {
      'Название мероприятия': 'Семинар наставников',
      'Вид мероприятия': 'Семинар',
      Уровень: 'Муниципальный',
      'Дата начала': '15.09.2025',
      'Дата окончания': '01.09.2025',
    },
  });
  expect(rowsOf(wb, 'events')).toHaveLength(0);

  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowQuarantine');
  const card = page.locator('.quarantine-row', { hasText: 'Журнал мероприятий' });
  await card.waitFor();
  await expect(card.innerText()).resolves.toContain('раньше, чем «Дата начала»');
  await card.click();
  await page.locator('[data-question="Дата окончания"]').fill('16.09.2025');
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
