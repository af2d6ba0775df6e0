// «Маршрут → Обновить сводку…» (and «Настройки…») of the regional workbook through the real bundle in Chromium: links pasted into the
// panel become rows of «Муниципалитеты», «Обновить сводку» reads the municipal workbooks (with progress while it
// runs), the panel lists each with its state and reason and shows the region's totals; a workbook titled like markup
// stays text; a person off the access list is refused.
import { workbookUrl } from '../../src/core/region/workbookId';
import { ORGS_CSV, scheduledJobs } from '../support/e2eBuild';
import { addMunicipality, openRegionalWorkbook, recordsOf } from '../support/region';
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';

jest.setTimeout(60_000);

const browser = suiteBrowser();
const HOSTILE = '<img src=x onerror=alert(1)>';

test('links added in the panel, the refresh with progress, each workbook’s state and the totals', async () => {
  const region = openRegionalWorkbook();
  const klin = addMunicipality(region, 'Клин');
  const dubna = addMunicipality(region, 'Дубна', { orgs: ORGS_CSV.replace(',ШНОР,60,', ',ШНОР,140,') });
  const ruza = addMunicipality(region, 'Руза');
  region.runtime.spreadsheets.restrictTo(ruza, ['owner@ruza.example']);

  const { page, errors, dialogs, hold, release } = await openBundlePage(browser(), region, 'menuShowRegion', { width: 300, height: 900 });
  await page.locator('#listCaption', { hasText: 'Список пуст' }).waitFor();

  await page
    .getByLabel('Ссылки на таблицы муниципалитетов или их ID, по одной в строке')
    .fill([workbookUrl(klin.getId()), `${workbookUrl(dubna.getId())}#gid=0`, ruza.getId(), 'моя таблица'].join('\n'));
  await page.getByRole('button', { name: 'Добавить' }).click();
  await page.locator('#message', { hasText: 'Добавлено книг: 3.' }).waitFor();
  await expect(page.locator('#message').innerText()).resolves.toContain('«моя таблица» — не ссылка на Google Таблицу и не её ID.');
  await expect(page.locator('#links').inputValue()).resolves.toBe('моя таблица');
  await expect(page.locator('#municipalities tbody .badge').allInnerTexts()).resolves.toEqual([
    'Ещё не проверена',
    'Ещё не проверена',
    'Ещё не проверена',
  ]);

  await hold();
  await page.getByRole('button', { name: 'Обновить сводку' }).click();
  await page.locator('#progress:not(.hidden)').waitFor();
  await expect(page.getByRole('button', { name: 'Обновить сводку' }).isDisabled()).resolves.toBe(true);
  await release();
  await page.locator('#message', { hasText: 'Сводка обновлена: в сводке 2 из 3.' }).waitFor();
  await expect(page.locator('#progress').isHidden()).resolves.toBe(true);

  await expect(page.locator('#municipalities tbody .badge').allInnerTexts()).resolves.toEqual(['В сводке', 'В сводке', 'Нет доступа']);
  await expect(page.locator('#municipalities tbody tr').nth(2).innerText()).resolves.toContain(
    'Нет доступа: книга не открыта для metodist@klin.example. Попросите её владельца дать этому адресу доступ хотя бы на просмотр.',
  );
  await expect(page.locator('#municipalities tbody tr').nth(0).innerText()).resolves.toMatch(/^Клин\s/);
  const totals = await page.locator('#totals tbody tr').allInnerTexts();
  expect(totals).toHaveLength(11);
  const diagnosed = recordsOf(region.spreadsheet, 'regionIndicators').find(
    (r) => r['Муниципалитет'] === 'Итого по региону' && r['Код'] === '4',
  )!;
  expect(totals[3]).toContain(String(diagnosed['Значение']).replace('.', ','));
  await expect(page.locator('#caption').innerText()).resolves.toMatch(
    /Набор показателей региона «klin», год 2025\. Сводка обновлена \d\d\.\d\d\.\d{4} \d\d:\d\d\./,
  );
  await saveScreenshot(page, 'region');

  expect(recordsOf(region.spreadsheet, 'municipalities').map((r) => r['Прочитана'])).toEqual(['Да', 'Да', 'Нет']);
  expect({ errors, dialogs }).toEqual({ errors: [], dialogs: [] });
  await page.close();
});

