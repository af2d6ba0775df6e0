// The import sidebar through the real bundle: the page sends the chosen file's bytes, the bundle detects the
// encoding and decodes it with Utilities/Blob, and the rows land in the registers with their Russian text intact.
import type { Page } from 'playwright-core';
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { openBuiltWorkbook, openReferenceWorkbook, ORGS_CSV, rowsOf } from '../support/e2eBuild';
import { cp1251 } from '../support/cp1251';

jest.setTimeout(60_000);

const browser = suiteBrowser();

// Russian Excel's export of an old event journal: semicolons, CRLF, Windows-1251, «Ё», «№» and guillemets.
const EVENTS_CP1251 = [
  'Отметка времени;Название мероприятия;Вид мероприятия;Уровень;Дата начала;Примечание методиста',
  '12.09.2025 10:15:00;Семинар «Ёлочка» для школы № 1;Семинар;Муниципальный;15.09.2025;перенесён с весны',
  '13.09.2025 09:00:00;Круглый стол наставников;Круглый стол;Муниципальный;20.09.2025;',
].join('\r\n');

async function chooseFormFile(page: Page, form: string, name: string, buffer: Buffer): Promise<void> {
  await page.locator('#form').selectOption(form);
  await page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

test('a Windows-1251 CSV of form answers: mapping with the first rows, then the events in «Мероприятия»', async () => {
  const wb = openReferenceWorkbook();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowImport');
  await chooseFormFile(page, 'events', 'Мероприятия 2025.csv', Buffer.from(cp1251(EVENTS_CP1251)));
  await page.locator('#step2').waitFor({ state: 'visible' });

  await expect(page.locator('#map-0 option:checked').innerText()).resolves.toBe('Название мероприятия');
  await expect(page.locator('#rowsInfo').innerText()).resolves.toContain('Строк с ответами: 2');
  // The sample rows are visible under the mapping, as text.
  await expect(page.locator('#sampleTable thead th').allInnerTexts()).resolves.toContain('Примечание методиста');
  await expect(page.locator('#sampleTable tbody tr').first().innerText()).resolves.toContain('Семинар «Ёлочка» для школы № 1');
  await expect(page.locator('#sampleBox').isVisible()).resolves.toBe(true);
  // A long question title wraps inside its cell instead of being cut.
  const label = page.locator('#mappingTable label', { hasText: 'Количество участников' });
  const fits = await label.evaluate((node) => {
    const cell = node.closest('td')!;
    return cell.scrollWidth <= cell.clientWidth && node.getBoundingClientRect().right <= cell.getBoundingClientRect().right + 0.5;
  });
  expect(fits).toBe(true);
  await saveScreenshot(page, 'import-mapping');

  await page.locator('#run').click();
  await page.locator('#step3').waitFor({ state: 'visible' });
  await expect(page.locator('#result').innerText()).resolves.toBe('Получено 2, принято 2, в карантине 0');
  // The column that fed no question is named, from the bundle's own report.
  await expect(page.locator('#unusedColumns').innerText()).resolves.toBe('Не использованы столбцы: Примечание методиста');
  await saveScreenshot(page, 'import-result');

  const titles = rowsOf(wb, 'events').map((r) => r['Название мероприятия']);
  expect(titles).toEqual(['Семинар «Ёлочка» для школы № 1', 'Круглый стол наставников']);
  expect(errors).toEqual([]);
  await page.close();
});

test('a UTF-16 reference file with BOM (Excel «Unicode text») loads «Организации»', async () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowImport');
  await page.getByLabel('Справочники').check();
  await page.locator('#refSheet').selectOption('organizations');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ORGS_CSV, 'utf16le')]);
  await page.locator('#refFile').setInputFiles({ name: 'organizations.csv', mimeType: 'text/csv', buffer: utf16 });
  await page.getByRole('button', { name: 'Загрузить справочник' }).click();
  await page.locator('#refResultBox').waitFor({ state: 'visible' });
  await expect(page.locator('#refResult').innerText()).resolves.toBe('Строк 3: добавлено 3, обновлено 0, без изменений 0');
  await saveScreenshot(page, 'import-reference');
  expect(rowsOf(wb, 'organizations').map((r) => r['Наименование'])).toEqual([
    'МОУ «Средняя школа № 1»',
    'МДОУ «Детский сад «Ромашка»»',
    'МУ «Учебно-методический центр»',
  ]);
  expect(errors).toEqual([]);
  await page.close();
});

test('a file in no supported encoding is refused with a message naming it, and nothing is imported', async () => {
  const wb = openReferenceWorkbook();
  const { page } = await openBundlePage(browser(), wb, 'menuShowImport');
  // KOI8-R: the other single-byte Cyrillic, which the add-on does not guess.
  const koi8 = Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x3b, 0xcd, 0xc9, 0xd2, 0x0a, 0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x0a]);
  await chooseFormFile(page, 'events', 'старый_журнал.csv', koi8);
  const message = page.locator('#message.box.error');
  await message.waitFor();
  await expect(message.innerText()).resolves.toContain('Файл «старый_журнал.csv» не удалось прочитать');
  await expect(page.locator('#step2').isVisible()).resolves.toBe(false);
  expect(rowsOf(wb, 'events')).toHaveLength(0);
  await page.close();
});

test('two columns for one question: the non-empty one wins and the page says so', async () => {
  const wb = openReferenceWorkbook();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowImport');
  const csv = [
    'Отметка времени,Название,Название мероприятия,Вид мероприятия,Уровень,Дата начала',
    '12.09.2025 10:15:00,,Семинар наставников,Семинар,Муниципальный,15.09.2025',
    '12.09.2025 10:16:00,Форум молодых педагогов,,Форум,Региональный,16.09.2025',
  ].join('\n');
  await chooseFormFile(page, 'events', 'journal.csv', Buffer.from(csv, 'utf8'));
  await page.locator('#step2').waitFor({ state: 'visible' });
  await expect(page.locator('#mappingTable tr', { hasText: 'Название мероприятия' }).locator('.alternates').innerText()).resolves.toBe('Если пусто — из «Название»');
  await page.locator('#run').click();
  await page.locator('#step3').waitFor({ state: 'visible' });
  await expect(page.locator('#result').innerText()).resolves.toBe('Получено 2, принято 2, в карантине 0');
  await expect(page.locator('#notes').innerText()).resolves.toContain(
    'Столбцы «Название мероприятия» и «Название» относятся к одному вопросу «Название мероприятия»: в каждой строке взят первый непустой.',
  );
  expect(rowsOf(wb, 'events').map((r) => r['Название мероприятия'])).toEqual(['Семинар наставников', 'Форум молодых педагогов']);
  expect(errors).toEqual([]);
  await page.close();
});