test('a municipal workbook titled like markup is shown as text; a person off the access list is refused', async () => {
  const region = openRegionalWorkbook();
  const hostile = addMunicipality(region, HOSTILE);
  region.rpc('rpcRegionAdd', { lines: [hostile.getId()] });
  region.rpc('rpcRegionRefresh');
  region.runtime.setActiveUser('stranger@example.com');

  const { page, errors, dialogs } = await openBundlePage(browser(), region, 'menuShowRegion');
  await page.locator('#municipalities tbody tr').first().waitFor();
  await expect(page.locator('#municipalities tbody tr').first().innerText()).resolves.toContain(HOSTILE);
  await expect(page.locator('#municipalities img').count()).resolves.toBe(0);

  await page.getByRole('button', { name: 'Обновить сводку' }).click();
  await page.locator('#message.error', { hasText: 'Нет доступа: stranger@example.com нет в списке доступа этой книги.' }).waitFor();
  expect({ errors, dialogs }).toEqual({ errors: [], dialogs: [] });
  await page.close();
});

test('«Настройки…» of the regional workbook: the access list with its rights, and the ministry’s letter only', async () => {
  const region = openRegionalWorkbook();
  region.rpc('rpcSettingsSaveAccess', { emails: ['analitik@minobr.example'] });
  const { page, errors } = await openBundlePage(browser(), region, 'menuShowSettings');
  await page.locator('#accessEmails').waitFor();
  await expect(page.locator('#accessEmails').inputValue()).resolves.toBe('analitik@minobr.example');
  await expect(page.locator('#accessRights').innerText()).resolves.toBe(
    'Кто, кроме владельца, может обновлять сводку, добавлять муниципалитеты и открывать дашборд (и его веб-приложение).',
  );
  await page.locator('#digestSection').waitFor();
  await expect(page.locator('#digestSection .regional-only').innerText()).resolves.toContain(
    'Письмо министерству уходит 1-го числа каждого месяца',
  );
  await expect(page.locator('#digestMethodists').isVisible()).resolves.toBe(false);
  await expect(page.locator('#digestCoordinators').isVisible()).resolves.toBe(false);

  await page.locator('#digestMinistry').fill('minobr@mo.example');
  await page.getByRole('button', { name: 'Сохранить получателей' }).click();
  await page.locator('#message', { hasText: 'Сохранено. Письма министерству: minobr@mo.example.' }).waitFor();
  await page.getByRole('button', { name: 'Включить рассылку' }).click();
  await page.locator('#message', { hasText: 'Ежемесячная рассылка включена.' }).waitFor();
  await saveScreenshot(page, 'settings-region');
  expect(Object.keys(scheduledJobs(region))).toContain('digest'); // a row of the scheduler's table
  expect(region.runtime.triggers.all().map((t) => t.getHandlerFunction())).toContain('onSchedulerTrigger');
  const settings = recordsOf(region.spreadsheet, 'settings');
  expect(settings.find((r) => r['Параметр'] === 'Адреса министерства')?.['Значение']).toBe('minobr@mo.example');
  expect(settings.find((r) => r['Параметр'] === 'Адреса методистов')).toBeUndefined();
  expect(errors).toEqual([]);
  await page.close();
});

test('the regional dashboard’s filter names each municipality, not its workbook’s ID (issue 18 point 4)', async () => {
  const region = openRegionalWorkbook();
  const klin = addMunicipality(region, 'Клин');
  const dubna = addMunicipality(region, 'Дубна');
  region.rpc('rpcRegionAdd', { lines: [workbookUrl(klin.getId()), workbookUrl(dubna.getId())] });
  region.rpc('rpcRegionRefresh');
  const { page, errors } = await openBundlePage(browser(), region, 'menuShowDashboard');
  await page.locator('#unit option').nth(2).waitFor({ state: 'attached' });
  await expect(page.locator('#unit option').allInnerTexts()).resolves.toEqual(['Весь регион', 'Клин', 'Дубна']);
  await expect(page.locator('#unit').innerText()).resolves.not.toContain(klin.getId());
  expect(errors).toEqual([]);
  await page.close();
});
